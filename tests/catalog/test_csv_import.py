"""Importing your own tracks from a CSV."""

from __future__ import annotations

import pytest

from moodify.catalog.csv_import import import_csv
from moodify.domain import recommendations, tracks
from moodify.emotion import EmotionEstimate
from moodify.errors import InvalidInput
from moodify.recommend import Options

GOOD = """title,artist,tags,valence,arousal,link,license,duration_s,genres,instruments,instrumental
비 오는 밤 🌧️,김하늘,sad; melancholic,,,https://example.org/rain,CC BY 4.0,185,ballad,piano,yes
Sunny Bounce,The Imports,,0.8,0.7,,CC0,,pop,,no
Broken row,,happy,2,0,,,,,,
"""


def test_rows_are_imported_and_recommended(service, tmp_path):
    path = tmp_path / "tracks.csv"
    path.write_text(GOOD, encoding="utf-8")
    report = import_csv(service.store, path)
    assert len(report.imported) + len(report.updated) == 2
    assert report.failed == [{"line": 4, "reason": "valence 2.0 is outside -1..1"}]
    rainy = tracks.track(service, service.viewer(), (report.imported or report.updated)[0])
    assert rainy["title"] == "비 오는 밤 🌧️" and rainy["artist"] == "김하늘"
    assert rainy["emotion"] == "sadness" and rainy["instrumental"] is True
    assert rainy["license"] == "CC BY 4.0" and rainy["duration_s"] == 185
    # The imported track competes in the ranking like any other.
    shown = recommendations.recommend(service, service.viewer(), EmotionEstimate.from_label("sadness"),
                                      Options(limit=5, genres=("ballad",), instrumental=True))
    assert rainy["id"] in [t["id"] for t in shown.tracks]


def test_importing_again_updates_instead_of_duplicating(service, tmp_path):
    path = tmp_path / "again.csv"
    path.write_text("title,artist,tags\nTwice,Same,happy\n", encoding="utf-8")
    first = import_csv(service.store, path)
    second = import_csv(service.store, path)
    assert len(first.imported) == 1 and second.imported == [] and second.updated == first.imported


@pytest.mark.parametrize("content, fragment", [
    (b"\xff\xfetitle\n\x00\x00", "not UTF-8"),
    (b"name,artist\nx,y\n", "header row"),
    (b"", "header row"),
])
def test_unreadable_files_are_refused(service, tmp_path, content, fragment):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(InvalidInput, match=fragment):
        import_csv(service.store, path)


def test_missing_file(service, tmp_path):
    with pytest.raises(InvalidInput, match="cannot read"):
        import_csv(service.store, tmp_path / "nope.csv")


def test_only_web_links_are_stored(service, tmp_path):
    path = tmp_path / "links.csv"
    path.write_text("title,tags,link\n"
                    "Safe,sad,https://example.org/a\n"
                    "Script,sad,javascript:alert(1)\n"
                    "Data,sad,data:text/html;base64,PHNjcmlwdD4=\n"
                    "Plain,sad,http://example.org/b\n", encoding="utf-8")
    report = import_csv(service.store, path)
    assert len(report.imported) + len(report.updated) == 2
    assert sorted(f["line"] for f in report.failed) == [3, 4]
    assert all("web address" in f["reason"] for f in report.failed)
