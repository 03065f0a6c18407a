"""The Jamendo client against the local fake Jamendo (tests/fakes/jamendo.py): never the network."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
import requests

from moodify.media import MediaFile
from moodify.media.audio import RATE, decode
from moodify.online.http import OfflineError, OnlineError, RateLimited, ServiceRefused
from moodify.online.jamendo import MAX_IDS_PER_REQUEST, JamendoClient, NoClientId
from tests.fakes.jamendo import LICENCES, FakeJamendo

CLIENT_ID = "moodify-test-client"
EXAMPLE = Path(__file__).parents[1] / "fixtures" / "jamendo" / "tracks.json"


@pytest.fixture(autouse=True)
def online(monkeypatch):
    """Whatever the developer's shell says, these tests run online and with no configured id."""
    for name in ("MOODIFY_OFFLINE", "MOODIFY_JAMENDO_CLIENT_ID", "MOODIFY_JAMENDO_API_URL"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture()
def jamendo():
    with FakeJamendo() as fake:
        yield fake


@pytest.fixture()
def client(jamendo):
    return JamendoClient(CLIENT_ID, jamendo.url)


def ids_where(jamendo, test, count: int, start: int = 1) -> list[int]:
    """The first `count` ids from `start` whose entry in the fake's catalogue passes `test`."""
    found, track_id = [], start
    while len(found) < count:
        if test(jamendo.entry(track_id)):
            found.append(track_id)
        track_id += 1
    return found


def asked_ids(request: dict) -> list[str]:
    return request["id"].split()


# --- every existing track comes back ---

def test_250_ids_are_asked_in_two_requests_each_with_a_limit_and_all_come_back(client, jamendo):
    tracks = client.tracks(range(1, 251))

    assert sorted(tracks) == list(range(1, 251))
    assert [len(asked_ids(r)) for r in jamendo.requests] == [MAX_IDS_PER_REQUEST, 50]
    assert [r["limit"] for r in jamendo.requests] == ["200", "50"]


def test_more_than_ten_ids_all_come_back_though_jamendo_answers_ten_by_default(client, jamendo):
    ids = list(range(1000, 1050))
    bare = requests.get(f"{jamendo.url}/tracks/", params={"client_id": CLIENT_ID, "id": " ".join(map(str, ids)),
                                                          "track_type": "single albumtrack"}, timeout=5).json()
    assert len(bare["results"]) == 10          # the documented default the client must not fall for

    assert sorted(client.tracks(ids)) == ids


def test_singles_come_back_with_no_album(client, jamendo):
    singles = ids_where(jamendo, lambda entry: entry["album_id"] == "", 3)
    bare = requests.get(f"{jamendo.url}/tracks/", params={"client_id": CLIENT_ID, "limit": 3,
                                                          "id": " ".join(map(str, singles))}, timeout=5).json()
    assert bare["results"] == []               # album tracks only unless track_type says otherwise

    tracks = client.tracks(singles)

    assert sorted(tracks) == singles
    assert all(t.album_name is None and t.name and t.image for t in tracks.values())


def test_ids_jamendo_no_longer_has_are_absent(client, jamendo):
    jamendo.removed = {12, 14}

    assert sorted(client.tracks([11, 12, 13, 14])) == [11, 13]


def test_each_id_is_asked_once_and_no_ids_ask_nothing(client, jamendo):
    assert client.tracks([]) == {}
    assert jamendo.requests == []

    assert sorted(client.tracks([7, 7, 8, 7])) == [7, 8]
    assert asked_ids(jamendo.requests[0]) == ["7", "8"]


# --- what a track carries ---

def test_a_track_carries_credits_licence_and_a_good_quality_stream_that_plays(client, jamendo, tmp_path):
    track_id = ids_where(jamendo, lambda entry: entry["album_id"] and entry["audiodownload_allowed"], 1)[0]
    track = client.tracks([track_id])[track_id]

    assert track.name and track.artist_name and track.album_name and track.image
    assert track.license_ccurl in LICENCES
    assert 90 <= track.duration <= 360
    assert track.shareurl == f"https://www.jamendo.com/track/{track_id}"
    assert "format=mp32" in track.audio        # not the 96 kb/s mp31 Jamendo gives by default
    answer = requests.get(track.audio, timeout=5)
    assert answer.headers["Content-Type"] == "audio/mpeg"
    (tmp_path / "preview.mp3").write_bytes(answer.content)
    assert len(decode(MediaFile(tmp_path / "preview.mp3", "preview.mp3"))) / RATE == pytest.approx(8, abs=0.2)


def test_the_documented_example_is_read(client, jamendo):
    jamendo.answer_next(json.loads(EXAMPLE.read_text()))

    tracks = client.tracks([1886257, 1932044])

    album_track, single = tracks[1886257], tracks[1932044]
    assert (album_track.name, album_track.artist_name, album_track.album_name) == \
        ("Harbour Lights", "Lena Marlow", "Letters of Summer")
    assert album_track.duration == 214.0 and album_track.audiodownload_allowed
    assert album_track.audiodownload.endswith("/download/track/1886257/mp32/")
    assert single.album_name is None and single.image
    assert single.audiodownload is None and not single.audiodownload_allowed
    assert single.license_ccurl == "https://creativecommons.org/licenses/by-nc-nd/4.0/"


def test_the_fake_answers_in_the_documented_shape(jamendo):
    example = json.loads(EXAMPLE.read_text())
    answer = requests.get(f"{jamendo.url}/tracks/", params={"client_id": CLIENT_ID, "id": "1 2 3 4 5 6",
                                                            "track_type": "single albumtrack"}, timeout=5).json()

    assert answer["headers"].keys() == example["headers"].keys()
    assert all(entry.keys() == example["results"][0].keys() for entry in answer["results"])


def test_missing_fields_become_none_and_never_allow_a_download(client, jamendo):
    jamendo.drop_fields = {"name", "artist_name", "album_name", "image", "duration", "license_ccurl", "audio",
                           "audiodownload", "audiodownload_allowed", "shareurl"}

    track = client.tracks([5])[5]

    assert track.audiodownload_allowed is False
    assert [track.name, track.artist_name, track.album_name, track.image, track.duration, track.license_ccurl,
            track.audio, track.audiodownload, track.shareurl] == [None] * 9


def test_an_artist_who_forbids_downloads_is_obeyed_even_if_a_link_is_left(client, jamendo):
    forbidden = ids_where(jamendo, lambda entry: not entry["audiodownload_allowed"], 1)[0]
    jamendo.overrides[21] = {"audiodownload_allowed": "false"}     # a link is still in the document

    tracks = client.tracks([forbidden, 21])

    assert tracks[forbidden].audiodownload is None and not tracks[forbidden].audiodownload_allowed
    assert tracks[21].audiodownload is None and not tracks[21].audiodownload_allowed


def test_numbers_sent_as_text_are_read_and_entries_without_an_id_are_skipped(client, jamendo):
    jamendo.overrides[31] = {"id": " 31 ", "duration": "187.5"}
    jamendo.overrides[32] = {"id": "not a number"}
    jamendo.overrides[33] = {"duration": "three minutes"}

    tracks = client.tracks([31, 32, 33])

    assert sorted(tracks) == [31, 33]
    assert tracks[31].duration == 187.5
    assert tracks[33].duration is None and tracks[33].name


# --- when Jamendo is slow, busy or refuses ---

def test_a_429_with_retry_after_is_waited_out_then_answered(client, jamendo):
    jamendo.fail_next(429, retry_after=1)

    started = time.monotonic()
    tracks = client.tracks([3], max_wait=5)

    assert time.monotonic() - started >= 1.0
    assert list(tracks) == [3]
    assert len(jamendo.requests) == 2


def test_a_retry_after_longer_than_we_wait_raises_rate_limited_at_once(client, jamendo):
    jamendo.fail_next(429, retry_after=120)

    with pytest.raises(RateLimited) as raised:
        client.tracks([3], max_wait=5)

    assert raised.value.retry_after == 120
    assert len(jamendo.requests) == 1


def test_a_503_then_success_is_answered(client, jamendo):
    jamendo.fail_next(503)

    assert list(client.tracks([4])) == [4]
    assert len(jamendo.requests) == 2


def test_repeated_server_errors_raise_online_error_after_the_attempts(client, jamendo):
    jamendo.fail_next(502, times=5)

    with pytest.raises(OnlineError) as raised:
        client.tracks([4], attempts=2)

    assert type(raised.value) is OnlineError and "HTTP 502" in raised.value.message
    assert len(jamendo.requests) == 2


def test_a_server_error_with_retry_after_is_not_called_a_rate_limit(client, jamendo):
    jamendo.fail_next(503, times=5, retry_after=0)

    with pytest.raises(OnlineError) as raised:
        client.tracks([4], attempts=2)

    assert type(raised.value) is OnlineError


def test_no_answer_in_time_raises_online_error(client, jamendo):
    jamendo.delay_seconds = 3

    with pytest.raises(OnlineError) as raised:
        client.tracks([4], timeout=0.2, attempts=2)

    assert type(raised.value) is OnlineError and "did not answer" in raised.value.message


def test_a_broken_json_body_raises_online_error(client, jamendo):
    jamendo.malformed_next()

    with pytest.raises(OnlineError, match="not JSON"):
        client.tracks([4])


@pytest.mark.parametrize("document", [[], "results", {"headers": {"status": "success", "code": 0}},
                                      {"headers": {"status": "success", "code": 0}, "results": {"4": {}}}],
                         ids=["list", "string", "no results", "results not a list"])
def test_a_document_of_unknown_shape_raises_online_error(client, jamendo, document):
    jamendo.answer_next(document)

    with pytest.raises(OnlineError, match="shape Moodify does not know"):
        client.tracks([4])


def test_an_invalid_client_id_names_the_setting_and_hides_the_id(client, jamendo):
    jamendo.invalid_client_ids = {CLIENT_ID}     # the fake quotes the id back in its message

    with pytest.raises(ServiceRefused) as raised:
        client.tracks([4])

    assert "MOODIFY_JAMENDO_CLIENT_ID" in raised.value.message
    assert CLIENT_ID not in raised.value.message


@pytest.mark.parametrize(("code", "expected", "says"), [
    (6, RateLimited, "asked too often"),
    (11, ServiceRefused, "suspended"),
    (3, ServiceRefused, "code 3"),
    (1, OnlineError, "try again later"),
])
def test_errors_jamendo_reports_in_its_headers(client, jamendo, code, expected, says):
    jamendo.headers_error_next(code, "as the response-codes page lists it")

    with pytest.raises(expected) as raised:
        client.tracks([4])

    assert type(raised.value) is expected and says in raised.value.message
    assert len(jamendo.requests) == 1


# --- settings ---

def test_offline_sends_nothing(client, jamendo, monkeypatch):
    monkeypatch.setenv("MOODIFY_OFFLINE", "1")
    monkeypatch.setenv("MOODIFY_JAMENDO_CLIENT_ID", CLIENT_ID)

    with pytest.raises(OfflineError):
        JamendoClient.from_settings()
    with pytest.raises(OfflineError):
        client.tracks([4])
    assert jamendo.requests == []


def test_without_a_client_id_the_message_says_where_to_get_one(monkeypatch):
    monkeypatch.setenv("MOODIFY_JAMENDO_CLIENT_ID", "  ")

    with pytest.raises(NoClientId) as raised:
        JamendoClient.from_settings()

    assert raised.value.status == 409 and raised.value.code == "jamendo_no_client_id"
    assert "devportal.jamendo.com" in raised.value.message and "MOODIFY_JAMENDO_CLIENT_ID" in raised.value.message


def test_from_settings_asks_the_configured_api(jamendo, monkeypatch):
    monkeypatch.setenv("MOODIFY_JAMENDO_CLIENT_ID", CLIENT_ID)
    monkeypatch.setenv("MOODIFY_JAMENDO_API_URL", jamendo.url + "/")

    assert list(JamendoClient.from_settings().tracks([9])) == [9]
    assert jamendo.requests[0]["client_id"] == CLIENT_ID


