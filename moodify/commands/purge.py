"""`moodify purge`: a person and all they left here, or rendered videos past retention (moodify.privacy)."""

from __future__ import annotations

from collections.abc import Iterator

import click

from moodify.cli_io import echo_lines, emit_json
from moodify.setup import open_store


def purge_lines(reports: dict[str, dict]) -> Iterator[str]:
    """One line per purge ("user", "expired"): the rows removed by table, and the files."""
    for what, report in reports.items():
        rows = ", ".join(f"{n} {table}" for table, n in report["rows"].items() if n) or "no rows"
        yield f"{what}: removed {rows}; {report['files']} file(s)"


@click.command()
@click.option("--user", "user_name", help="remove everything of this user")
@click.option("--expired", is_flag=True, help="remove rendered videos older than MOODIFY_RETENTION_DAYS")
@click.option("--yes", is_flag=True, help="do not ask before removing a user")
@click.option("--json", "as_json", is_flag=True)
def purge(user_name: str | None, expired: bool, yes: bool, as_json: bool) -> None:
    """Remove a user and all they left here, or rendered videos past their retention."""
    from moodify import privacy

    if not user_name and not expired:
        raise click.UsageError("give --user NAME, or --expired")
    store = open_store()
    store.upgrade()
    reports = {}
    if user_name:
        if not yes:
            click.confirm(f"Remove {user_name!r} with all their analyses, feedback, tracks and videos?", abort=True)
        reports["user"] = privacy.purge_user(store, user_name).to_dict()
    if expired:
        reports["expired"] = privacy.purge_expired(store).to_dict()
    if as_json:
        emit_json(reports)
        return
    echo_lines(purge_lines(reports))
