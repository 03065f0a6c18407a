"""The five published data sets, read as published."""

from __future__ import annotations

import csv
import re
from collections import Counter

from moodify.catalog.datasets import read_all
from moodify.catalog.sources import SOURCES_DIR


def test_every_source_is_read_whole():
    tracks = list(read_all())
    assert Counter(t.source for t in tracks) == {"jamendo": 18486, "deam": 1802, "pmemo": 767,
                                                 "4q": 900, "soundtracks": 470}
    assert len({(t.source, t.source_id) for t in tracks}) == len(tracks)


def test_identifiers_and_links_as_the_sources_write_them():
    by_source = {}
    for t in read_all():
        by_source.setdefault(t.source, t)
    assert by_source["jamendo"].source_id == "track_0000948"
    assert by_source["jamendo"].url == "https://www.jamendo.com/track/948"
    assert by_source["4q"].source_id == "MT0000004637"
    assert by_source["4q"].sample_url.startswith("http://rovimusic.rovicorp.com/")
    assert re.fullmatch(r"set[12]:\d{3}", by_source["soundtracks"].source_id)
    assert by_source["deam"].source_id.isdigit() and by_source["pmemo"].source_id.isdigit()


def test_annotation_is_the_published_row():
    with (SOURCES_DIR / "deam" / "static_va_with_metadata.csv").open(encoding="utf-8") as handle:
        first = next(csv.DictReader(handle))
    deam = next(t for t in read_all() if t.source == "deam")
    assert deam.annotation == first
    soundtrack = next(t for t in read_all() if t.source_id == "set1:001")
    assert soundtrack.annotation["TARGET"] == "HAPPY" and soundtrack.duration_s == 15.0
    assert soundtrack.title == "Shallow Grave, track 6 (02:02-02:17)"
