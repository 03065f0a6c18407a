"""Sentences a person can read: why a track was chosen, in the words of its own annotation."""

from __future__ import annotations

from moodify.catalog.moodwords import is_affective
from moodify.catalog.sources import split_list
from moodify.recommend import Recommendation, Target
from moodify.store.models import Track

QUADRANT_NAMES = {"Q1": "positive, energetic", "Q2": "negative, energetic",
                  "Q3": "negative, calm", "Q4": "positive, calm"}


def annotation_reason(track: Track) -> str:
    """What the track's own published annotation says."""
    a = track.annotation
    if track.source == "deam":
        return (f"DEAM listeners rated it valence {a['valence_mean']}/9, "
                f"arousal {a['arousal_mean']}/9")
    if track.source == "pmemo":
        return (f"PMEmo listeners rated it valence {float(a['valence_mean']):.2f}, "
                f"arousal {float(a['arousal_mean']):.2f} (0-1)")
    if track.source == "4q":
        moods = ", ".join(split_list(a.get("MoodsStrSplit"), ";")[:4])
        return f"4Q quadrant {a['Quadrant']} ({QUADRANT_NAMES.get(a['Quadrant'], '?')}); AllMusic moods {moods}"
    if track.source == "soundtracks":
        rated = {k.lower(): v for k, v in a.items()}
        scales = sorted(("happy", "sad", "anger", "fear", "tender"), key=lambda s: -float(rated[s]))
        return (f"film-music listeners rated it {scales[0]} {float(rated[scales[0]]):.1f}/9, "
                f"valence {float(rated['valence']):.1f}/9, energy {float(rated['energy']):.1f}/9")
    tags = sorted(track.mood_tags, key=lambda t: not is_affective(t))
    if tags:
        return "tags " + ", ".join(tags[:5])
    return f"rated valence {track.valence:+.2f}, arousal {track.arousal:+.2f}"


def reasons(track: Track, result: Recommendation, target: Target, reading_label: str) -> list[str]:
    against = "post" if target.mode == "match" else f"{target.mode} target"
    lines = [
        annotation_reason(track),
        f"valence {track.valence:+.2f} vs {against} {target.valence:+.2f}, "
        f"arousal {track.arousal:+.2f} vs {target.arousal:+.2f}",
        f"reads as {track.emotion} (post: {reading_label})",
    ]
    semantic = result.parts.get("semantic")
    if semantic is not None and semantic >= 0.7:
        lines.append(f"its tags and title fit the caption ({semantic:.2f})")
    if result.liked_features:
        lines.append("like tracks you liked: " + ", ".join(
            f.split(":", 1)[1] for f in result.liked_features))
    return lines
