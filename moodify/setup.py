"""Opening an installation: settings -> store (schema current) -> catalogue built -> Moodify."""

from __future__ import annotations

import sys

from moodify import config, fusion
from moodify.catalog import build
from moodify.service import Moodify
from moodify.store import Store


def open_store(settings: config.Settings | dict | None = None) -> Store:
    return Store(config.load(settings).store_url)


def ensure_ready(store: Store, *, say=lambda text: print(text, file=sys.stderr)) -> None:
    """Bring the schema up to date and build the catalogue if it is empty (first start)."""
    store.upgrade()
    if build.track_count(store) == 0:
        say("Building the music catalogue (first start, a few seconds)...")
        report = build.build(store)
        say(f"Catalogue ready: {report.added} tracks.")


def open_moodify(settings: config.Settings | dict | None = None, *, prepare: bool = True) -> Moodify:
    settings = config.load(settings)
    with config.using(settings):
        fusion.reliability()            # its kinds are known once the analysers are: checked here
    store = open_store(settings)
    if prepare:
        ensure_ready(store)
    return Moodify(store, settings=settings)
