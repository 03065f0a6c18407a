"""Catalogue music a person can identify, judge, hear and put in a video: recommendations that
look up what they show, the `usable` filter, "use this track", all against the fake Jamendo."""

from __future__ import annotations

import time

import numpy as np
import pytest
from skimage import data
from sqlalchemy import select

from moodify.catalog.audio import UseRefused
from moodify.catalog.enrich import store_answer
from moodify.catalog.sources import jamendo_number
from moodify.domain import recommendations, renders, tracks
from moodify.emotion import EmotionEstimate
from moodify.media import MediaFile
from moodify.online.http import DownloadRefused
from moodify.online.jamendo import JamendoClient
from moodify.recommend import Options
from moodify.service import Moodify
from moodify.store.models import Track, TrackAudio
from tests.mediafactory import chord_clip, write_video

SAD = EmotionEstimate.from_label("sadness")
HAPPY = EmotionEstimate.from_label("happiness")     # its top ten are mostly Jamendo tracks
BY = "https://creativecommons.org/licenses/by/4.0/"


@pytest.fixture(scope="module")
def service(catalogue):
    return Moodify(catalogue, semantic=False)


@pytest.fixture(scope="module")
def video(tmp_path_factory):
    folder = tmp_path_factory.mktemp("video")
    return MediaFile(write_video(folder / "post.mp4", [data.astronaut()], 3.0, sound=chord_clip(3.0, amplitude=0.05)),
                     "post.mp4")


def jamendo_track(store, *, enriched: bool) -> Track:
    with store.session() as session:
        return session.scalars(select(Track).where(
            Track.source == "jamendo", Track.available.is_(True),
            Track.enriched_at.is_not(None) if enriched else Track.enriched_at.is_(None))
            .order_by(Track.id.desc())).first()


def test_offline_nothing_is_asked_and_the_list_says_how_to_get_names(service, online, monkeypatch):
    monkeypatch.setenv("MOODIFY_OFFLINE", "1")
    shown = recommendations.recommend(service, service.viewer(), SAD, Options(limit=10))
    assert online.jamendo.requests == [] and shown.to_dict()["online"] == {
        "offline": True, "jamendo": "offline", "openverse": "offline"}
    assert all(t["preview_url"] is None or t["source"] == "user" for t in shown.tracks)


def test_without_a_client_id_the_list_is_as_it_was(service, online, monkeypatch):
    monkeypatch.delenv("MOODIFY_JAMENDO_CLIENT_ID")
    shown = recommendations.recommend(service, service.viewer(), HAPPY, Options(limit=10))
    assert online.jamendo.requests == [] and shown.to_dict()["online"]["jamendo"] == "no_client_id"
    assert any(t["title"].startswith("Jamendo track ") for t in shown.tracks)


def test_a_list_looks_up_its_jamendo_tracks_in_one_request_and_shows_what_they_are(service, online):
    shown = recommendations.recommend(service, service.viewer(), HAPPY, Options(limit=10))
    assert len(online.jamendo.requests) == 1
    assert shown.notices[0]["code"] == "jamendo_looked_up" and shown.notices[0]["count"] > 0
    jamendo = [t for t in shown.tracks if t["source"] == "jamendo"]
    assert jamendo and not any(t["title"].startswith("Jamendo track ") for t in jamendo)
    for track in jamendo:
        said = online.jamendo.entry(int(track["source_id"].split("_")[1]))
        assert (track["title"], track["artist"]) == (said["name"], said["artist_name"])
        assert track["licence"]["kind"] == "creative-commons" and track["licence"]["code"]
        assert track["preview_url"].startswith(online.jamendo.root) and track["playable"]
        assert track["segment"]["basis"] == "estimated"
        assert 0 <= track["segment"]["start"] < track["segment"]["end"] <= track["duration_s"] + 0.1
    recommendations.recommend(service, service.viewer(), HAPPY, Options(limit=10))
    assert len(online.jamendo.requests) == 1          # looked up once, remembered


def test_a_slow_jamendo_never_holds_a_list_up_more_than_about_3_seconds(service, online):
    online.jamendo.delay_seconds = 10
    started = time.monotonic()
    shown = recommendations.recommend(service, service.viewer(), EmotionEstimate.from_label("happiness"),
                                      Options(limit=10, mode="calm"))
    assert time.monotonic() - started < 4.5
    assert len(shown.tracks) == 10 and shown.notices[0] == {"code": "jamendo_lookup_failed",
                                                            "reason": "online_failed"}


