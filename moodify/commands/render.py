"""`moodify render`: a stretch of a track mixed under a video (Moodify.render_video)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import click

from moodify.cli_io import echo_lines, emit_json, progress_bar
from moodify.licence import USABLE
from moodify.domain import renders
from moodify.setup import open_moodify


def render_lines(out: Path, report: dict) -> Iterator[str]:
    """What was written, how loud, what happened to the picture; the credit line to paste."""
    copied = "copied" if report["video_copied"] else "re-encoded to H.264"
    yield (f"wrote {out}: {report['duration']:.2f} s, music from {report['start']:.2f} s of the track, "
           f"{report['loudness_lufs']:.1f} LUFS, picture {copied}, ducked under {len(report['speech'])} "
           "stretch(es) of speech")
    if report["attribution"]:
        yield f"credit to paste under your post:\n  {report['attribution']}"


@click.command()
@click.argument("video", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--track", "track_id", type=int, required=True, help="an imported track's id")
@click.option("--start", type=float, help="seconds into the track (default: the best segment)")
@click.option("--analysis", "analysis_id", type=int, help="fit the segment to this analysis's mood")
@click.option("--usable", type=click.Choice(USABLE), default="any", show_default=True,
              help="monetised: refuse music whose licence excludes commercial use")
@click.option("-o", "--out", type=click.Path(path_type=Path, dir_okay=False), required=True)
@click.option("--json", "as_json", is_flag=True)
def render(video: Path, track_id: int, start: float | None, analysis_id: int | None, usable: str, out: Path,
           as_json: bool) -> None:
    """Mix a stretch of a track under VIDEO (yours, or a catalogue track whose licence allows it,
    fetched first): ducked under speech, at -14 LUFS."""
    from moodify.media import MediaFile

    with progress_bar(enabled=not as_json) as progress:
        app = open_moodify()
        report = renders.render_video(app, app.viewer(), MediaFile(video, video.name), track_id, out, start=start,
                                      analysis_id=analysis_id, progress=progress, usable=usable)
    if as_json:
        emit_json(report)
        return
    echo_lines(render_lines(out, report))
