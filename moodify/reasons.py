"""Why a track was chosen, as evidence codes (moodify.evidence.REASONS): first what its own
published annotation says, then how it fits the post."""

from __future__ import annotations

from moodify.catalog.datasets import DATASETS
from moodify.catalog.moodwords import is_affective
from moodify.evidence import Evidence
from moodify.recommend import Recommendation, Target
from moodify.store.models import Track


def annotation_reason(track: Track) -> Evidence:
    """What the track's own published annotation says."""
    dataset = DATASETS.get(track.source)
    if dataset is not None and dataset.reason is not None:
        return dataset.reason(track.annotation)
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
