"""`moodify catalog import-dir`: your own music, every audio file under a folder (Moodify.import_dir)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import click

from moodify.cli_io import echo_lines, emit_json
from moodify.domain import library as own_music
from moodify.setup import open_moodify

if TYPE_CHECKING:
    from moodify.library import ImportReport


def import_dir_lines(report: ImportReport) -> Iterator[str]:
    """Each file imported (id, title, emotion, tempo, key) or failed (why), then the counts."""
    for item in report.imported:
        yield (f"imported {item['id']:>6}  {item['title']}  ({item['emotion']}, {item['tempo']:.0f} BPM, "
               f"{item['key']})")
    for item in report.failed:
        yield f"failed          {item['path']}: {item['reason']}"
    yield f"{len(report.imported)} imported, {len(report.skipped)} already there, {len(report.failed)} failed"


@click.command("import-dir")
@click.argument("folder", type=click.Path(path_type=Path, exists=True, file_okay=False))
@click.option("--json", "as_json", is_flag=True)
def catalog_import_dir(folder: Path, as_json: bool) -> None:
    """Import your own music: every audio file under FOLDER, analysed; unchanged files are skipped."""
    from moodify import library

    app = open_moodify()
    with click.progressbar(length=len(library.audio_files(folder)) or 1, label="importing", file=sys.stderr,
                           item_show_func=lambda name: name) as bar:
        report = own_music.import_dir(app, app.viewer(), folder, lambda done, total, name: bar.update(1, name))
    if as_json:
        emit_json(report.to_dict())
        return
    echo_lines(import_dir_lines(report))
