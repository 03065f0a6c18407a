"""`moodify db upgrade`: the database schema, migrated (Store.upgrade)."""

from __future__ import annotations

import click

from moodify.setup import open_store


@click.group()
def db() -> None:
    """The database schema."""


@db.command("upgrade")
def db_upgrade() -> None:
    """Apply schema migrations (SQLite by default, MySQL/MariaDB by MOODIFY_DATABASE_URL)."""
    store = open_store()
    store.upgrade()
    click.echo(f"schema up to date ({store.engine.dialect.name})")
