"""`moodify eval text`: how well the caption model reads a labelled CSV."""

from __future__ import annotations

from pathlib import Path

import click

from moodify.cli_io import emit_json


@click.group("eval")
def evaluate() -> None:
    """Measure a model on labelled data."""


@evaluate.command("text")
@click.option("--data", "path", type=click.Path(path_type=Path), required=True,
              help="CSV with columns text,label (English or Korean labels)")
@click.option("--holdout", is_flag=True, help="score only the fixed 10 % held-out split of the file")
@click.option("--json", "as_json", is_flag=True)
def eval_text(path: Path, holdout: bool, as_json: bool) -> None:
    """Accuracy, macro-F1, per-class scores and confusion of the caption model."""
    from moodify.analysers.text import TextAnalyser
    from moodify.training.data import holdout_split, read_labelled
    from moodify.training.metrics import format_report, report

    data = read_labelled(path)
    if holdout:
        data = data.subset(holdout_split(data.labels)[1])
    figures = report(data.labels, TextAnalyser().probabilities(data.texts))
    emit_json(figures) if as_json else click.echo(format_report(figures))
