"""`moodify catalog fetch-audio`: the audio of catalogue tracks that may go into a video, for use
offline (catalog.audio): the plan and the disk it takes first, then the downloads."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING

import click

from moodify.cli_io import echo_lines, emit_json
from moodify.licence import USABLE
from moodify.setup import ensure_ready, open_store

if TYPE_CHECKING:
    from moodify.catalog.audio import FetchPlan


def plan_line(plan: FetchPlan, *, budget_mb: float, free_mb: float, kbps: int) -> str:
    """How many tracks, about how many MB against the budget and the free disk, and what would not fit."""
    return (f"{len(plan.track_ids)} track(s) to fetch, about {plan.estimated_mb:.0f} MB (estimated at "
            f"{kbps} kb/s); budget {budget_mb:.0f} MB, {free_mb:.0f} MB free here"
            + (f"; {plan.over_budget} more would not fit" if plan.over_budget else ""))


def fetched_lines(report: dict) -> Iterator[str]:
    """The tracks fetched and the MB they took, then each failure (track id, why)."""
    yield (f"fetched {len(report['fetched'])} track(s), {report['used_mb']:.1f} MB; "
           f"{len(report['failed'])} failed")
    for failure in report["failed"]:
        yield f"  track {failure['track_id']}: {failure['reason']}"


@click.command("fetch-audio")
@click.option("--usable", type=click.Choice(USABLE), default="monetised", show_default=True,
              help="fetch only tracks whose licence allows this use in a video")
@click.option("--limit", type=click.IntRange(1), default=50, show_default=True)
@click.option("--budget-mb", type=click.FloatRange(1), help="disk to use at most (default: 2 GB or half "
              "the free space, whichever is less)")
@click.option("--yes", is_flag=True, help="do not ask before downloading")
@click.option("--json", "as_json", is_flag=True)
def fetch_audio(usable: str, limit: int, budget_mb: float | None, yes: bool, as_json: bool) -> None:
    """Download audio that may be put in a video, for use offline (resumable: fetched tracks are
    skipped). States the disk it will use first."""
    from moodify.catalog import audio as catalog_audio

    store = open_store()
    ensure_ready(store)
    folder = catalog_audio.audio_dir()
    folder.mkdir(parents=True, exist_ok=True)
    free_mb = shutil.disk_usage(folder).free / 2**20
    budget = budget_mb or min(2048.0, free_mb / 2)
    plan = catalog_audio.plan_fetch(store, usable=usable, limit=limit, budget_mb=budget)
    click.echo(plan_line(plan, budget_mb=budget, free_mb=free_mb, kbps=catalog_audio.ESTIMATE_KBPS), err=True)
    if not plan.track_ids:
        if as_json:
            emit_json({"fetched": [], "failed": [], "used_mb": 0})
        return
    if not yes and not as_json:
        click.confirm("Download them?", abort=True, err=True)
    with click.progressbar(length=len(plan.track_ids), label="fetching", file=sys.stderr) as bar:
        report = catalog_audio.fetch_many(store, plan.track_ids, usable=usable, budget_mb=budget,
                                          progress=lambda done: bar.update(1))
    if as_json:
        emit_json(report)
        return
    echo_lines(fetched_lines(report))
