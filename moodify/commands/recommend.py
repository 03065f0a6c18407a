"""`moodify recommend`: tracks for an emotion or a valence-arousal point (domain.recommendations)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import click

from moodify.cli_io import echo_lines, emit_json, reading_from_options
from moodify.emotion import EMOTIONS, EmotionEstimate
from moodify.licence import USABLE
from moodify.recommend import MODES, Options
from moodify.domain import recommendations
from moodify.setup import open_moodify
from moodify.words import licence_words, notice_words, reason_text

if TYPE_CHECKING:
    from moodify.domain.recommendations import RecommendationList


def recommendation_lines(reading: EmotionEstimate, mode: str, shown: RecommendationList) -> Iterator[str]:
    """The list as a person reads it: rank, title, why, licence in words, link; then the notices."""
    yield (f"{reading.label}, mode {mode}: {len(shown.tracks)} tracks "
           f"(target valence {shown.target.valence:+.2f}, arousal {shown.target.arousal:+.2f})\n")
    for rank, track in enumerate(shown.tracks, 1):
        who = f" - {track['artist']}" if track["artist"] else ""
        yield (f"{rank:>2}. [{track['id']}] {track['title']}{who}  ({track['source']}, "
               f"score {track['score']:.2f})")
        for reason in track["reasons"]:
            yield f"      {reason_text(reason)}"
        yield f"      {licence_words(track)}"
        if track["url"]:
            yield f"      {track['url']}"
    for notice in shown.notices:
        yield f"\n{notice_words(notice)}"


@click.command()
@click.option("--emotion", help=f"one of {', '.join(EMOTIONS)} (or the Korean name)")
@click.option("--valence", type=click.FloatRange(-1, 1), help="instead of --emotion: -1..1")
@click.option("--arousal", type=click.FloatRange(-1, 1), help="with --valence: -1..1")
@click.option("--mode", type=click.Choice(MODES), default="match", show_default=True)
@click.option("--limit", type=click.IntRange(1, 200), default=10, show_default=True)
@click.option("--caption", help="the post's text, for semantic fit")
@click.option("--instrumental", is_flag=True, help="only tracks known to be instrumental")
@click.option("--own", "own_music", is_flag=True, help="only tracks you imported (catalog import-dir)")
@click.option("--min-duration", type=float, help="seconds")
@click.option("--max-duration", type=float, help="seconds")
@click.option("--genre", "genres", multiple=True, help="keep only these genres (repeatable)")
@click.option("--exclude-genre", "exclude_genres", multiple=True, help="drop these genres")
@click.option("--usable", type=click.Choice(USABLE), default="any", show_default=True,
              help="personal: music you may put in a post; monetised: also in one that earns money")
@click.option("--user", help="whose feedback personalises the list")
@click.option("--json", "as_json", is_flag=True, help="print JSON for scripts")
def recommend(emotion, valence, arousal, mode, limit, caption, instrumental, own_music, min_duration,
              max_duration, genres, exclude_genres, usable, user, as_json) -> None:
    """Recommend tracks for an emotion or a valence-arousal point."""
    reading = reading_from_options(emotion, valence, arousal)
    options = Options(limit=limit, mode=mode, instrumental=instrumental,
                      min_duration=min_duration, max_duration=max_duration, genres=genres,
                      exclude_genres=exclude_genres, caption=caption, own_music=own_music, usable=usable)
    app = open_moodify()
    shown = recommendations.recommend(app, app.viewer(user), reading, options,
                                      request={"cli": True, "mode": mode, "usable": usable})
    if as_json:
        emit_json(shown.to_dict())
        return
    echo_lines(recommendation_lines(reading, mode, shown))
