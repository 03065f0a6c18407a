"""Why a track was chosen, as evidence codes (moodify.evidence.REASONS): first what its own
published annotation says, then how it fits the post."""

from __future__ import annotations

from moodify.catalog.moodwords import is_affective
from moodify.catalog.sources import split_list
from moodify.evidence import Evidence
from moodify.recommend import Recommendation, Target
from moodify.store.models import Track

FILM_SCALES = ("happy", "sad", "anger", "fear", "tender")


def annotation_reason(track: Track) -> Evidence:
    """What the track's own published annotation says."""
    a = track.annotation
    if track.source == "deam":
        return Evidence.of("deam_rating", valence=float(a["valence_mean"]), arousal=float(a["arousal_mean"]))
    if track.source == "pmemo":
        return Evidence.of("pmemo_rating", valence=float(a["valence_mean"]), arousal=float(a["arousal_mean"]))
    if track.source == "4q":
        return Evidence.of("quadrant", quadrant=a["Quadrant"], moods=split_list(a.get("MoodsStrSplit"), ";")[:4])
    if track.source == "soundtracks":
        rated = {k.lower(): v for k, v in a.items()}
        scale = sorted(FILM_SCALES, key=lambda s: -float(rated[s]))[0]
        return Evidence.of("film_rating", scale=scale, rating=float(rated[scale]),
                           valence=float(rated["valence"]), energy=float(rated["energy"]))
    tags = sorted(track.mood_tags, key=lambda t: not is_affective(t))
    if tags:
        return Evidence.of("tags", tags=tags[:5])
    return Evidence.of("rated_point", valence=track.valence, arousal=track.arousal)


def reasons(track: Track, result: Recommendation, target: Target, reading_label: str) -> list[Evidence]:
    lines = [
        annotation_reason(track),
        Evidence.of("point_vs_target", valence=track.valence, arousal=track.arousal, target_valence=target.valence,
                    target_arousal=target.arousal, mode=target.mode),
        Evidence.of("reads_as", emotion=track.emotion, post_emotion=reading_label),
    ]
    semantic = result.parts.get("semantic")
    if semantic is not None and semantic >= 0.7:
        lines.append(Evidence.of("caption_fit", score=semantic))
    if result.liked_features:
        lines.append(Evidence.of("like_liked", features=[dict(zip(("kind", "value"), f.split(":", 1)))
                                                          for f in result.liked_features]))
    return lines
