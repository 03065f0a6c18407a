"""The licence function, as a table: every Creative Commons variant, every way its URL is written,
every source in the catalogue, and what each allows under the `usable` filter."""

from __future__ import annotations

import pytest

from moodify.catalog.datasets import DATASETS
from moodify.licence import (Licence, licence_for, parse_cc, platform_links, usable_level,
                             usable_under)

# (elements, commercial use, use in a video, share alike)
VARIANTS = [("by", True, True, False), ("by-sa", True, True, True), ("by-nd", True, False, False),
            ("by-nc", False, True, False), ("by-nc-sa", False, True, True),
            ("by-nc-nd", False, False, False)]
VERSIONS = ["2.0", "2.5", "3.0", "4.0"]
SPELLINGS = ["https://creativecommons.org/licenses/{e}/{v}/", "http://creativecommons.org/licenses/{e}/{v}/",
             "https://creativecommons.org/licenses/{e}/{v}", "http://www.creativecommons.org/licenses/{e}/{v}",
             "https://creativecommons.org/licenses/{e}/{v}/deed.ko", "https://creativecommons.org/licenses/{e}/{v}/legalcode",
             "HTTPS://CreativeCommons.org/licenses/{e}/{v}/"]


@pytest.mark.parametrize("elements,commercial,sync,share_alike", VARIANTS)
@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("spelling", SPELLINGS)
def test_every_cc_deed_url(elements, commercial, sync, share_alike, version, spelling):
    licence = licence_for("jamendo", licence_url=spelling.format(e=elements, v=version),
                          title="Rain", artist="Ana", link="https://www.jamendo.com/track/5")
    assert licence.kind == "creative-commons"
    assert licence.code == f"CC {elements.upper()} {version}"
    assert licence.url == f"https://creativecommons.org/licenses/{elements}/{version}/"
    assert (licence.commercial_use, licence.video_sync, licence.share_alike) == (commercial, sync, share_alike)
    assert licence.attribution == (f'Music: "Rain" by Ana (https://www.jamendo.com/track/5), licensed under '
                                   f"CC {elements.upper()} {version} (https://creativecommons.org/licenses/"
                                   f"{elements}/{version}/)")


@pytest.mark.parametrize("url,code,deed", [
    ("http://creativecommons.org/licenses/by-sa/3.0/us/", "CC BY-SA 3.0 US", "by-sa/3.0/us/"),
    ("https://creativecommons.org/licenses/by-nc-nd/2.5/es/", "CC BY-NC-ND 2.5 ES", "by-nc-nd/2.5/es/"),
    ("https://creativecommons.org/licenses/by/2.0/kr/deed.ko", "CC BY 2.0 KR", "by/2.0/kr/"),
    ("http://creativecommons.org/licenses/by-nc-sa/2.0/fr/", "CC BY-NC-SA 2.0 FR", "by-nc-sa/2.0/fr/"),
    ("https://creativecommons.org/licenses/by-nc/2.5/scotland/", "CC BY-NC 2.5 SCOTLAND", "by-nc/2.5/scotland/"),
    ("https://creativecommons.org/licenses/by/3.0/igo/legalcode", "CC BY 3.0 IGO", "by/3.0/igo/")])
def test_national_ports_are_named_as_themselves(url, code, deed):
    """A ported licence is its own licence: the credit line names it and links its own deed."""
    terms = parse_cc(url)
    assert (terms.code, terms.url) == (code, f"https://creativecommons.org/licenses/{deed}")


def test_cc_1_0_wrote_nd_before_nc():
    licence = licence_for("openverse", licence_url="http://creativecommons.org/licenses/by-nd-nc/1.0/")
    assert licence.code == "CC BY-NC-ND 1.0" and licence.video_sync is False


@pytest.mark.parametrize("url,code", [
    ("https://creativecommons.org/publicdomain/zero/1.0/", "CC0 1.0"),
    ("http://creativecommons.org/publicdomain/zero/1.0", "CC0 1.0"),
    ("https://creativecommons.org/publicdomain/mark/1.0/", "PDM 1.0"),
    ("http://creativecommons.org/publicdomain/mark/1.0", "PDM 1.0"),
    ("https://creativecommons.org/publicdomain/mark/1.0//", "PDM 1.0")])     # as Openverse builds it
def test_public_domain_asks_nothing(url, code):
    licence = licence_for("openverse", licence_url=url, title="Old tune")
    assert (licence.kind, licence.code, licence.commercial_use, licence.video_sync) == (
        "creative-commons", code, True, True)
    assert licence.attribution is None
    assert usable_under(licence, "monetised")