@pytest.mark.parametrize("usable", ["personal", "monetised"])
def test_the_usable_filter_only_offers_what_the_licence_allows(service, online, usable):
    shown = recommendations.recommend(service, service.viewer(), EmotionEstimate.from_label("happiness"),
                                      Options(limit=10, usable=usable))
    assert shown.tracks
    for track in shown.tracks:
        licence = track["licence"]
        assert licence["kind"] != "unknown" and not (licence["kind"] == "creative-commons" and not licence["code"])
        if usable == "monetised":
            assert licence["kind"] == "own" or (licence["commercial_use"] and licence["video_sync"])
        else:
            assert licence["kind"] in ("own", "platform") or licence["video_sync"] is True


def test_when_the_filter_leaves_too_few_the_list_says_how_to_get_more(service, online, monkeypatch):
    monkeypatch.setenv("MOODIFY_OFFLINE", "1")
    shown = recommendations.recommend(service, service.viewer(), SAD, Options(limit=50, usable="monetised",
                                                                              instrumental=True, max_duration=60))
    notice = next(n for n in shown.notices if n["code"] == "shortfall")
    assert notice["asked"] == 50 and notice["found"] == len(shown.tracks) < 50
    assert notice["remedies"] == ["import_own"]        # offline: no online remedy is offered
    monkeypatch.delenv("MOODIFY_OFFLINE")
    monkeypatch.delenv("MOODIFY_JAMENDO_CLIENT_ID")
    shown = recommendations.recommend(service, service.viewer(), SAD, Options(limit=50, usable="monetised",
                                                                              instrumental=True, max_duration=60))
    remedies = next(n for n in shown.notices if n["code"] == "shortfall")["remedies"]
    assert remedies == ["set_jamendo_client_id", "find_online", "import_own"]


def _enriched_with(service, online, **fields) -> Track:
    """A Jamendo track looked up with these fields (e.g. its licence) on the fake."""
    track = jamendo_track(service.store, enriched=False)
    number = jamendo_number(track.source_id)
    if fields.get("audiodownload_allowed"):
        fields.setdefault("audiodownload", f"{online.jamendo.root}/download/track/{number}/mp32/")
    online.jamendo.overrides[number] = fields
    with service.store.session() as session:
        store_answer([session.get(Track, track.id)], JamendoClient.from_settings().tracks([number]))
    return track


def test_use_this_track_downloads_analyses_and_renders_with_the_credit_line(service, online, video, tmp_path):
    track = _enriched_with(service, online, license_ccurl=BY, audiodownload_allowed=True)
    view = tracks.track(service, service.viewer(), track.id)
    assert view["use"] == {"video": True, "reason": None, "needs_download": True}
    done = renders.render_video(service, service.viewer(), video, track.id, tmp_path / "out.mp4", usable="monetised")
    assert abs(done["duration"] - 3.0) < 0.1 and abs(done["loudness_lufs"] + 14) < 1
    assert done["licence"]["code"] == "CC BY 4.0"
    assert done["attribution"].startswith(f'Music: "{view["title"]}" by {view["artist"]}')
    after = tracks.track(service, service.viewer(), track.id)
    assert after["preview_url"] == f"/api/v1/tracks/{track.id}/audio" and after["use"]["needs_download"] is False
    with service.store.session() as session:
        fetched = session.get(TrackAudio, track.id)
        assert fetched.analysis["beats"] and fetched.size_bytes > 10_000
    downloads = len(online.jamendo.audio_requests)
    renders.render_video(service, service.viewer(), video, track.id, tmp_path / "again.mp4")
    assert len(online.jamendo.audio_requests) == downloads      # fetched once


@pytest.mark.parametrize("fields,usable,reason", [
    ({"license_ccurl": "https://creativecommons.org/licenses/by-nd/4.0/"}, "any", "no_derivatives"),
    ({"license_ccurl": "https://creativecommons.org/licenses/by-nc-nd/3.0/"}, "any", "no_derivatives"),
    ({"license_ccurl": "https://creativecommons.org/licenses/by-nc-sa/3.0/"}, "monetised", "non_commercial"),
    ({"license_ccurl": BY, "audiodownload_allowed": False}, "any", "download_not_allowed")])
def test_a_track_that_does_not_allow_it_is_refused_with_the_reason(service, online, video, tmp_path,
                                                                     fields, usable, reason):
    track = _enriched_with(service, online, **fields)
    with pytest.raises(UseRefused) as refused:
        renders.render_video(service, service.viewer(), video, track.id, tmp_path / "out.mp4", usable=usable)
    assert refused.value.code == reason and refused.value.status == 409
    assert online.jamendo.audio_requests == []


