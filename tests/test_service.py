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
from moodify.domain import library, posts, recommendations, tracks
from moodify.emotion import EmotionEstimate
from moodify.errors import Forbidden, InvalidInput, LibraryFull, NotFound
from moodify.post import Post
from moodify.recommend import Options
from moodify.domain.viewer import MAX_ID, MAX_PAGE
from moodify.service import Moodify
from moodify.store import Store
from tests.mediafactory import chord_clip, write_audio

MB = 2**20


# -- readings ---------------------------------------------------------------------------
def test_a_reading_is_kept_for_the_person_who_made_it(service, user_name):
    first = posts.analyse(service, service.viewer(user_name), Post(caption="비 온다 ㅠㅠ 오늘은 좀 우울해"))
    second = posts.analyse(service, service.viewer(user_name), Post(caption="드디어 시험 끝! 너무 신나"))
    assert posts.analysis(service, service.viewer(user_name), first["id"]) == first
    history, total = posts.history(service, service.viewer(user_name))
    assert total == 2
    assert [a["id"] for a in history] == [second["id"], first["id"]]       # newest first
    assert history[1]["caption"] == first["caption"] and history[1]["fused"] == first["fused"]


def test_another_person_cannot_see_or_use_a_reading(service, user_name):
    mine = posts.analyse(service, service.viewer(user_name), Post(caption="바다 보러 왔다 🌊"))
    stranger = f"{user_name}-stranger"
    with pytest.raises(NotFound, match=f"no analysis with id {mine['id']}"):
        posts.analysis(service, service.viewer(stranger), mine["id"])
    with pytest.raises(NotFound):
        recommendations.for_analysis(service, service.viewer(stranger), mine["id"], Options(limit=3))
    assert posts.history(service, service.viewer(stranger)) == ([], 0)


def test_a_chosen_track_is_remembered_with_its_reading(service, user_name):
    reading = posts.analyse(service, service.viewer(user_name), Post(caption="친구들이랑 생일 파티 🎉"))
    shown = recommendations.for_analysis(service, service.viewer(user_name), reading["id"], Options(limit=3))
    pick = shown.tracks[1]
    recommendations.feedback(service, service.viewer(user_name), track_id=pick["id"], kind="chosen",
                             recommendation_id=shown.id)
    history, _ = posts.history(service, service.viewer(user_name))
    assert history[0]["chosen"] == [{"id": pick["id"], "title": pick["title"], "artist": pick["artist"]}]


# -- recommendations and feedback -------------------------------------------------------
@pytest.mark.parametrize("limit", [1, 7, 25])
def test_recommend_gives_the_number_of_tracks_asked_for_under_a_new_id(service, user_name, limit):
    reading = EmotionEstimate.from_label("sadness")
    first = recommendations.recommend(service, service.viewer(user_name), reading, Options(limit=limit))
    again = recommendations.recommend(service, service.viewer(user_name), reading, Options(limit=limit))
    assert len(first.tracks) == limit and len({t["id"] for t in first.tracks}) == limit
    assert isinstance(first.id, int) and again.id != first.id
    assert first.to_dict()["recommendation_id"] == first.id


def test_feedback_shows_on_the_track_for_its_giver_only(service, user_name):
    reading, other = EmotionEstimate.from_label("happiness"), f"{user_name}-other"
    shown = recommendations.recommend(service, service.viewer(user_name), reading, Options(limit=5))
    liked = shown.tracks[0]["id"]
    event = recommendations.feedback(service, service.viewer(user_name), track_id=liked, kind="like",
                                     recommendation_id=shown.id)
    assert event["kind"] == "like" and event["user"] == user_name
    mine = {t["id"]: t["feedback"] for t in recommendations.recommend(service, service.viewer(user_name), reading,
                                                                      Options(limit=50)).tracks}
    assert mine[liked] == "like"
    theirs = {t["id"]: t["feedback"] for t in recommendations.recommend(service, service.viewer(other), reading,
                                                                        Options(limit=50)).tracks}
    assert liked in theirs and set(theirs.values()) == {None}


def test_feedback_is_refused_for_a_wrong_kind_or_someone_elses_list(service, user_name):
    shown = recommendations.recommend(service, service.viewer(user_name), EmotionEstimate.from_label("fear"),
                                      Options(limit=2))
    track_id = shown.tracks[0]["id"]
    with pytest.raises(InvalidInput, match="kind must be one of like, chosen, skip"):
        recommendations.feedback(service, service.viewer(user_name), track_id=track_id, kind="love")
    with pytest.raises(NotFound, match=f"no recommendation with id {shown.id}"):
        recommendations.feedback(service, service.viewer(f"{user_name}-other"), track_id=track_id, kind="chosen",
                                 recommendation_id=shown.id)
    for missing in (0, MAX_ID + 1):
        with pytest.raises(NotFound, match="no track"):
            recommendations.feedback(service, service.viewer(user_name), track_id=missing, kind="like")


# -- finding tracks ---------------------------------------------------------------------
def test_search_finds_tracks_by_word_and_pages_through_them(service):
    first, total = tracks.search(service, service.viewer(), q="piano", per_page=5)
    second, same_total = tracks.search(service, service.viewer(), q="piano", page=2, per_page=5)
    assert total == same_total > 10 and len(first) == len(second) == 5
    assert not {t["id"] for t in first} & {t["id"] for t in second}
    for track in first + second:
        words = " ".join([track["title"] or "", track["artist"] or "", *track["tags"], *track["genres"],
                          *track["instruments"]]).lower()
        assert "piano" in words, track["id"]
    sad, _ = tracks.search(service, service.viewer(), emotion="슬픔", per_page=20)
    assert sad and {t["emotion"] for t in sad} == {"sadness"}


