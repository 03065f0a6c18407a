"""`moodify catalog find-online`: Creative Commons music for a mood from Openverse, analysed here and
added (Moodify.find_online). Only mood words are sent; MOODIFY_OFFLINE=1 sends nothing."""

from __future__ import annotations

from collections.abc import Iterator

import click

from moodify.cli_io import echo_lines, emit_json, progress_bar, reading_from_options
from moodify.emotion import EMOTIONS
from moodify.licence import USABLE
from moodify.domain import tracks
from moodify.setup import open_moodify


def find_online_lines(report: dict) -> Iterator[str]:
    """The query and counts, then each track added (id, licence, emotion) and each find skipped (why)."""
    yield (f"searched Openverse for \"{report['query']}\": {len(report['added'])} added, "
           f"{len(report['known'])} already here, {len(report['skipped'])} skipped")
    for track in report["added"]:
        yield (f"  [{track['id']}] {track['title']} - {track['artist'] or '?'}  ({track['licence']['code']}, "
               f"{track['emotion']})")
    for skipped in report["skipped"]:
        yield f"  skipped {skipped['title']}: {skipped['reason']}"


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
    reading = reading_from_options(emotion, valence, arousal)
    with progress_bar(enabled=not as_json) as progress:
        report = tracks.find_online(open_moodify(), reading, limit=limit, usable=usable, progress=progress)
    if as_json:
        emit_json(report)
        return
    echo_lines(find_online_lines(report))
