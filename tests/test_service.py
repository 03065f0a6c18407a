"""The facade the CLI and the web share: readings, recommendations and feedback kept per person,
imported music private to its owner, paging limits, deleting tracks and the library quota.

Ranking quality and per-user personalisation of the ranking live in test_recommend.py; the
same isolation through every HTTP route lives in tests/web."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from moodify import config
from moodify.catalog import build
from moodify.emotion import EmotionEstimate
from moodify.errors import Forbidden, InvalidInput, LibraryFull, NotFound
from moodify.post import Post
from moodify.recommend import Options
from moodify.service import MAX_ID, MAX_PAGE, Moodify
from moodify.store import Store
from tests.mediafactory import chord_clip, write_audio

MB = 2**20


# -- readings ---------------------------------------------------------------------------
def test_a_reading_is_kept_for_the_person_who_made_it(service, user_name):
    first = service.analyse(Post(caption="비 온다 ㅠㅠ 오늘은 좀 우울해"), user=user_name)
    second = service.analyse(Post(caption="드디어 시험 끝! 너무 신나"), user=user_name)
    assert service.analysis(first["id"], user=user_name) == first
    history, total = service.analyses(user=user_name)
    assert total == 2
    assert [a["id"] for a in history] == [second["id"], first["id"]]       # newest first
    assert history[1]["caption"] == first["caption"] and history[1]["fused"] == first["fused"]


def test_another_person_cannot_see_or_use_a_reading(service, user_name):
    mine = service.analyse(Post(caption="바다 보러 왔다 🌊"), user=user_name)
    stranger = f"{user_name}-stranger"
    with pytest.raises(NotFound, match=f"no analysis with id {mine['id']}"):
        service.analysis(mine["id"], user=stranger)
    with pytest.raises(NotFound):
        service.recommend_for_analysis(mine["id"], Options(limit=3), user=stranger)
    assert service.analyses(user=stranger) == ([], 0)


def test_a_chosen_track_is_remembered_with_its_reading(service, user_name):
    reading = service.analyse(Post(caption="친구들이랑 생일 파티 🎉"), user=user_name)
    shown = service.recommend_for_analysis(reading["id"], Options(limit=3), user=user_name)
    pick = shown.tracks[1]
    service.feedback(track_id=pick["id"], kind="chosen", user=user_name, recommendation_id=shown.id)
    history, _ = service.analyses(user=user_name)
    assert history[0]["chosen"] == [{"id": pick["id"], "title": pick["title"], "artist": pick["artist"]}]


# -- recommendations and feedback -------------------------------------------------------
@pytest.mark.parametrize("limit", [1, 7, 25])
def test_recommend_gives_the_number_of_tracks_asked_for_under_a_new_id(service, user_name, limit):
    reading = EmotionEstimate.from_label("sadness")
    first = service.recommend(reading, Options(limit=limit), user=user_name)
    again = service.recommend(reading, Options(limit=limit), user=user_name)
    assert len(first.tracks) == limit and len({t["id"] for t in first.tracks}) == limit
    assert isinstance(first.id, int) and again.id != first.id
    assert first.to_dict()["recommendation_id"] == first.id


def test_feedback_shows_on_the_track_for_its_giver_only(service, user_name):
    reading, other = EmotionEstimate.from_label("happiness"), f"{user_name}-other"
    shown = service.recommend(reading, Options(limit=5), user=user_name)
    liked = shown.tracks[0]["id"]
    event = service.feedback(track_id=liked, kind="like", user=user_name, recommendation_id=shown.id)
    assert event["kind"] == "like" and event["user"] == user_name
    mine = {t["id"]: t["feedback"] for t in service.recommend(reading, Options(limit=50), user=user_name).tracks}
    assert mine[liked] == "like"
    theirs = {t["id"]: t["feedback"] for t in service.recommend(reading, Options(limit=50), user=other).tracks}
    assert liked in theirs and set(theirs.values()) == {None}


def test_feedback_is_refused_for_a_wrong_kind_or_someone_elses_list(service, user_name):
    shown = service.recommend(EmotionEstimate.from_label("fear"), Options(limit=2), user=user_name)
    track_id = shown.tracks[0]["id"]
    with pytest.raises(InvalidInput, match="kind must be one of like, chosen, skip"):
        service.feedback(track_id=track_id, kind="love", user=user_name)
    with pytest.raises(NotFound, match=f"no recommendation with id {shown.id}"):
        service.feedback(track_id=track_id, kind="chosen", user=f"{user_name}-other",
                         recommendation_id=shown.id)
    for missing in (0, MAX_ID + 1):
        with pytest.raises(NotFound, match="no track"):
            service.feedback(track_id=missing, kind="like", user=user_name)


# -- finding tracks ---------------------------------------------------------------------
def test_search_finds_tracks_by_word_and_pages_through_them(service):
    first, total = service.search_tracks(q="piano", per_page=5)
    second, same_total = service.search_tracks(q="piano", page=2, per_page=5)
    assert total == same_total > 10 and len(first) == len(second) == 5
    assert not {t["id"] for t in first} & {t["id"] for t in second}
    for track in first + second:
        words = " ".join([track["title"] or "", track["artist"] or "", *track["tags"], *track["genres"],
                          *track["instruments"]]).lower()
        assert "piano" in words, track["id"]
    sad, _ = service.search_tracks(emotion="슬픔", per_page=20)
    assert sad and {t["emotion"] for t in sad} == {"sadness"}


@pytest.mark.parametrize("lister", ["search_tracks", "analyses"])
def test_paging_stops_at_a_hundred_thousand_pages_of_a_hundred(service, lister):
    listing = getattr(service, lister)
    rows, _ = listing(page=MAX_PAGE, per_page=100)
    assert rows == []
    for page, per_page in ((MAX_PAGE + 1, 20), (0, 20), (1, 0), (1, 101)):
        with pytest.raises(InvalidInput, match="page must be from 1 to 100,000 and per_page from 1 to 100"):
            listing(page=page, per_page=per_page)


def test_an_id_too_large_for_the_database_is_just_not_found(service):
    for missing in (0, -3, MAX_ID + 1):
        with pytest.raises(NotFound, match=f"no track with id {missing}"):
            service.track(missing)


# -- the person's own music, on a store of its own ---------------------------------------
@dataclass(frozen=True)
class Library:
    service: Moodify
    folder: Path
    owner: str
    track_id: int
    catalogue_id: int


@pytest.fixture(scope="module")
def own(tmp_path_factory):
    """A catalogue on its own SQLite file, with one 12 s track imported by `owner`."""
    root = tmp_path_factory.mktemp("service")
    store = Store(f"sqlite:///{root / 'm.db'}")
    store.upgrade()
    build.build(store)
    settings = config.load({"instance": str(root / "instance"), "database_url": store.url})
    service = Moodify(store, settings=settings, semantic=False)
    folder = root / "music"
    folder.mkdir()
    write_audio(folder / "walk.wav", chord_clip(12, bpm=96))
    report = service.import_dir(folder, user="owner")
    assert not report.failed, report.failed
    catalogue_id = service.search_tracks(per_page=1)[0][0]["id"]
    yield Library(service, folder, "owner", report.imported[0]["id"], catalogue_id)
    store.dispose()


def shown_ids(shown) -> list[int]:
    return [t["id"] for t in shown.tracks]


def test_an_imported_track_is_seen_by_its_owner_only(own):
    service = own.service
    assert service.track(own.track_id, user=own.owner)["source"] == "user"
    with pytest.raises(NotFound, match=f"no track with id {own.track_id}"):
        service.track(own.track_id, user="someone-else")
    assert service.search_tracks(source="user", user=own.owner)[1] == 1
    assert service.search_tracks(source="user", user="someone-else") == ([], 0)
    with pytest.raises(NotFound):
        service.feedback(track_id=own.track_id, kind="like", user="someone-else")


def test_own_music_recommendations_hold_only_ones_own_tracks(own):
    reading = EmotionEstimate.from_label("neutral")
    mine = shown_ids(own.service.recommend(reading, Options(limit=5, own_music=True), user=own.owner))
    assert mine == [own.track_id]
    theirs = own.service.recommend(reading, Options(limit=200), user="someone-else")
    assert own.track_id not in shown_ids(theirs)
    assert own.service.recommend(reading, Options(own_music=True), user="someone-else").tracks == []


def test_catalogue_tracks_cannot_be_deleted_nor_other_peoples(own):
    with pytest.raises(Forbidden, match="part of the catalogue"):
        own.service.delete_track(own.catalogue_id, user=own.owner)
    with pytest.raises(NotFound):
        own.service.delete_track(own.track_id, user="someone-else")
    assert own.service.track(own.catalogue_id)["id"] == own.catalogue_id
    assert own.service.track(own.track_id, user=own.owner)["id"] == own.track_id


def test_deleting_ones_track_frees_its_room_and_keeps_a_file_another_still_plays(own, tmp_path):
    song = tmp_path / "shared.wav"          # one file on disk, imported by two people
    shutil.copy(own.folder / "walk.wav", song)
    ids = {name: own.service.import_dir(tmp_path, user=name).imported[0]["id"] for name in ("ann", "ben")}
    own.service.feedback(track_id=ids["ann"], kind="like", user="ann")
    assert own.service.library_used("ann") == song.stat().st_size

    own.service.delete_track(ids["ann"], user="ann")
    with pytest.raises(NotFound):
        own.service.track(ids["ann"], user="ann")
    assert own.service.library_used("ann") == 0
    assert song.exists() and own.service.track(ids["ben"], user="ben")["id"] == ids["ben"]
    assert own.service.library_used("ben") == song.stat().st_size


def test_an_import_past_the_quota_is_refused_with_the_figures(own):
    used = own.service.library_used(own.owner)
    assert used == (own.folder / "walk.wav").stat().st_size and own.service.library_used("someone-else") == 0
    quota_mb = (used + MB // 4) / MB
    own.service.check_library_room(MB // 8, quota_mb, user=own.owner)              # fits
    with pytest.raises(LibraryFull, match="delete tracks you no longer use") as refused:
        own.service.check_library_room(MB // 2, quota_mb, user=own.owner)
    assert refused.value.status == 413
    assert refused.value.details == {"used_mb": round(used / MB, 1), "quota_mb": round(quota_mb, 1),
                                     "incoming_mb": 0.5}
    own.service.check_library_room(MB // 2, quota_mb, user="someone-else")         # an empty library


def test_deleting_a_track_read_from_ones_own_folder_leaves_the_file_where_it_is(own, tmp_path):
    """`moodify catalog import-dir` reads music where it lies: deleting the track (or purging the
    person) removes Moodify's record of it, never the person's own file."""
    mine = tmp_path / "mine"
    mine.mkdir()
    shutil.copy(own.folder / "walk.wav", mine / "only-copy.wav")
    track_id = own.service.import_dir(mine, user="cara").imported[0]["id"]
    own.service.delete_track(track_id, user="cara")
    with pytest.raises(NotFound):
        own.service.track(track_id, user="cara")
    assert (mine / "only-copy.wav").exists()
