"""The person's own music: audio files analysed into the same emotion space, stored as tracks of
source "user" that the recommender ranks like any other.

    folder -> audio files (by suffix, then by content) -> sha256: already imported? skip
    -> tags (mutagen) -> decode (PyAV, 16 kHz mono) -> musicnn tags over the track and per
       3 s patch, tempo and beats, key and mode, loudness, energy per second (librosa)
    -> the sound path's music reading -> a Track row, committed one file at a time

Each file is committed as soon as it is read, so an import that stops (a crash, Ctrl-C) resumes
where it stopped: the files already stored are skipped by their content hash. An unreadable
file is reported and skipped; the import goes on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from sqlalchemy import select, update

from moodify.catalog.build import upsert
from moodify.catalog.sources import SourceTrack
from moodify.errors import InvalidInput, MoodifyError
from moodify.media import MediaFile
from moodify.media import audio as audio_media
from moodify.store import Store
from moodify.music import analyse_samples, content_hash
from moodify.store.models import Track

SUFFIXES = {".mp3", ".m4a", ".aac", ".mp4", ".wav", ".flac", ".ogg", ".oga", ".opus"}
SOURCE = "user"
LICENSE = "your own file: you said you may use it"


def read_tags(path: Path) -> dict[str, str | None]:
    """Title, artist, album and genre from the file's tags (mutagen), if it has any."""
    try:
        import mutagen

        tags = mutagen.File(path, easy=True)
    except Exception:           # tags are a nicety: a file without readable ones is still music
        tags = None
    def first(key: str) -> str | None:
        values = (tags.get(key) if tags is not None and tags.tags is not None else None) or []
        return str(values[0]).strip()[:400] or None if values else None
    return {"title": first("title"), "artist": first("artist"), "album": first("album"), "genre": first("genre")}


LICENCE_TAGS = ("wcop", "tcop", "license", "licence", "copyright", "cprt")
CC_URL = re.compile(r"https?://(?:www\.)?creativecommons\.org/[^\s\"'<>)]+", re.I)


def read_licence(path: Path) -> str | None:
    """A Creative Commons licence the file's tags state (ID3 WCOP, TCOP or a LICENSE text frame;
    Vorbis LICENSE or COPYRIGHT; MP4 cprt), as a deed URL or code moodify.licence reads; or None."""
    from moodify.licence import parse_cc

    try:
        import mutagen

        tags = mutagen.File(path)
    except Exception:           # tags are a nicety, as in read_tags
        return None
    if tags is None or tags.tags is None:
        return None
    for key, value in tags.tags.items():
        if not any(name in str(key).lower() for name in LICENCE_TAGS):
            continue
        for text in _tag_texts(value):
            for candidate in [*CC_URL.findall(text), text.strip()]:
                if parse_cc(candidate):
                    return candidate[:300]
    return None


def _tag_texts(value) -> list[str]:
    """The text of one tag, whatever its kind (ID3 URL or text frame, Vorbis or MP4 value)."""
    if hasattr(value, "url"):
        return [str(value.url)]
    if hasattr(value, "text"):
        return [str(t) for t in value.text]
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    return [str(value)]


def audio_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        raise InvalidInput(f"{folder} is not a folder: give the folder that holds your music")
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)


@dataclass
class ImportReport:
    imported: list[dict] = field(default_factory=list)
    skipped: list[dict] = field(default_factory=list)
    failed: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"imported": self.imported, "skipped": self.skipped, "failed": self.failed}


def import_file(store: Store, path: Path, digest: str | None = None, name: str | None = None,
                owner_id: int | None = None) -> dict:
    """Analyse one file and store it as a track; its view (id, path, title, emotion...). Without
    a title tag the track is called by `name` (an upload's own file name) or the file's."""
    digest = digest or content_hash(path)
    samples = audio_media.decode(MediaFile(path, name or path.name))
    analysis = analyse_samples(samples)
    tags = read_tags(path)
    item = SourceTrack(
        source=SOURCE, source_id=source_id(digest, owner_id), license=LICENSE, licence_url=read_licence(path),
        annotation=analysis.to_annotation(path, digest),
        title=tags["title"] or Path(name or path.name).stem, artist=tags["artist"], album=tags["album"],
        duration_s=round(analysis.duration, 2), mood_tags=tuple(t.lower() for t in analysis.tags),
        genres=(tags["genre"].lower(),) if tags["genre"] else ())
    with store.session() as session:
        added, updated = upsert(session, [item])
        track_id = (added or updated)[0]
        session.execute(update(Track).where(Track.id == track_id).values(owner_id=owner_id))
    return {"id": track_id, "path": str(path), "title": item.title, "artist": item.artist,
            "duration_s": item.duration_s, "emotion": analysis.reading["label"],
            "valence": analysis.reading["valence"], "arousal": analysis.reading["arousal"],
            "tempo": round(analysis.tempo, 1), "key": f"{analysis.key} {analysis.mode}"}


def source_id(digest: str, owner_id: int | None) -> str:
    """One person's copy of a file: the same song imported by two people is two tracks."""
    return f"{owner_id if owner_id is not None else 0}:{digest[:40]}"


def known_hashes(store: Store, owner_id: int | None) -> dict[str, int]:
    with store.session() as session:
        return {sid: tid for tid, sid in session.execute(
            select(Track.id, Track.source_id).where(Track.source == SOURCE))}


def import_dir(store: Store, folder: Path, progress: Callable[[int, int, str], None] | None = None,
               owner_id: int | None = None) -> ImportReport:
    """Import every audio file under folder for a user; progress(done, total, name) after each."""
    return import_paths(store, audio_files(Path(folder)), progress, owner_id=owner_id)


def import_paths(store: Store, files: list[Path],
                 progress: Callable[[int, int, str], None] | None = None,
                 names: dict[Path, str] | None = None, owner_id: int | None = None) -> ImportReport:
    """Import these files; `names` gives uploads their own names for titles and reports."""
    names = names or {}
    known = known_hashes(store, owner_id)
    report = ImportReport()
    for done, path in enumerate(files, start=1):
        try:
            digest = content_hash(path)
            key = source_id(digest, owner_id)
            if key in known:
                report.skipped.append({"id": known[key], "path": str(path),
                                       "reason": "already imported (same content)"})
            else:
                imported = import_file(store, path, digest, names.get(path), owner_id)
                known[key] = imported["id"]
                report.imported.append(imported)
        except MoodifyError as exc:
            report.failed.append({"path": str(path), "reason": str(exc)})
        except OSError as exc:
            report.failed.append({"path": str(path), "reason": f"could not be read: {exc.strerror or exc}"})
        if progress:
            progress(done, len(files), path.name)
    return report
