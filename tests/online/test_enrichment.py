"""`catalog enrich jamendo`: the catalogue's Jamendo tracks looked up on the fake Jamendo, 200
ids a request, stored with the date, resumable, and honest about what failed."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import select

from moodify.catalog import build
from moodify.catalog.enrich import enrich_batch, pending_count
from moodify.catalog.sources import jamendo_number
from moodify.catalog.index import load_index
from moodify.licence import licence_for
from moodify.online.jamendo import JamendoClient
from moodify.recommend import Options, filter_mask
from moodify.store.models import Track


def pending(store, n: int) -> list[Track]:
    """The next n tracks a batch would ask about."""
    with store.session() as session:
        return session.scalars(select(Track).where(Track.source == "jamendo", Track.enriched_at.is_(None))
                               .order_by(Track.id).limit(n)).all()


def stored(store, track_id: int) -> Track:
    with store.session() as session:
        return session.get(Track, track_id)


def test_a_batch_asks_200_ids_a_request_and_stores_what_jamendo_says(catalogue, online):
    jamendo = online.jamendo
    upcoming = pending(catalogue, 450)
    gone = upcoming[7]
    jamendo.removed.add(jamendo_number(gone.source_id))
    before = pending_count(catalogue)

    report = enrich_batch(catalogue, JamendoClient.from_settings(), limit=450)

    assert (report.asked, report.requests, report.unavailable, report.enriched) == (450, 4, 1, 449)
    # 200 a request; the one missing from the first answer is asked again alone before it counts as gone
    assert [int(r["limit"]) for r in jamendo.requests] == [200, 1, 200, 50]
    assert jamendo.requests[1]["id"] == str(jamendo_number(gone.source_id))
    assert pending_count(catalogue) == before - 450 == report.remaining
    first = stored(catalogue, upcoming[0].id)
    said = jamendo.entry(jamendo_number(first.source_id))
    assert (first.title, first.artist, first.licence_url) == (said["name"], said["artist_name"], said["license_ccurl"])
    assert first.enriched_at is not None and first.url == said["shareurl"]
    assert (first.download_url is not None) == said["audiodownload_allowed"]
    assert licence_for("jamendo", licence_url=first.licence_url).code is not None
    assert stored(catalogue, gone.id).available is False


def test_a_track_jamendo_no_longer_has_is_never_recommended(catalogue, online):
    gone = pending(catalogue, 1)[0]
    online.jamendo.removed.add(jamendo_number(gone.source_id))
    enrich_batch(catalogue, JamendoClient.from_settings(), limit=1)
    with catalogue.session() as session:
        index = load_index(session)
    assert not filter_mask(index, Options())[index.row_of[gone.id]]


def test_a_second_run_skips_what_is_stored_and_an_interrupted_one_keeps_its_batches(catalogue, online):
    client = JamendoClient.from_settings()
    enrich_batch(catalogue, client, limit=5)
    asked_first = set(online.jamendo.requests[-1]["id"].split())
    nxt = pending(catalogue, 300)

    def interrupt(done, total):
        raise KeyboardInterrupt      # Ctrl+C after the first request's answer was stored
    with pytest.raises(KeyboardInterrupt):
        enrich_batch(catalogue, client, limit=300, progress=interrupt)

    assert not asked_first & set(online.jamendo.requests[-1]["id"].split())
    assert stored(catalogue, nxt[199].id).enriched_at is not None        # the first batch of 200 is kept
    assert stored(catalogue, nxt[200].id).enriched_at is None


def test_429_with_retry_after_is_waited_for_and_a_long_one_stops_the_run_keeping_what_was_done(catalogue, online):
    client = JamendoClient.from_settings()
    online.jamendo.fail_next(429, times=1, retry_after=1)
    started = time.monotonic()
    report = enrich_batch(catalogue, client, limit=3)
    assert report.enriched == 3 and report.stopped is None and time.monotonic() - started >= 1.0

    left = pending_count(catalogue)
    online.jamendo.fail_next(429, times=1, retry_after=3600)
    report = enrich_batch(catalogue, client, limit=3)
    assert report.stopped == "online_rate_limited" and "3600" in report.errors[0]
    assert pending_count(catalogue) == left


@pytest.mark.parametrize("fault", ["server_error", "malformed"])
def test_a_service_that_keeps_failing_stops_the_run_with_the_reason(catalogue, online, fault):
    client = JamendoClient.from_settings()
    if fault == "server_error":
        online.jamendo.fail_next(503, times=10)
    else:
        online.jamendo.malformed_next(times=10)
    left = pending_count(catalogue)
    report = enrich_batch(catalogue, client, limit=3)
    assert report.stopped == "online_failed" and report.asked == 0
    assert pending_count(catalogue) == left


def test_a_bad_client_id_says_which_setting_to_fix(catalogue, online, monkeypatch):
    online.jamendo.invalid_client_ids.add("wrong")
    monkeypatch.setenv("MOODIFY_JAMENDO_CLIENT_ID", "wrong")
    report = enrich_batch(catalogue, JamendoClient.from_settings(), limit=2)
    online.jamendo.invalid_client_ids.clear()
    assert report.stopped == "online_refused" and "MOODIFY_JAMENDO_CLIENT_ID" in report.errors[0]
    assert "wrong" not in report.errors[0]


def test_missing_fields_leave_the_licence_unknown_and_downloads_off(catalogue, online):
    online.jamendo.drop_fields.update({"license_ccurl", "audiodownload_allowed", "artist_name"})
    track = pending(catalogue, 1)[0]
    enrich_batch(catalogue, JamendoClient.from_settings(), limit=1)
    after = stored(catalogue, track.id)
    assert after.enriched_at is not None and after.title and after.artist is None
    assert after.licence_url is None and after.download_allowed is False and after.download_url is None
    assert licence_for("jamendo", licence_url=after.licence_url).commercial_use is None


def test_rebuilding_the_catalogue_keeps_what_was_learnt(catalogue, online):
    track = pending(catalogue, 1)[0]
    enrich_batch(catalogue, JamendoClient.from_settings(), limit=1)
    named = stored(catalogue, track.id)
    build.build(catalogue)
    again = stored(catalogue, track.id)
    assert (again.title, again.artist, again.licence_url) == (named.title, named.artist, named.licence_url)
    assert again.title and again.enriched_at == named.enriched_at


def test_an_answer_with_none_of_the_tracks_marks_nothing_and_stops(catalogue, online):
    left = pending_count(catalogue)
    online.jamendo.answer_next({"headers": {"status": "success", "code": 0, "results_count": 0}, "results": []})
    report = enrich_batch(catalogue, JamendoClient.from_settings(), limit=5)
    assert report.stopped == "online_failed" and "none of 5" in report.errors[0]
    assert pending_count(catalogue) == left
