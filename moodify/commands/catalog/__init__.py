"""`moodify catalog ...`: the music catalogue's commands, one module each, gathered under one group."""

from __future__ import annotations

import click

from moodify.commands.catalog.build import catalog_build
from moodify.commands.catalog.enrich import enrich
from moodify.commands.catalog.fetch_audio import fetch_audio
from moodify.commands.catalog.find_online import find_online
from moodify.commands.catalog.import_csv import catalog_import
from moodify.commands.catalog.import_dir import catalog_import_dir
from moodify.commands.catalog.stats import catalog_stats


@click.group()
def catalog() -> None:
    """The music catalogue: build, statistics, import."""


for _command in (catalog_build, catalog_stats, catalog_import_dir, catalog_import, enrich, find_online,
                 fetch_audio):
    catalog.add_command(_command)
