"""The Openverse audio-search client against the local fake (tests/fakes/openverse.py)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
import requests

from moodify.errors import InvalidInput
from moodify.online import http
from moodify.online.http import OfflineError, OnlineError, RateLimited, ServiceRefused
from moodify.online.openverse import MAX_PAGE_SIZE, MAX_QUERY, OpenverseClient, parse_search
from tests.fakes.openverse import FakeOpenverse, FakeTrack

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "openverse" / "audio_search.json"
# What license_type=commercial,modification lets through (api/api/constants/licenses.py)
COMMERCIAL_AND_MODIFICATION = {"by", "by-sa", "cc0", "pdm", "sampling+"}


@pytest.fixture(scope="module")
def fake():
    with FakeOpenverse() as server:
        yield server


@pytest.fixture(autouse=True)
def online(monkeypatch, fake):
    monkeypatch.delenv("MOODIFY_OFFLINE", raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    fake.reset()


@pytest.fixture()
def client(fake):
    return OpenverseClient(fake.url)


def titles(search) -> list[str]:
    return [track.title for track in search.results]


def test_search_gives_tracks_with_seconds_and_their_licence(client, fake):
    search = client.search_audio("sad piano")

    rainy = next(track for track in search.results if track.title == "Rainy Window")
    assert rainy.duration_s == 184.0
    assert (rainy.license, rainy.license_version) == ("by", "4.0")
    assert rainy.license_url == "https://creativecommons.org/licenses/by/4.0/"
    assert rainy.attribution.startswith('"Rainy Window" by Lena Marsh is licensed under CC BY 4.0.')
    assert "sad" in rainy.tags and rainy.genres == ("classical",)
    assert rainy.url.startswith(fake.root) and rainy.filetype == "mp3"
    assert search.result_count == len(search.results) and (search.page, search.page_count) == (1, 1)


def test_the_documented_example_answer_reads_as_documented():
    search = parse_search(json.loads(FIXTURE.read_text()))

    (track,) = search.results
    assert (track.title, track.creator, track.license, track.license_version) == (
        "Wish You Were Here", "The.madpix.project", "by-nc-sa", "3.0")
    assert track.duration_s == 270.0 and track.filesize == 7139840
    assert track.tags[:2] == ("vocal", "female") and track.genres == ("dance", "electronic", "house")
    assert (search.result_count, search.page_count, search.page) == (1, 1, 1)


def test_the_fake_answers_in_the_documented_shape(fake):
    documented = json.loads(FIXTURE.read_text())
    answer = requests.get(f"{fake.url}/audio/", params={"q": "happy"}, timeout=5).json()

    assert list(answer) == list(documented)
    assert list(answer["results"][0]) == list(documented["results"][0])


def test_a_long_query_is_cut_to_200_characters_between_words(client, fake):
    words = ["melancholic", "rain", "piano", "nostalgic"] * 15
    client.search_audio(" ".join(words))

    sent = fake.requests[-1]["q"]
    assert len(sent) <= MAX_QUERY and len(sent) > MAX_QUERY - len("melancholic ")
    assert sent.split() == words[:len(sent.split())]


def test_page_size_is_clamped_to_what_anonymous_callers_get(client, fake):
    search = client.search_audio("calm", page_size=50)

    assert fake.requests[-1]["page_size"] == str(MAX_PAGE_SIZE)
    assert 0 < len(search.results) <= MAX_PAGE_SIZE


def test_openverse_refuses_an_anonymous_page_size_over_20(fake):
    with pytest.raises(ServiceRefused, match="401"):
        http.get_json(f"{fake.url}/audio/", {"q": "calm", "page_size": 21}, service="Openverse", attempts=1)


def test_a_page_past_20_is_refused_before_asking(client, fake):
    with pytest.raises(InvalidInput, match="pages 1 to 20"):
        client.search_audio("calm", page=21)
    assert fake.requests == []


def test_pages_follow_on(client):
    first = client.search_audio("calm", page_size=5)
    second = client.search_audio("calm", page_size=5, page=2)

    assert first.page_count >= 2 and second.page == 2
    assert not set(titles(first)) & set(titles(second))


def test_commercial_and_modification_asks_for_both_and_gets_only_such_licences(client, fake):
    everything = client.search_audio("melancholic")
    usable = client.search_audio("melancholic", commercial_and_modification=True)

    assert {"by-nc-sa", "by-nd"} <= {track.license for track in everything.results}
    assert fake.requests[-1]["license_type"] == "commercial,modification"
    assert usable.results and {track.license for track in usable.results} <= COMMERCIAL_AND_MODIFICATION


def test_music_leaves_out_sound_effects(client):
    music = client.search_audio("sad piano")
    effects = client.search_audio("sad piano", category="sound_effect")

    assert "Sad Piano Sting" not in titles(music)
    assert {track.category for track in music.results} == {"music"}
    assert titles(effects) == ["Sad Piano Sting"]


def test_results_without_a_file_or_a_licence_are_left_out():
    tracks = (FakeTrack("Blue Hour", "Ana Reis", "jamendo", "by", "4.0", 150, ("sad",)),
              FakeTrack("Lost Tape", "Ana Reis", "jamendo", "by", "4.0", 150, ("sad",), has_file=False),
              FakeTrack("Nobody's Song", "Ana Reis", "jamendo", None, None, 150, ("sad",)))
    with FakeOpenverse(tracks) as fake:
        search = OpenverseClient(fake.url).search_audio("sad")

    assert titles(search) == ["Blue Hour"]
    assert search.result_count == 3    # Openverse's own count


def test_max_seconds_asks_for_the_length_buckets_and_drops_longer_tracks(client, fake):
    search = client.search_audio("calm", max_seconds=100)

    assert fake.requests[-1]["length"] == "shortest,short"
    assert search.results and all(track.duration_s <= 100 for track in search.results)


def test_a_429_with_retry_after_is_retried(client, fake):
    fake.fail_next(429, retry_after=0)

    search = client.search_audio("happy")

    assert search.results and len(fake.requests) == 2


def test_a_long_retry_after_gives_rate_limited_without_waiting(client, fake):
    fake.fail_next(429, retry_after=120)

    with pytest.raises(RateLimited, match="120 s") as caught:
        client.search_audio("happy", max_wait=30)
    assert caught.value.retry_after == 120 and len(fake.requests) == 1


def test_repeated_503_gives_online_error_after_the_attempts(client, fake):
    fake.fail_next(503, times=10)

    with pytest.raises(OnlineError, match="503") as caught:
        client.search_audio("happy", attempts=3, max_wait=0.01)
    assert not isinstance(caught.value, RateLimited) and len(fake.requests) == 3


def test_malformed_json_gives_online_error(client, fake):
    fake.malformed_next()

    with pytest.raises(OnlineError, match="not JSON"):
        client.search_audio("happy")


@pytest.mark.parametrize("document", [
    {"results": "none", "result_count": 0, "page_count": 0, "page": 1},
    {"results": [{"title": "no id", "url": "http://x/a.mp3", "license": "by"}],
     "result_count": 1, "page_count": 1, "page": 1},
    {"results": [], "page": 1},
    ["not", "an", "object"],
])
def test_an_answer_of_the_wrong_shape_gives_online_error(client, fake, document):
    fake.answer_next(document)

    with pytest.raises(OnlineError, match="shape Moodify cannot read"):
        client.search_audio("happy")


def test_a_search_that_takes_too_long_gives_online_error(client, fake):
    fake.delay_seconds = 1.0

    with pytest.raises(OnlineError, match="did not answer in time"):
        client.search_audio("happy", timeout=0.2, attempts=1)


def test_the_configured_url_is_used(monkeypatch, fake):
    monkeypatch.setenv("MOODIFY_OPENVERSE_API_URL", fake.url)

    assert OpenverseClient.from_settings().search_audio("happy").results
    assert len(fake.requests) == 1


def test_offline_sends_nothing(monkeypatch, client, fake):
    monkeypatch.setenv("MOODIFY_OPENVERSE_API_URL", fake.url)
    monkeypatch.setenv("MOODIFY_OFFLINE", "1")

    with pytest.raises(OfflineError):
        OpenverseClient.from_settings()
    with pytest.raises(OfflineError, match="offline"):
        client.search_audio("happy")
    assert fake.requests == [] and fake.file_requests == []


def test_a_result_url_downloads_as_playable_audio(client):
    import av

    track = client.search_audio("happy upbeat").results[0]
    response = requests.get(track.url, timeout=5)

    assert response.headers["Content-Type"] == "audio/mpeg"
    assert int(response.headers["Content-Length"]) == len(response.content) == track.filesize
    with av.open(io.BytesIO(response.content)) as container:
        seconds = sum(frame.samples / frame.sample_rate for frame in container.decode(audio=0))
    assert 3.5 < seconds < 4.5
