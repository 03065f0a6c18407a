"""`moodify train text-encoder` and `train text`: the caption models the app ships (moodify.training)."""

from __future__ import annotations

from pathlib import Path

import click


@click.group()
def train() -> None:
    """Train the models the app ships (never run at start-up)."""


def _say(line: str) -> None:
    click.echo(line, err=True)


@train.command("text")
@click.option("--data", "path", type=click.Path(path_type=Path, exists=True), required=True,
              help="the AIHub single-turn CSV (text,label); its held-out 10 % is never read")
@click.option("--seed", type=int, default=13, show_default=True)
@click.option("--out", type=click.Path(path_type=Path), help="where to write the weights")
@click.option("--encoder", type=click.Path(path_type=Path, exists=True),
              help="fine-tuned encoder weights to mix with (default: the shipped ones)")
def train_text(path: Path, seed: int, out: Path | None, encoder: Path | None) -> None:
    """Train the character model and choose the mix (after `train text-encoder`)."""
    from moodify.models import caption
    from moodify.training.text import train as train_caption

    train_caption(path, out=out or caption.WEIGHTS_FILE, encoder_file=encoder or caption.ENCODER_FILE,
                  seed=seed, say=_say)


@train.command("text-encoder")
@click.option("--data", "path", type=click.Path(path_type=Path, exists=True), required=True,
              help="the AIHub single-turn CSV (text,label); its held-out 10 % is never read")
@click.option("--epochs", type=int, default=3, show_default=True)
@click.option("--rank", type=int, default=16, show_default=True, help="LoRA rank")
@click.option("--lr", type=float, default=5e-4, show_default=True)
@click.option("--seed", type=int, default=13, show_default=True)
@click.option("--extra", type=click.Path(path_type=Path, exists=True),
              help="more labelled rows to fit on, e.g. the AIHub multi-turn CSV (neutral capped at 5,000)")
@click.option("--out", type=click.Path(path_type=Path), help="where to write the adapter weights")
def train_text_encoder(path: Path, epochs: int, rank: int, lr: float, seed: int, extra: Path | None,
                       out: Path | None) -> None:
    """Fine-tune the e5 encoder with LoRA adapters for captions (needs torch)."""
    from moodify.models import caption_encoder
    from moodify.training.finetune import finetune

    finetune(path, out=out or caption_encoder.WEIGHTS_FILE, epochs=epochs, rank=rank, lr=lr,
             seed=seed, extra=extra, say=_say)
