"""Files of a multipart post, saved where the analysis job can read them.

Each file is written to a fresh folder of this process's spool (moodify.spool) as `<field>-<n>`:
the name the client sent is kept only for messages, never used as a path. The folder is removed
when the job ends (or at once, if the post is refused), and by the next start if the process dies.
"""

from __future__ import annotations

import re
import shutil
import uuid
from pathlib import Path

from werkzeug.datastructures import FileStorage, MultiDict

from moodify.errors import InvalidInput
from moodify.media import MediaFile
from moodify import analysers
from moodify.spool import Spool



def file_fields() -> dict[str, analysers.PartKind]:
    """The multipart fields a post's files come in: one per kind of part that is a file."""
    return {kind.field: kind for kind in analysers.kinds() if not kind.text}

CHUNK = 1 << 20


def display_name(upload: FileStorage, field: str, n: int) -> str:
    """The client's file name reduced to something safe to print (no folders, no controls)."""
    raw = (upload.filename or "").replace("\\", "/").split("/")[-1]
    clean = re.sub(r"[\x00-\x1f\x7f]", "", raw).strip()[:100]
    return clean or analysers.by_field(field).name(n)


def size(upload: FileStorage) -> int:
    """Bytes of an uploaded file (already spooled by the form parser), read without consuming it."""
    stream = upload.stream
    at = stream.tell()
    stream.seek(0, 2)
    end = stream.tell()
    stream.seek(at)
    return end


def save_library(files: list[FileStorage], library: Path, scratch: Path) -> dict[Path, str]:
    """Keep uploaded music in the library folder, named by content hash and a checked suffix
    (the audio stays: the app plays it and renders with it). Returns kept path -> the name the
    person gave the file (for its title)."""
    from moodify.library import SUFFIXES
    from moodify.music import content_hash

    library.mkdir(parents=True, exist_ok=True)
    scratch.mkdir(parents=True, exist_ok=True)
    kept = {}
    for n, upload in enumerate(files):
        shown = display_name(upload, "audio", n)
        suffix = Path(shown).suffix.lower()
        if suffix not in SUFFIXES:
            suffix = ".audio"           # the import reports it as not sound, by its content
        temporary = scratch / f"incoming-{uuid.uuid4().hex}"
        with open(temporary, "wb") as out:
            shutil.copyfileobj(upload.stream, out, CHUNK)
        target = library / f"{content_hash(temporary)}{suffix}"
        temporary.replace(target)
        kept[target] = shown
    return kept


def save(files: MultiDict, spool: Spool) -> tuple[dict[str, list[MediaFile]], Path]:
    """Write the uploaded files into a new folder of the spool; (field -> files, the folder to
    remove afterwards)."""
    fields = file_fields()
    unknown = sorted(set(files) - set(fields))
    if unknown:
        raise InvalidInput(f"unknown file fields {', '.join(unknown)}: send "
                           + ", ".join(f"{kind.label}s as '{name}'" for name, kind in fields.items()))
    for field, kind in fields.items():
        count = len(files.getlist(field))
        if count > kind.most():
            raise InvalidInput(f"{count} files in '{field}': a post takes at most {kind.most()}")
    folder = spool.new_folder()
    saved: dict[str, list[MediaFile]] = {field: [] for field in fields}
    try:
        for field in fields:
            for n, upload in enumerate(files.getlist(field)):
                path = folder / f"{field}-{n}"
                with open(path, "wb") as out:
                    shutil.copyfileobj(upload.stream, out, CHUNK)
                saved[field].append(MediaFile(path, display_name(upload, field, n)))
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return saved, folder
