"""What the commands share: JSON for scripts, text a line at a time, a progress bar on stderr, a
reading from options."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from contextlib import contextmanager

import click

from moodify.emotion import EmotionEstimate


def emit_json(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def echo_lines(lines: Iterable[str]) -> None:
    """Print a command's text (from its pure formatter) a line at a time, as it is made."""
    for line in lines:
        click.echo(line)


@contextmanager
def progress_bar(enabled: bool):
    """A progress(fraction, stage) callback drawing a bar on stderr, or a silent one."""
    if not enabled:
        yield None
        return
    with click.progressbar(length=100, label="analysing", file=sys.stderr,
                           item_show_func=lambda stage: stage) as bar:
        def progress(fraction: float, stage: str) -> None:
            bar.update(max(0, int(fraction * 100) - bar.pos), stage)
        yield progress


def reading_from_options(emotion: str | None, valence: float | None, arousal: float | None) -> EmotionEstimate:
    """The reading --emotion, or --valence with --arousal, name."""
    if emotion:
        return EmotionEstimate.from_label(emotion)
    if valence is not None and arousal is not None:
        return EmotionEstimate.from_va(valence, arousal)
    raise click.UsageError("give --emotion NAME, or both --valence and --arousal")
