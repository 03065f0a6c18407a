"""Online music services (Jamendo, Openverse): what is sent is only track ids and mood words, and
the `offline` setting sends nothing. Every request goes through moodify.online.http."""

from urllib.parse import urlsplit

from moodify import config


def origin(url: str) -> str:
    """scheme://host[:port] of a URL, lower-cased, as a Content-Security-Policy names a source."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def jamendo_audio_origin() -> str:
    """The one outside host previews may stream from (setting jamendo_audio_host)."""
    return origin(config.current().jamendo_audio_host)
