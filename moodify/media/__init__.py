"""Reading the media of a post: what a file is (by its bytes, never its name) and its decoded
pixels or samples. Every failure is an InvalidInput or PayloadTooLarge that says what to do.

    sniff(bytes) -> "image" | "audio" | "video" | None      (magic bytes)
    images.decode(bytes) -> RGB uint8 array                  (Pillow, EXIF-upright)
    audio.decode(path) -> 16 kHz mono float32                (PyAV)
    video.open(path) -> frames sampled ~1/s plus scene cuts, and the sound track
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from moodify.errors import InvalidInput

IMAGE_EXTENSIONS = "JPEG, PNG, WebP, GIF or HEIC"
AUDIO_EXTENSIONS = "WAV, MP3, M4A/AAC, OGG/Opus or FLAC"


@dataclass(frozen=True)
class MediaFile:
    """One uploaded or named file: its bytes stay on disk; `name` is for messages only."""

    path: Path
    name: str

    @property
    def size(self) -> int:
        return self.path.stat().st_size

    def head(self, n: int = 64) -> bytes:
        with open(self.path, "rb") as f:
            return f.read(n)


def sniff(head: bytes) -> str | None:
    """The broad kind of a file from its first bytes: image, audio, video (an ISO/Matroska
    container that may hold only sound is 'container'), or None when unknown."""
    if head.startswith(b"\xff\xd8\xff") or head.startswith(b"\x89PNG\r\n\x1a\n") \
            or head[:6] in (b"GIF87a", b"GIF89a") or (head[:4] == b"RIFF" and head[8:12] == b"WEBP"):
        return "image"
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in (b"heic", b"heix", b"hevc", b"heim", b"heis", b"mif1", b"msf1", b"avif"):
            return "image"
        return "container"      # mp4, mov, m4a: the streams decide
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return "audio"
    if head[:4] in (b"fLaC", b"OggS") or head[:3] == b"ID3" \
            or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0):  # MPEG frame sync
        return "audio"
    if head[:4] == b"\x1a\x45\xdf\xa3":  # Matroska / WebM
        return "container"
    return None


def check_kind(media: MediaFile, wanted: str) -> None:
    """Refuse a file whose bytes are not the kind its field asked for."""
    if media.size == 0:
        raise InvalidInput(f"{media.name} is empty (0 bytes): upload the file again")
    kind = sniff(media.head())
    allowed = {"image": ("image",), "audio": ("audio", "container"), "video": ("container",)}[wanted]
    if kind not in allowed:
        what = {"image": IMAGE_EXTENSIONS, "audio": AUDIO_EXTENSIONS,
                "video": "a video (MP4, MOV, WebM or MKV)"}[wanted]
        found = f"its content looks like {kind}" if kind else "its content is not a media file Moodify knows"
        raise InvalidInput(f"{media.name} was given as {wanted}, but {found}: give {what}")
