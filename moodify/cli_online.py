"""`moodify catalog enrich jamendo`, `catalog find-online` and `catalog fetch-audio`: the commands
that reach online music services. Each is a thin adapter over moodify.catalog; nothing but
track ids and mood words is sent, and MOODIFY_OFFLINE=1 sends nothing."""

from __future__ import annotations

import shutil
import sys

import click

from moodify.cli_io import emit_json, progress_bar, reading_from_options
from moodify.emotion import EMOTIONS
from moodify.licence import USABLE


def _emit_json(data) -> None:

    emit_json(data)


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
    from moodify.setup import open_store, ensure_ready

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
        _emit_json(report.to_dict())
    else:
        click.echo(f"looked up {report.asked} tracks in {report.requests} request(s): {report.enriched} named, "
                   f"{report.unavailable} no longer on Jamendo (not recommended any more); {report.remaining} left")
    if report.stopped:
        click.echo(f"error: stopped early: {report.errors[-1]} ({report.remaining} left; run it again to go on)",
                   err=True)
        sys.exit(2)


@click.command("find-online")
@click.option("--emotion", help=f"one of {', '.join(EMOTIONS)} (or the Korean name)")
@click.option("--valence", type=click.FloatRange(-1, 1))
@click.option("--arousal", type=click.FloatRange(-1, 1))
@click.option("--limit", type=click.IntRange(1, 100), default=20, show_default=True,
              help="tracks to add at most")
@click.option("--usable", type=click.Choice(USABLE), default="any", show_default=True,
              help="monetised: only licences that allow commercial use and changes")
@click.option("--json", "as_json", is_flag=True)
def find_online(emotion, valence, arousal, limit, usable, as_json) -> None:
    """Search Openverse (keyless) for Creative Commons music with the emotion's mood words,
    analyse the finds on this machine and add them to the catalogue."""
    from moodify.setup import open_moodify

    reading = reading_from_options(emotion, valence, arousal)
    with progress_bar(enabled=not as_json) as progress:
        report = open_moodify().find_online(reading, limit=limit, usable=usable, progress=progress)
    if as_json:
        _emit_json(report)
        return
    click.echo(f"searched Openverse for \"{report['query']}\": {len(report['added'])} added, "
               f"{len(report['known'])} already here, {len(report['skipped'])} skipped")
    for track in report["added"]:
        click.echo(f"  [{track['id']}] {track['title']} - {track['artist'] or '?'}  ({track['licence']['code']}, "
                   f"{track['emotion']})")
    for skipped in report["skipped"]:
        click.echo(f"  skipped {skipped['title']}: {skipped['reason']}")


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
    from moodify.setup import open_store, ensure_ready

    store = open_store()
    ensure_ready(store)
    folder = catalog_audio.audio_dir()
    folder.mkdir(parents=True, exist_ok=True)
    free_mb = shutil.disk_usage(folder).free / 2**20
    budget = budget_mb or min(2048.0, free_mb / 2)
    plan = catalog_audio.plan_fetch(store, usable=usable, limit=limit, budget_mb=budget)
    click.echo(f"{len(plan.track_ids)} track(s) to fetch, about {plan.estimated_mb:.0f} MB (estimated at "
               f"{catalog_audio.ESTIMATE_KBPS} kb/s); budget {budget:.0f} MB, {free_mb:.0f} MB free here"
               + (f"; {plan.over_budget} more would not fit" if plan.over_budget else ""), err=True)
    if not plan.track_ids:
        if as_json:
            _emit_json({"fetched": [], "failed": [], "used_mb": 0})
        return
    if not yes and not as_json:
        click.confirm("Download them?", abort=True, err=True)
    with click.progressbar(length=len(plan.track_ids), label="fetching", file=sys.stderr) as bar:
        report = catalog_audio.fetch_many(store, plan.track_ids, usable=usable, budget_mb=budget,
                                          progress=lambda done: bar.update(1))
    if as_json:
        _emit_json(report)
        return
    click.echo(f"fetched {len(report['fetched'])} track(s), {report['used_mb']:.1f} MB; "
               f"{len(report['failed'])} failed")
    for failure in report["failed"]:
        click.echo(f"  track {failure['track_id']}: {failure['reason']}")