@pytest.mark.parametrize("fault", ["html", "too_large"])
def test_a_download_that_is_not_audio_or_too_large_is_refused_and_nothing_is_kept(service, online, fault,
                                                                                   monkeypatch, instance):
    track = _enriched_with(service, online, license_ccurl=BY, audiodownload_allowed=True)
    if fault == "html":
        online.jamendo.html_downloads = True
    else:
        monkeypatch.setenv("MOODIFY_MAX_DOWNLOAD_MB", "1")
        online.jamendo.download_bytes = 3 * 2**20
    with pytest.raises(DownloadRefused):
        tracks.fetch_audio(service, service.viewer(), track.id)
    with service.store.session() as session:
        assert session.get(TrackAudio, track.id) is None
    assert not list((instance / "catalog_audio").rglob(f"{track.id}.*"))


def test_a_popular_song_is_never_fetched_and_says_where_to_find_it(service, online):
    with service.store.session() as session:
        song = session.scalars(select(Track).where(Track.source == "pmemo")).first()
    view = tracks.track(service, service.viewer(), song.id)
    assert view["licence"]["kind"] == "platform" and view["preview_url"] is None
    assert view["use"]["reason"] == "platform_only"
    assert set(view["find_on"]) == {"youtube_music", "spotify", "apple_music"}
    with pytest.raises(UseRefused):
        tracks.fetch_audio(service, service.viewer(), song.id)


def test_the_preview_of_an_analysed_track_starts_at_its_best_stretch(service, online, video, tmp_path):
    track = _enriched_with(service, online, license_ccurl=BY, audiodownload_allowed=True)
    tracks.fetch_audio(service, service.viewer(), track.id)
    with service.store.session() as session:
        analysis = session.get(TrackAudio, track.id).analysis
    from moodify import listing
    view = {**tracks.track(service, service.viewer(), track.id)}
    segment = listing.suggested_segment(view, analysis, 4.0, (-0.5, -0.4))
    assert segment["basis"] == "analysed" and np.isclose(segment["end"] - segment["start"], 4.0, atol=0.01)


def test_three_people_using_one_track_at_once_share_one_download(service, online):
    track = _enriched_with(service, online, license_ccurl=BY, audiodownload_allowed=True)
    from concurrent.futures import ThreadPoolExecutor
    with ThreadPoolExecutor(3) as pool:
        results = list(pool.map(lambda _: tracks.fetch_audio(service, service.viewer(), track.id), range(3)))
    assert all(r["track_id"] == track.id for r in results)
    assert len(online.jamendo.audio_requests) == 1


def test_an_empty_answer_marks_nothing_unavailable(service, online):
    track = jamendo_track(service.store, enriched=False)
    online.jamendo.answer_next({"headers": {"status": "success", "code": 0, "results_count": 0}, "results": []})
    shown = recommendations.recommend(service, service.viewer(), HAPPY, Options(limit=10, mode="uplift"))
    with service.store.session() as session:
        unchanged = session.get(Track, track.id)
        assert unchanged.available is True
    assert any(n["code"] == "jamendo_lookup_failed" for n in shown.notices) or not any(
        t["source"] == "jamendo" for t in shown.tracks)


def test_a_jamendo_that_trickles_its_answer_is_cut_off_and_rested(service, online, monkeypatch):
    from moodify.catalog import enrich
    monkeypatch.setattr(enrich, "_rest_until", 0.0)
    online.jamendo.delay_seconds = 10
    started = time.monotonic()
    first = recommendations.recommend(service, service.viewer(), EmotionEstimate.from_label("surprise"),
                                      Options(limit=10, mode="calm"))
    assert time.monotonic() - started < 4.5
    assert first.notices[0]["code"] == "jamendo_lookup_failed"
    requests = len(online.jamendo.requests)
    started = time.monotonic()
    second = recommendations.recommend(service, service.viewer(), EmotionEstimate.from_label("surprise"),
                                       Options(limit=10, mode="calm"))
    assert time.monotonic() - started < 1.0 and len(online.jamendo.requests) == requests     # resting
    assert second.notices[0] == {"code": "jamendo_lookup_failed", "reason": "resting"}
    monkeypatch.setattr(enrich, "_rest_until", 0.0)


def test_downloads_stop_at_the_catalogue_audio_budget(service, online, monkeypatch):
    from moodify.catalog.audio import AudioBudgetFull
    track = _enriched_with(service, online, license_ccurl=BY, audiodownload_allowed=True)
    monkeypatch.setenv("MOODIFY_CATALOG_AUDIO_BUDGET_MB", "0")
    with pytest.raises(AudioBudgetFull) as full:
        tracks.fetch_audio(service, service.viewer(), track.id)
    assert full.value.status == 507 and "catalog_audio_budget_mb" in full.value.message
