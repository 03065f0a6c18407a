"""`catalog find-online`: Creative Commons music from the fake Openverse, found by mood words,
judged, downloaded, heard on this machine and added with its full licence."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from moodify.domain import recommendations, tracks
from moodify.find_online import query_for
from moodify.emotion import EmotionEstimate
from moodify.online.http import OfflineError
from moodify.recommend import Options
from moodify.service import Moodify
from moodify.store.models import Track, TrackAudio

SAD = EmotionEstimate.from_label("sadness")


@pytest.fixture(scope="module")
def service(catalogue):
    return Moodify(catalogue, semantic=False)


def test_the_query_is_mood_words_any_of_which_may_match():
    assert query_for(SAD, "match") == "sad | melancholic | melancholy | gloomy"
    assert "happy" in query_for(SAD, "uplift")


def test_finds_are_judged_downloaded_analysed_and_added_with_their_licence(service, online):
    report = tracks.find_online(service, SAD, limit=3)
    asked = online.openverse.requests[0]
    assert asked["q"] == query_for(SAD, "match") and asked["category"] == "music"
    assert "license_type" not in asked
    assert len(report["added"]) == 3
    with service.store.session() as session:
        for added in report["added"]:
            track = session.get(Track, added["id"])
            published = online.openverse.track(track.source_id)
            assert track.source == "openverse" and track.title == published.title
            assert track.artist == published.creator and track.owner_id is None
            assert added["licence"]["kind"] == "creative-commons" and added["licence"]["video_sync"] is True
            assert session.get(TrackAudio, track.id).analysis["beats"] is not None
            assert track.annotation["reading"]["probs"] and track.emotion
    assert all(s["reason"] in ("no_derivatives", "licence_unknown") for s in report["skipped"])
    view = tracks.track(service, service.viewer(), report["added"][0]["id"])
    assert view["preview_url"] == f"/api/v1/tracks/{view['id']}/audio" and view["use"]["video"]


def test_a_second_search_does_not_fetch_what_is_already_here(service, online):
    first = tracks.find_online(service, SAD, limit=2)
    files = len(online.openverse.file_requests)
    again = tracks.find_online(service, SAD, limit=2)
    assert {a["id"] for a in first["added"]}.isdisjoint(a["id"] for a in again["added"])
    assert len(again["known"]) >= 2 and len(online.openverse.file_requests) - files == len(again["added"])


def test_monetised_asks_for_licences_that_allow_commercial_use_and_changes(service, online):
    report = tracks.find_online(service, EmotionEstimate.from_label("happiness"), limit=2, usable="monetised")
    assert online.openverse.requests[0]["license_type"] == "commercial,modification"
    assert report["added"] and all(a["licence"]["commercial_use"] for a in report["added"])


def test_a_file_that_is_a_web_page_is_skipped_and_nothing_is_kept(service, online, instance):
    online.openverse.html_files = True
    report = tracks.find_online(service, EmotionEstimate.from_label("neutral"), limit=2)
    assert report["added"] == [] and report["skipped"]
    assert {s["reason"] for s in report["skipped"]} <= {"download_refused", "no_derivatives", "licence_unknown"}
    assert not list((instance / "catalog_audio" / "openverse").glob("incoming-*"))


def test_offline_nothing_is_asked(service, online, monkeypatch):
    monkeypatch.setenv("MOODIFY_OFFLINE", "1")
    with pytest.raises(OfflineError):
        tracks.find_online(service, SAD, limit=2)
    assert online.openverse.requests == []


def test_what_was_found_is_recommended_and_playable(service, online):
    tracks.find_online(service, EmotionEstimate.from_label("happiness"), limit=2)
    with service.store.session() as session:
        found = set(session.scalars(select(Track.id).where(Track.source == "openverse")))
    shown = recommendations.recommend(service, service.viewer(), SAD, Options(limit=200, usable="monetised"))
    ours = [t for t in shown.tracks if t["id"] in found]
    assert ours and all(t["playable"] and t["segment"]["basis"] == "analysed" for t in ours)


def test_a_landing_page_that_is_not_a_web_address_is_never_shown_as_a_link(catalogue):
    from moodify.catalog.views import track_view
    with catalogue.session() as session:
        track = session.scalars(select(Track)).first()
        track.url = "javascript:alert(1)"
        assert track_view(track)["url"] is None
        session.rollback()
