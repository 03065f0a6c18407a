"""What a person may do with a track, decided from its licence URL (or code) and its source.

    licence_for(source, licence_url=..., stated=..., title=..., artist=..., link=...) -> Licence
    usable_under(licence, "any" | "personal" | "monetised")                       -> bool

Putting music in timed relation to a video ("synchronisation") makes an adapted work under
Creative Commons 4.0 and is treated the same way under the earlier versions, so NoDerivatives
(ND) licences do not allow it; NonCommercial (NC) excludes monetised posts; BY needs a credit
line, and ShareAlike (SA) asks that the video be shared under the same licence. CC0 and the
Public Domain Mark ask nothing.

Popular songs (PMEmo, 4Q, film soundtracks) are all rights reserved: Moodify never plays,
downloads or renders them; a creator adds them from the music picker of Instagram, TikTok or
YouTube Shorts, which holds the licence. Every function here is pure.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from urllib.parse import quote, quote_plus

KINDS = ("creative-commons", "platform", "own", "unknown")
USABLE = ("any", "personal", "monetised")
PLATFORM_SOURCES = {"pmemo", "4q", "soundtracks"}      # all rights reserved: add from the app's picker
CC_UNSTATED_SOURCES = {"jamendo", "deam"}              # Creative Commons, variant unknown until looked up

# Elements of a CC licence: (commercial use allowed, adaptation allowed, share alike).
_ELEMENTS = {"by": (True, True, False), "by-sa": (True, True, True), "by-nd": (True, False, False),
             "by-nc": (False, True, False), "by-nc-sa": (False, True, True),
             "by-nc-nd": (False, False, False)}
_CC_URL = re.compile(
    r"^(?:https?://)?(?:www\.)?creativecommons\.org/"
    r"(?:licenses/(?P<elements>[a-z+\-]+)/(?P<version>\d\.\d)"
    r"|publicdomain/(?P<domain>zero|mark)/(?P<pd_version>\d\.\d))"
    r"(?:/(?P<port>(?!deed|legalcode)[a-z]{2,}(?:-[a-z]+)?))?"         # a national port: /3.0/us/
    r"(?:/(?:deed\.[a-z\-_]+|legalcode(?:\.[a-z\-_]+)?)?)?/*$", re.I)
_CC_CODE = re.compile(r"^(?:cc[\s\-_]*)?(?P<elements>by(?:[\s\-_]*(?:nc|sa|nd))*)"
                      r"(?:[\s\-_]*(?P<version>\d\.\d))?$", re.I)
_PD_CODE = re.compile(r"^(?:cc[\s\-_]*0|cc[\s\-_]*zero|public[\s\-_]*domain(?:[\s\-_]*mark)?|pdm)"
                      r"(?:[\s\-_]*(?P<version>\d\.\d))?$", re.I)


@dataclass(frozen=True)
class Licence:
    kind: str                       # one of KINDS
    code: str | None                # "CC BY-NC-SA 3.0", "CC0 1.0", "PDM 1.0"
    url: str | None                 # the licence deed
    commercial_use: bool | None     # None: not known
    video_sync: bool | None         # may be put in timed relation to a video (not ND)
    attribution: str | None         # the credit line to paste under the post, when one is asked
    share_alike: bool = False       # the video must be shared under the same licence

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class _Terms:
    code: str
    url: str | None
    commercial: bool | None
    adapt: bool | None
    share_alike: bool
    credit: bool


def _canonical(elements: str) -> str | None:
    """'by-nd-nc' (CC 1.0's order) or 'by nc sa' -> 'by-nc-sa'; None if not a CC licence."""
    parts = [p for p in re.split(r"[\s\-_]+", elements.lower()) if p]
    if not parts or parts[0] != "by" or len(set(parts)) != len(parts):
        return None
    order = [p for p in ("nc", "sa", "nd") if p in parts]
    if set(parts[1:]) - {"nc", "sa", "nd"} or ("sa" in order and "nd" in order):
        return None
    return "-".join(["by", *order])


def _cc(elements: str, version: str | None, port: str | None = None) -> _Terms | None:
    name = _canonical(elements)
    if name is None:
        return None
    commercial, adapt, share_alike = _ELEMENTS[name]
    if version is None:          # "CC BY" alone: the terms are known, the deed's version is not
        return _Terms(f"CC {name.upper()}", None, commercial, adapt, share_alike, True)
    # A national port is its own licence (its own deed, its own name in a credit line).
    where = f"{port.lower()}/" if port else ""
    return _Terms(f"CC {name.upper()} {version}{' ' + port.upper() if port else ''}",
                  f"https://creativecommons.org/licenses/{name}/{version}/{where}",
                  commercial, adapt, share_alike, True)


def _public_domain(which: str, version: str | None) -> _Terms:
    if which == "zero":
        return _Terms(f"CC0 {version or '1.0'}", f"https://creativecommons.org/publicdomain/zero/{version or '1.0'}/",
                      True, True, False, False)
    return _Terms(f"PDM {version or '1.0'}", f"https://creativecommons.org/publicdomain/mark/{version or '1.0'}/",
                  True, True, False, False)


def parse_cc(text: str | None) -> _Terms | None:
    """A Creative Commons deed URL or code -> its terms; None for anything else.

    Takes http or https, with or without www, trailing slashes, a national port (/3.0/us/, kept),
    deed or legalcode pages, and codes such as "CC BY-NC-SA 3.0", "by-sa", "CC0", "PDM".
    Sampling+ and other retired licences give None: not known to allow use in a video.
    """
    if not text:
        return None
    text = text.strip()
    found = _CC_URL.match(text)
    if found:
        if found["domain"]:
            return _public_domain(found["domain"].lower(), found["pd_version"])
        return _cc(found["elements"], found["version"], found["port"])
    found = _PD_CODE.match(text)
    if found:       # CC0 is a dedication; "public domain" says the work is there: the Mark
        return _public_domain("zero" if re.match(r"cc[\s\-_]*(?:0|zero)", text, re.I) else "mark",
                              found["version"])
    found = _CC_CODE.match(text)
    if found:
        return _cc(found["elements"], found["version"])
    return None


def credit_line(terms: _Terms, title: str | None, artist: str | None, link: str | None) -> str | None:
    """Title, author, source and licence (the credit Creative Commons asks for), ready to paste."""
    if not terms.credit:
        return None
    work = f'"{title}"' if title else "This music"
    by = f" by {artist}" if artist else ""
    where = f" ({link})" if link else ""
    deed = f" ({terms.url})" if terms.url else ""
    return f"Music: {work}{by}{where}, licensed under {terms.code}{deed}"


def licence_for(source: str, *, licence_url: str | None = None, stated: str | None = None,
                title: str | None = None, artist: str | None = None, link: str | None = None) -> Licence:
    """The licence of a track from where it comes from and what it states.

    `licence_url`: a deed URL learnt from the service (Jamendo's license_ccurl, Openverse's
    license_url) or read from a file's tags; `stated`: the licence as a CSV import wrote it.
    """
    if source in PLATFORM_SOURCES:
        return Licence("platform", None, None, False, False, None)
    terms = parse_cc(licence_url) or parse_cc(stated)
    if source == "user":
        if terms is None:
            return Licence("own", None, None, None, None, None)
        return Licence("own", terms.code, terms.url, terms.commercial, terms.adapt,
                       credit_line(terms, title, artist, link), terms.share_alike)
    if terms is not None:
        return Licence("creative-commons", terms.code, terms.url, terms.commercial, terms.adapt,
                       credit_line(terms, title, artist, link), terms.share_alike)
    if source in CC_UNSTATED_SOURCES:
        return Licence("creative-commons", None, None, None, None, None)
    return Licence("unknown", None, licence_url, None, None, None)


def usable_under(licence: Licence, usable: str) -> bool:
    """May a track with this licence be offered under the `usable` filter?

    any: everything. personal: a post that earns nothing: the person's own files, popular songs
    through the platform's picker, and CC music that allows use in a video. monetised: CC music
    that allows commercial use and use in a video, and the person's own files unless their own
    tags say otherwise. A licence not known is never offered under either.
    """
    if usable not in USABLE:
        raise ValueError(f"usable must be one of {USABLE}, got {usable!r}")
    if usable == "any":
        return True
    if licence.kind == "own":     # yours to judge, unless the file's own tags say otherwise
        return licence.video_sync is not False and (usable == "personal" or licence.commercial_use is not False)
    if licence.kind == "platform":
        return usable == "personal"
    if usable == "personal":
        return licence.video_sync is True
    return licence.commercial_use is True and licence.video_sync is True


def usable_level(licence: Licence) -> int:
    """0: only under `any`, 1: also `personal`, 2: also `monetised` (for filtering arrays)."""
    return 2 if usable_under(licence, "monetised") else 1 if usable_under(licence, "personal") else 0


def platform_links(title: str | None, artist: str | None) -> dict[str, str] | None:
    """Where to find a popular song to add it from a platform's picker: searches by title and artist."""
    words = " ".join(w for w in (title, artist) if w)
    if not words:
        return None
    return {"youtube_music": f"https://music.youtube.com/search?q={quote_plus(words)}",
            "spotify": f"https://open.spotify.com/search/{quote(words)}",
            "apple_music": f"https://music.apple.com/search?term={quote_plus(words)}"}
