"""The public face of a track, as the API and the CLI give it: what it is, what its licence lets a
person do (moodify.licence), whether it can be heard here, and whether it can go into a video.

Everything a person reads comes as data (codes, booleans, URLs); the web app and the CLI put
it into words. Reasons a track cannot go into a video (`use.reason`):

    platform_only         a popular song: add it from the music picker of Instagram, TikTok or YouTube
    licence_not_checked   a Jamendo track whose licence was not looked up yet (enrich it)
    licence_unknown       its licence is not known, so it is never offered for use
    no_derivatives        an ND licence: it may not be put to a video
    non_commercial        an NC licence, and the post is monetised
    download_not_allowed  its artist does not let apps download it
    no_audio_source       Moodify knows its emotion but has no way to get its audio
    unavailable           its service no longer has it
    offline               it must be downloaded first, and Moodify is offline
"""

from __future__ import annotations

from moodify import config
from moodify.emotion import EMOTIONS
from moodify.catalog.datasets import DATASETS
from moodify.catalog.sources import jamendo_number
from moodify.licence import Licence, licence_for, platform_links
from moodify.online import jamendo_audio_origin, origin
from moodify.store.models import Track

LOCAL_AUDIO = "/api/v1/tracks/{id}/audio"


def web_link(url: str | None) -> str | None:
    """A link from a service's data, only if it is a web address (never javascript: or data:)."""
    return url if url and url.lower().startswith(("https://", "http://")) else None


def display_title(track: Track) -> str:
    if track.title:
        return track.title
    if track.source == "jamendo":
        return f"Jamendo track {jamendo_number(track.source_id)}"
    return f"{track.source} {track.source_id}"


def track_licence(track: Track) -> Licence:
    return licence_for(track.source, licence_url=track.licence_url, stated=track.license,
                       title=track.title, artist=track.artist, link=track.url)


def stream_allowed(url: str | None) -> bool:
    """A stream the web app may play: from the one media host its CSP allows, and only online."""
    return bool(url and not config.current().offline and origin(url) == jamendo_audio_origin())


def preview_url(track: Track, has_audio: bool) -> str | None:
    if track.source == "user" or has_audio:
        return LOCAL_AUDIO.format(id=track.id)
    dataset = DATASETS.get(track.source)
    if not track.available or (dataset is not None and not dataset.previews_play):
        return None      # a published sample URL on a host that no longer serves it: not offered
    if track.source == "jamendo":
        return track.stream_url if stream_allowed(track.stream_url) else None
    return track.sample_url


def use_refusal(track: Track, licence: Licence, has_audio: bool, usable: str = "any") -> str | None:
    """Why this track cannot be put in a video here (a code above), or None when it can."""
    if track.source == "user":          # your own file: only its own licence tags can say no
        if licence.video_sync is False:
            return "no_derivatives"
        return "non_commercial" if usable == "monetised" and licence.commercial_use is False else None
    if not track.available:
        return "unavailable"
    if licence.kind == "platform":
        return "platform_only"
    if licence.video_sync is False:
        return "no_derivatives"
    if licence.video_sync is None:
        return "licence_not_checked" if track.source == "jamendo" and track.enriched_at is None \
            else "licence_unknown"
    if usable == "monetised" and licence.commercial_use is not True:
        return "non_commercial"
    if has_audio:
        return None
    if track.source == "jamendo" and not (track.download_allowed and track.download_url):
        return "download_not_allowed"
    if not track.download_url:
        return "no_audio_source"
    if config.current().offline:
        return "offline"
    return None


def track_view(track: Track, *, has_audio: bool = False, usable: str = "any") -> dict:
    """A track as the API and `--json` print it."""
    licence = track_licence(track)
    refusal = use_refusal(track, licence, has_audio, usable)
    preview = preview_url(track, has_audio)
    return {
        "id": track.id, "title": display_title(track), "artist": track.artist,
        "album": track.album, "source": track.source, "source_id": track.source_id,
        "tags": list(track.mood_tags), "genres": list(track.genres),
        "instruments": list(track.instruments), "emotion": track.emotion,
        "probs": {e: round(p, 4) for e, p in zip(EMOTIONS, track.probs)},
        "valence": round(track.valence, 4), "arousal": round(track.arousal, 4),
        "duration_s": track.duration_s, "instrumental": track.instrumental,
        "url": web_link(track.url), "sample_url": web_link(track.sample_url), "license": track.license,
        "licence": licence.to_dict(),
        "find_on": platform_links(track.title, track.artist) if licence.kind == "platform" else None,
        "image_url": track.image_url if track.image_url and not config.current().offline else None,
        "preview_url": preview, "playable": preview is not None,
        "available": track.available,
        "enriched_at": track.enriched_at.isoformat() + "Z" if track.enriched_at else None,
        "use": {"video": refusal is None, "reason": refusal,
                "needs_download": refusal is None and track.source != "user" and not has_audio},
        "annotation": track.annotation,
    }
