"""`moodify feedback`: a like, skip or choice that teaches Moodify a person's taste."""

from __future__ import annotations

import click

from moodify.domain import recommendations
from moodify.setup import open_moodify


@click.command()
@click.argument("track_id", type=int)
@click.option("--kind", type=click.Choice(["like", "skip", "chosen"]), required=True)
@click.option("--user", help="whose taste this is (default: the local user)")
def feedback(track_id: int, kind: str, user: str | None) -> None:
    """Tell Moodify you liked, skipped or chose a track."""
    app = open_moodify()
    event = recommendations.feedback(app, app.viewer(user), track_id=track_id, kind=kind)
    click.echo(f"noted: {event['user']} {kind} track {track_id}")
