"""Opening an installation: settings -> store (schema current) -> catalogue built -> Moodify."""

from __future__ import annotations

import sys

from moodify import config
from moodify.catalog import build
from moodify.service import Moodify
from moodify.store import Store


def open_store(overrides: dict | None = None) -> Store:
    return Store(config.database_url(overrides))


def ensure_ready(store: Store, *, say=lambda text: print(text, file=sys.stderr)) -> None:
    """Bring the schema up to date and build the catalogue if it is empty (first start)."""
    store.upgrade()
    if build.track_count(store) == 0:
        say("Building the music catalogue (first start, a few seconds)...")
        report = build.build(store)
        say(f"Catalogue ready: {report.added} tracks.")


def open_moodify(overrides: dict | None = None, *, prepare: bool = True) -> Moodify:
    store = open_store(overrides)
    if prepare:
        ensure_ready(store)
    return Moodify(store, semantic=config.get("semantic", overrides) != "off",
                   default_user=config.get("default_user", overrides), instance=config.instance_dir(overrides))
