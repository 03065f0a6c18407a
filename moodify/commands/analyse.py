"""`moodify analyse`: a post's emotion, part by part, explained (pipeline.read, as the web reads it)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import click

from moodify.cli_io import echo_lines, emit_json, progress_bar
from moodify.emotion import EMOTIONS
from moodify.words import evidence_text

if TYPE_CHECKING:
    from moodify.reading import PostReading


def reading_lines(reading: PostReading) -> Iterator[str]:
    """Each part's reading and evidence (when there are several), the fused one, the video's timeline."""
    if len(reading.parts) > 1:
        for part in reading.parts:
            e = part.estimate
            yield (f"{part.name}: {e.label} ({e.confidence:.2f}); valence {e.valence:+.2f}, "
                   f"arousal {e.arousal:+.2f}")
            for item in e.evidence:
                yield f"    {evidence_text(item)}"
        yield ""
    fused = reading.fused
    yield (f"{fused.label} ({fused.confidence:.2f}); valence {fused.valence:+.2f}, "
           f"arousal {fused.arousal:+.2f}")
    yield "  " + "  ".join(f"{e} {p:.2f}" for e, p in zip(EMOTIONS, fused.probs))
    for item in fused.evidence:
        yield f"  - {evidence_text(item)}"
    if reading.timeline:
        yield "timeline:"
        for point in reading.timeline:
            yield (f"  {point['time']:6.1f} s  {point['label']:<10} valence {point['valence']:+.2f} "
                   f"arousal {point['arousal']:+.2f}" + ("  (scene cut)" if point["scene_cut"] else ""))


@click.command()
@click.option("--text", "caption", help="the post's caption")
@click.option("--image", "images", multiple=True, type=click.Path(path_type=Path, exists=True, dir_okay=False),
              help="a photo (repeatable, up to 10)")
@click.option("--audio", "audio", multiple=True, type=click.Path(path_type=Path, exists=True, dir_okay=False),
              help="a sound clip (repeatable, up to 3)")
@click.option("--video", type=click.Path(path_type=Path, exists=True, dir_okay=False), help="a video")
@click.option("--json", "as_json", is_flag=True)
def analyse(caption: str | None, images: tuple[Path, ...], audio: tuple[Path, ...], video: Path | None,
            as_json: bool) -> None:
    """Read the emotion of a post, part by part, and explain it."""
    from moodify.media import MediaFile
    from moodify import pipeline
    from moodify.post import Post

    def media(path: Path) -> MediaFile:
        return MediaFile(path, path.name)

    post = Post(caption=caption, images=tuple(map(media, images)), audio=tuple(map(media, audio)),
                video=media(video) if video else None)
    with progress_bar(enabled=not as_json and bool(images or audio or video)) as progress:
        reading = pipeline.read(post, progress)
    if as_json:
        emit_json(reading.to_dict())
        return
    echo_lines(reading_lines(reading))
