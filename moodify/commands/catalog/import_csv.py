"""`moodify catalog import`: tracks from a CSV (catalog.csv_import)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import click

from moodify.catalog.csv_import import ImportReport, import_csv
from moodify.cli_io import echo_lines, emit_json
from moodify.setup import ensure_ready, open_store


def import_csv_lines(report: ImportReport) -> Iterator[str]:
    """The counts, then each skipped row by line number and why."""
    yield (f"{len(report.imported)} imported, {len(report.updated)} updated, "
           f"{len(report.failed)} rows skipped")
    for failure in report.failed:
        yield f"  line {failure['line']}: {failure['reason']}"


@click.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True)
def catalog_import(file: Path, as_json: bool) -> None:
    """Import tracks from a CSV (see moodify/catalog/csv_import.py for the columns)."""
    store = open_store()
    ensure_ready(store)
    report = import_csv(store, file)
    if as_json:
        emit_json(report.to_dict())
        return
    echo_lines(import_csv_lines(report))
