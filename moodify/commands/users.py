"""`moodify users`: accounts of the multi-user server, kept by whoever runs it. Giving an
existing user (the single-person mode's `local`, say) a password is done here, never by signing
up under their name."""

from __future__ import annotations

import sys

import click


@click.group()
def users() -> None:
    """Accounts of the multi-user server (MOODIFY_AUTH=required)."""


@users.command("set-password")
@click.argument("name")
@click.option("--password-stdin", is_flag=True, help="read the password from standard input (scripts)")
def set_password(name: str, password_stdin: bool) -> None:
    """Give NAME a new password (asked twice, not echoed); every session and API token of theirs ends."""
    from moodify import accounts
    from moodify.setup import open_store

    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = click.prompt("new password", hide_input=True, confirmation_prompt=True, err=True)
    store = open_store()
    store.upgrade()
    accounts.set_password(store, name, password)
    click.echo(f"{name} has a new password; their sessions and tokens have ended", err=True)
