"""`moodify catalog build`: the catalogue from the bundled data sets (catalog.build)."""

from __future__ import annotations

import click

from moodify.catalog import build
from moodify.setup import open_store


@click.command("build")
def catalog_build() -> None:
    """Build the catalogue from the bundled data sets, or re-derive every track's emotion."""
    store = open_store()
    store.upgrade()
    report = build.build(store)
    click.echo(f"{report.added} added, {report.updated} updated, "
               f"{report.derived} re-derived, {report.embedded} texts embedded")
