"""`moodify catalog enrich jamendo`: what Jamendo knows of the catalogue's Jamendo tracks
(catalog.enrich). Only track ids are sent; MOODIFY_OFFLINE=1 sends nothing."""

from __future__ import annotations

import sys

import click

from moodify.cli_io import emit_json
from moodify.setup import ensure_ready, open_store


@click.group()
def enrich() -> None:
    """Learn what online services know of catalogue tracks (names, licences, audio links)."""


@enrich.command("jamendo")
@click.option("--limit", type=click.IntRange(1), help="look up at most this many tracks this time")
@click.option("--json", "as_json", is_flag=True)
def enrich_jamendo(limit: int | None, as_json: bool) -> None:
    """Look up the catalogue's Jamendo tracks on Jamendo (200 a request; resumable: tracks already
    looked up are skipped). Needs MOODIFY_JAMENDO_CLIENT_ID."""
    from moodify.catalog import enrich as enrichment
    from moodify.online.jamendo import JamendoClient

    store = open_store()
    ensure_ready(store)
    client = JamendoClient.from_settings()
    wanted = enrichment.pending_count(store) if limit is None else min(limit, enrichment.pending_count(store))
    try:
        with click.progressbar(length=max(wanted, 1), label="looking up on Jamendo", file=sys.stderr) as bar:
            report = enrichment.enrich_batch(store, client, limit=limit,
                                             progress=lambda done, total: bar.update(done - bar.pos))
    except KeyboardInterrupt:
        left = enrichment.pending_count(store)
        click.echo(f"\nstopped: what was looked up is kept; run it again to go on ({left} left)", err=True)
        sys.exit(130)
    if as_json:
        emit_json(report.to_dict())
    else:
        click.echo(f"looked up {report.asked} tracks in {report.requests} request(s): {report.enriched} named, "
                   f"{report.unavailable} no longer on Jamendo (not recommended any more); {report.remaining} left")
    if report.stopped:
        click.echo(f"error: stopped early: {report.errors[-1]} ({report.remaining} left; run it again to go on)",
                   err=True)
        sys.exit(2)
