"""`moodify catalog stats`: counts per source, dominant emotion and licence (catalog.build.stats)."""

from __future__ import annotations

from collections.abc import Iterator

import click

from moodify.catalog import build
from moodify.cli_io import echo_lines, emit_json
from moodify.setup import ensure_ready, open_store


def stats_lines(stats: dict) -> Iterator[str]:
    """The counts as a person reads them, and how much of Jamendo was looked up."""
    yield f"{stats['tracks']} tracks"
    for title in ("by_source", "by_emotion", "by_licence"):
        yield f"\n{title.replace('_', ' ')}:"
        for name, count in stats[title].items():
            yield f"  {count:>6}  {name}"
    jamendo = stats["jamendo"]
    yield (f"\nJamendo: {jamendo['looked_up']} looked up ({jamendo['unavailable']} no longer there), "
           f"{jamendo['not_looked_up']} not yet (`moodify catalog enrich jamendo`)")


@click.command("stats")
@click.option("--json", "as_json", is_flag=True)
def catalog_stats(as_json: bool) -> None:
    """Counts per source, per dominant emotion and per licence."""
    store = open_store()
    ensure_ready(store)
    stats = build.stats(store)
    if as_json:
        emit_json(stats)
        return
    echo_lines(stats_lines(stats))