@pytest.mark.parametrize("stated,code,commercial,sync", [
    ("CC BY 4.0", "CC BY 4.0", True, True), ("cc by-nc-sa 3.0", "CC BY-NC-SA 3.0", False, True),
    ("BY-ND", "CC BY-ND", True, False), ("CC0", "CC0 1.0", True, True), ("pdm", "PDM 1.0", True, True),
    ("Public Domain Mark 1.0", "PDM 1.0", True, True), ("public domain", "PDM 1.0", True, True),
    ("CC zero", "CC0 1.0", True, True)])
def test_codes_as_people_write_them(stated, code, commercial, sync):
    licence = licence_for("import", stated=stated)
    assert (licence.code, licence.commercial_use, licence.video_sync) == (code, commercial, sync)


@pytest.mark.parametrize("text", [None, "", "all rights reserved", "https://example.org/licence",
                                  "https://creativecommons.org/licenses/sampling+/1.0/",
                                  "https://creativecommons.org/licenses/by-sa-nd/4.0/",
                                  "https://creativecommons.org/licenses/nc/1.0/", "CC BY-XX 4.0"])
def test_anything_else_is_not_a_cc_licence(text):
    assert parse_cc(text) is None
    assert licence_for("import", stated=text).kind == "unknown"


def test_every_catalogue_source_has_a_decided_licence():
    """One row per source the catalogue is built from (and the others Moodify stores)."""
    expected = {"jamendo": "creative-commons", "deam": "creative-commons", "pmemo": "platform",
                "4q": "platform", "soundtracks": "platform"}
    assert set(DATASETS) == set(expected), "a new catalogue source needs its row in this table"
    for source, kind in expected.items():
        licence = licence_for(source)
        assert licence.kind == kind, source
        assert not usable_under(licence, "monetised")
    assert licence_for("user").kind == "own"
    assert licence_for("import").kind == "unknown"
    assert licence_for("openverse").kind == "unknown"


def test_popular_songs_are_for_the_platform_picker_only():
    licence = licence_for("pmemo", title="Good Drank", artist="2 Chainz")
    assert licence == Licence("platform", None, None, False, False, None)
    assert usable_under(licence, "personal") and not usable_under(licence, "monetised")
    links = platform_links("Good Drank", "2 Chainz")
    assert links["youtube_music"] == "https://music.youtube.com/search?q=Good+Drank+2+Chainz"
    assert links["spotify"] == "https://open.spotify.com/search/Good%20Drank%202%20Chainz"
    assert links["apple_music"] == "https://music.apple.com/search?term=Good+Drank+2+Chainz"


def test_jamendo_before_its_licence_is_looked_up_is_never_offered_as_usable():
    licence = licence_for("jamendo")
    assert (licence.kind, licence.code, licence.commercial_use, licence.video_sync) == (
        "creative-commons", None, None, None)
    assert usable_level(licence) == 0


@pytest.mark.parametrize("url,personal,monetised", [
    ("https://creativecommons.org/licenses/by/4.0/", True, True),
    ("https://creativecommons.org/licenses/by-sa/4.0/", True, True),
    ("https://creativecommons.org/licenses/by-nc/4.0/", True, False),
    ("https://creativecommons.org/licenses/by-nc-sa/3.0/", True, False),
    ("https://creativecommons.org/licenses/by-nd/4.0/", False, False),
    ("https://creativecommons.org/licenses/by-nc-nd/3.0/", False, False)])
def test_usable_filter_follows_the_licence(url, personal, monetised):
    licence = licence_for("jamendo", licence_url=url)
    assert usable_under(licence, "any")
    assert usable_under(licence, "personal") is personal
    assert usable_under(licence, "monetised") is monetised


def test_own_files_are_usable_unless_their_own_tags_say_otherwise():
    assert usable_under(licence_for("user"), "monetised")
    tagged = licence_for("user", licence_url="https://creativecommons.org/licenses/by-nc/4.0/", title="Mine")
    assert tagged.kind == "own" and tagged.code == "CC BY-NC 4.0"
    assert usable_under(tagged, "personal") and not usable_under(tagged, "monetised")
    no_video = licence_for("user", licence_url="https://creativecommons.org/licenses/by-nd/4.0/")
    assert not usable_under(no_video, "personal") and not usable_under(no_video, "monetised")


def test_unknown_filter_name_is_refused():
    with pytest.raises(ValueError):
        usable_under(licence_for("user"), "commercial")