@pytest.mark.parametrize("lister", [tracks.search, posts.history])
def test_paging_stops_at_a_hundred_thousand_pages_of_a_hundred(service, lister):
    rows, _ = lister(service, service.viewer(), page=MAX_PAGE, per_page=100)
    assert rows == []
    for page, per_page in ((MAX_PAGE + 1, 20), (0, 20), (1, 0), (1, 101)):
        with pytest.raises(InvalidInput, match="page must be from 1 to 100,000 and per_page from 1 to 100"):
            lister(service, service.viewer(), page=page, per_page=per_page)


def test_an_id_too_large_for_the_database_is_just_not_found(service):
    for missing in (0, -3, MAX_ID + 1):
        with pytest.raises(NotFound, match=f"no track with id {missing}"):
            tracks.track(service, service.viewer(), missing)


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
    report = library.import_dir(service, service.viewer("owner"), folder)
    assert not report.failed, report.failed
    catalogue_id = tracks.search(service, service.viewer(), per_page=1)[0][0]["id"]
    yield Library(service, folder, "owner", report.imported[0]["id"], catalogue_id)
    store.dispose()


def shown_ids(shown) -> list[int]:
    return [t["id"] for t in shown.tracks]


def test_an_imported_track_is_seen_by_its_owner_only(own):
    service = own.service
    assert tracks.track(service, service.viewer(own.owner), own.track_id)["source"] == "user"
    with pytest.raises(NotFound, match=f"no track with id {own.track_id}"):
        tracks.track(service, service.viewer("someone-else"), own.track_id)
    assert tracks.search(service, service.viewer(own.owner), source="user")[1] == 1
    assert tracks.search(service, service.viewer("someone-else"), source="user") == ([], 0)
    with pytest.raises(NotFound):
        recommendations.feedback(service, service.viewer("someone-else"), track_id=own.track_id, kind="like")


def test_own_music_recommendations_hold_only_ones_own_tracks(own):
    reading = EmotionEstimate.from_label("neutral")
    mine = shown_ids(recommendations.recommend(own.service, own.service.viewer(own.owner), reading, Options(limit=5,
                                                                                                            own_music=True)))
    assert mine == [own.track_id]
    theirs = recommendations.recommend(own.service, own.service.viewer("someone-else"), reading, Options(limit=200))
    assert own.track_id not in shown_ids(theirs)
    assert recommendations.recommend(own.service, own.service.viewer("someone-else"), reading,
                                     Options(own_music=True)).tracks == []


def test_catalogue_tracks_cannot_be_deleted_nor_other_peoples(own):
    with pytest.raises(Forbidden, match="part of the catalogue"):
        tracks.delete(own.service, own.service.viewer(own.owner), own.catalogue_id)
    with pytest.raises(NotFound):
        tracks.delete(own.service, own.service.viewer("someone-else"), own.track_id)
    assert tracks.track(own.service, own.service.viewer(), own.catalogue_id)["id"] == own.catalogue_id
    assert tracks.track(own.service, own.service.viewer(own.owner), own.track_id)["id"] == own.track_id


def test_deleting_ones_track_frees_its_room_and_keeps_a_file_another_still_plays(own, tmp_path):
    song = tmp_path / "shared.wav"          # one file on disk, imported by two people
    shutil.copy(own.folder / "walk.wav", song)
    ids = {name: library.import_dir(own.service, own.service.viewer(name),
                                    tmp_path).imported[0]["id"] for name in ("ann", "ben")}
    recommendations.feedback(own.service, own.service.viewer("ann"), track_id=ids["ann"], kind="like")
    assert library.used(own.service, own.service.viewer("ann")) == song.stat().st_size

    tracks.delete(own.service, own.service.viewer("ann"), ids["ann"])
    with pytest.raises(NotFound):
        tracks.track(own.service, own.service.viewer("ann"), ids["ann"])
    assert library.used(own.service, own.service.viewer("ann")) == 0
    assert song.exists() and tracks.track(own.service, own.service.viewer("ben"), ids["ben"])["id"] == ids["ben"]
    assert library.used(own.service, own.service.viewer("ben")) == song.stat().st_size


def test_an_import_past_the_quota_is_refused_with_the_figures(own):
    used = library.used(own.service, own.service.viewer(own.owner))
    assert used == (own.folder / "walk.wav").stat().st_size and library.used(own.service,
                                                                             own.service.viewer("someone-else")) == 0
    quota_mb = (used + MB // 4) / MB
    library.check_room(own.service, own.service.viewer(own.owner), MB // 8, quota_mb)              # fits
    with pytest.raises(LibraryFull, match="delete tracks you no longer use") as refused:
        library.check_room(own.service, own.service.viewer(own.owner), MB // 2, quota_mb)
    assert refused.value.status == 413
    assert refused.value.details == {"used_mb": round(used / MB, 1), "quota_mb": round(quota_mb, 1),
                                     "incoming_mb": 0.5}
    library.check_room(own.service, own.service.viewer("someone-else"), MB // 2, quota_mb)         # an empty library


def test_deleting_a_track_read_from_ones_own_folder_leaves_the_file_where_it_is(own, tmp_path):
    """`moodify catalog import-dir` reads music where it lies: deleting the track (or purging the
    person) removes Moodify's record of it, never the person's own file."""
    mine = tmp_path / "mine"
    mine.mkdir()
    shutil.copy(own.folder / "walk.wav", mine / "only-copy.wav")
    track_id = library.import_dir(own.service, own.service.viewer("cara"), mine).imported[0]["id"]
    tracks.delete(own.service, own.service.viewer("cara"), track_id)
    with pytest.raises(NotFound):
        tracks.track(own.service, own.service.viewer("cara"), track_id)
    assert (mine / "only-copy.wav").exists()
