"""Sound clip -> EmotionEstimate: speech and the rest are told apart and read differently.

    16 kHz mono -> silero-vad speech segments
      speech  -> prosody (loudness, syllable rate, pitch range and level; Juslin & Laukka 2003)
                 -> arousal only: the words are not heard, and prosody says little about valence
      the rest (music, ambience) -> musicnn mood tags (placed by the Warriner ratings of the tag
                 words, as the catalogue places its mood tags) + acoustic features with librosa
                 (tempo, loudness, brightness -> arousal; major or minor mode -> valence)
    clip = the two readings weighted by their share of the clip x their confidence

Every number that turns a feature into arousal or valence is a named constant below, chosen by
us (the ranges are the usual spans of speech and popular music), except the tag points.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from moodify.emotion import EMOTIONS, PLANE_ONLY_PRIOR, EmotionEstimate, probs_from_va, rescale_1_9
from moodify.evidence import Evidence
from moodify.models import backends, musicnn, speech

RATE = 16000
MIN_MUSIC_SECONDS = 1.5       # less non-speech than this is not read as music
SPEECH_CONFIDENCE = 0.35      # prosody gives arousal, weak evidence of a category
# musicnn tags that speak of mood: tag -> (Warriner valence, arousal 1-9 of the word it is rated
# through, our category weights as in moodify.catalog.moodwords)
MOOD_TAGS: dict[str, tuple[str, float, float, dict[str, float]]] = {
    "happy": ("happy", 8.47, 6.05, {"happiness": 1}),
    "sad": ("sad", 2.10, 3.49, {"sadness": 1}),
    "Mellow": ("mellow", 6.68, 2.81, {"neutral": 0.5}),
    "chill": ("relaxed", 7.25, 2.49, {"neutral": 0.5}),
    "chillout": ("relaxed", 7.25, 2.49, {"neutral": 0.5}),
    "easy listening": ("easy", 7.47, 3.82, {"neutral": 0.5}),
    "ambient": ("ambient", 6.33, 3.20, {"neutral": 1}),
    "party": ("party", 7.18, 6.08, {"happiness": 1}),
    "dance": ("dance", 7.27, 5.48, {"happiness": 0.5}),
    "beautiful": ("beautiful", 7.61, 5.71, {"happiness": 0.3}),
    "catchy": ("catchy", 5.22, 4.00, {"happiness": 0.3}),
    "sexy": ("sexy", 7.42, 6.80, {"happiness": 0.3}),
    "metal": ("aggressive", 3.08, 5.87, {"anger": 0.5}),
    "heavy metal": ("aggressive", 3.08, 5.87, {"anger": 0.5}),
    "hard rock": ("aggressive", 3.08, 5.87, {"anger": 0.3}),
    "punk": ("aggressive", 3.08, 5.87, {"anger": 0.3}),
}
TAG_SHARE = 0.6               # of the music's valence and arousal; the acoustic features the rest
# Krumhansl & Kessler (1982) key profiles, C first.
MAJOR_PROFILE = np.array([6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88])
MINOR_PROFILE = np.array([6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17])
KEYS = ("C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B")


def _span(value: float, low: float, high: float) -> float:
    """Map [low, high] onto [-1, 1], clipped."""
    return float(np.clip(2 * (value - low) / (high - low) - 1, -1, 1))


@dataclass(frozen=True)
class Acoustics:
    tempo: float            # beats per minute
    loudness_db: float      # mean RMS in dBFS
    brightness_hz: float    # mean spectral centroid
    mode: str               # "major" or "minor"
    key: str
    mode_strength: float    # major minus minor profile correlation, -1..1
    beats: tuple[float, ...] = ()   # seconds, from the same beat tracking as the tempo

    def arousal(self) -> float:
        return float(np.mean([_span(self.tempo, 60, 160), _span(self.loudness_db, -40, -8),
                              _span(self.brightness_hz, 800, 3500)]))

    def valence(self) -> float:
        return float(np.clip(self.mode_strength * 2.5, -0.6, 0.6))


def acoustics(samples: np.ndarray) -> Acoustics:
    import librosa

    tempo, beat_frames = librosa.beat.beat_track(y=samples, sr=RATE, hop_length=512)
    beats = tuple(round(float(t), 3) for t in librosa.frames_to_time(beat_frames, sr=RATE, hop_length=512))
    rms = librosa.feature.rms(y=samples, hop_length=512)[0]
    loudness = float(20 * np.log10(max(float(np.mean(rms)), 1e-5)))
    centroid = float(np.mean(librosa.feature.spectral_centroid(y=samples, sr=RATE, hop_length=512)))
    chroma = librosa.feature.chroma_stft(y=samples, sr=RATE, hop_length=512).mean(1)
    best = {"major": (-2.0, 0), "minor": (-2.0, 0)}
    for shift in range(12):
        for mode, profile in (("major", MAJOR_PROFILE), ("minor", MINOR_PROFILE)):
            r = float(np.corrcoef(chroma, np.roll(profile, shift))[0, 1]) if chroma.std() > 0 else 0.0
            if r > best[mode][0]:
                best[mode] = (r, shift)
    mode = "major" if best["major"][0] >= best["minor"][0] else "minor"
    return Acoustics(float(np.atleast_1d(tempo)[0]), loudness, centroid, mode, KEYS[best[mode][1]],
                     best["major"][0] - best["minor"][0], beats)


@dataclass(frozen=True)
class Prosody:
    pitch_hz: float         # median F0 of voiced frames
    range_semitones: float  # 10th to 90th percentile of F0
    loudness_db: float
    syllables_per_s: float

    def arousal(self) -> float:
        """Juslin & Laukka (2003): aroused speech is louder, faster, higher and more varied in
        pitch. Pitch level weighs least: it also depends on who speaks."""
        cues = [(0.3, _span(self.loudness_db, -35, -12)), (0.3, _span(self.syllables_per_s, 2.5, 6.0)),
                (0.2, _span(self.range_semitones, 2, 12)), (0.2, _span(self.pitch_hz, 90, 300))]
        return float(sum(w * c for w, c in cues))

    def words(self) -> dict[str, str]:
        """Pitch range, loudness and pace in a word each (the parameters of evidence `voice`)."""
        spread = "wide" if self.range_semitones > 8 else "narrow" if self.range_semitones < 4 else "moderate"
        pace = "fast" if self.syllables_per_s > 4.8 else "slow" if self.syllables_per_s < 3.2 else "even"
        level = "loud" if self.loudness_db > -18 else "soft" if self.loudness_db < -30 else "moderate"
        return {"pitch_range": spread, "loudness": level, "pace": pace}


def prosody(samples: np.ndarray) -> Prosody:
    import librosa

    f0 = librosa.yin(samples, fmin=65, fmax=500, sr=RATE, frame_length=1024, hop_length=256)
    rms = librosa.feature.rms(y=samples, frame_length=1024, hop_length=256)[0][:len(f0)]
    voiced = f0[(rms > 0.3 * np.median(rms[rms > 0]) if (rms > 0).any() else rms > 0) & (f0 < 490)]
    if len(voiced) < 5:
        voiced = f0
    low, mid, high = np.percentile(voiced, [10, 50, 90])
    envelope = librosa.onset.onset_strength(y=samples, sr=RATE, hop_length=256)
    peaks = librosa.util.peak_pick(envelope, pre_max=3, post_max=3, pre_avg=5, post_avg=5,
                                   delta=0.5 * float(envelope.std()), wait=6)
    return Prosody(float(mid), float(12 * np.log2(high / max(low, 1.0))),
                   float(20 * np.log10(max(float(np.mean(rms)), 1e-5))), len(peaks) / (len(samples) / RATE))


@dataclass(frozen=True)
class SoundReading:
    estimate: EmotionEstimate
    speech: list[tuple[float, float]] = field(default_factory=list)
    seconds: float = 0.0


def _estimate(valence: float, arousal: float, evidence_probs: np.ndarray | None, confidence: float,
              evidence: tuple[Evidence, ...], valence_known: bool = True) -> EmotionEstimate:
    """A reading from a point (and optional category evidence). When the valence is not known
    (prosody), the categories are averaged over unpleasant, neutral and pleasant valence."""
    valence, arousal = float(np.clip(valence, -1, 1)), float(np.clip(arousal, -1, 1))
    valences = np.array([valence] if valence_known else [-0.6, 0.0, 0.6])
    plane = probs_from_va(valences, np.full(len(valences), arousal), PLANE_ONLY_PRIOR).mean(0)
    probs = plane if evidence_probs is None else 0.6 * evidence_probs + 0.4 * plane
    return EmotionEstimate(tuple(float(p) for p in probs / probs.sum()), valence, arousal,
                           float(np.clip(confidence, 0, 1)), evidence)


class SoundAnalyser:
    kind = "audio"

    def __init__(self, *, tagger: musicnn.Musicnn = backends.DEFAULT, speech: speech.SpeechDetector = backends.DEFAULT
                 ) -> None:
        """The music tagger and the speech detector come from the model table unless given."""
        self.tagger = backends.load("musicnn") if tagger is backends.DEFAULT else tagger
        self.speech = backends.load("speech") if speech is backends.DEFAULT else speech

    def analyse(self, samples: np.ndarray) -> EmotionEstimate:
        return self.read(samples).estimate

    def read(self, samples: np.ndarray) -> SoundReading:
        seconds = len(samples) / RATE
        segments = self.speech.segments(samples)
        is_speech = np.zeros(len(samples), bool)
        for start, end in segments:
            is_speech[int(start * RATE):int(end * RATE)] = True
        spoken, rest = samples[is_speech], samples[~is_speech]
        parts: list[tuple[EmotionEstimate, float]] = []
        if len(spoken) >= RATE // 2:
            parts.append((self.read_speech(spoken), len(spoken) / len(samples)))
        if len(rest) >= MIN_MUSIC_SECONDS * RATE and np.sqrt(np.mean(rest**2)) > 1e-3:
            parts.append((self.read_music(rest), len(rest) / len(samples)))
        if not parts:
            return SoundReading(_estimate(0.0, -0.6, None, 0.2, (Evidence.of("near_silence"),)),
                                segments, seconds)
        if len(parts) == 1:
            return SoundReading(parts[0][0], segments, seconds)
        weights = np.array([share * r.confidence for r, share in parts]) + 1e-6
        weights /= weights.sum()
        probs = sum(w * np.array(r.probs) for w, (r, _) in zip(weights, parts))
        valence = sum(w * r.valence for w, (r, _) in zip(weights, parts))
        arousal = sum(w * r.arousal for w, (r, _) in zip(weights, parts))
        evidence = tuple(e for r, _ in parts for e in r.evidence)
        reading = EmotionEstimate(tuple(float(p) for p in probs / probs.sum()), float(valence),
                                  float(arousal), float(sum(w * r.confidence for w, (r, _) in zip(weights, parts))),
                                  evidence)
        return SoundReading(reading, segments, seconds)

    def read_speech(self, spoken: np.ndarray) -> EmotionEstimate:
        p = prosody(spoken)
        arousal = p.arousal()
        said = Evidence.of("voice", seconds=len(spoken) / RATE, **p.words(), arousal=arousal)
        return _estimate(0.0, arousal, None, SPEECH_CONFIDENCE, (said,), valence_known=False)

    def read_music(self, rest: np.ndarray) -> EmotionEstimate:
        return music_estimate(self.tagger.tag(rest).mean(0), acoustics(rest), len(rest) / RATE)


def tag_point(tags: np.ndarray) -> tuple[float, float, np.ndarray, float]:
    """musicnn tag probabilities (50,) -> the mood tags' point on the plane (weighted by their
    probabilities), their category evidence (7,) and their total mass."""
    points, weights, categories = [], [], np.zeros(len(EMOTIONS))
    for tag, (_, v, a, cats) in MOOD_TAGS.items():
        p = float(tags[musicnn.MSD_LABELS.index(tag)])
        points.append((rescale_1_9(v), rescale_1_9(a)))
        weights.append(p)
        for emotion, weight in cats.items():
            categories[EMOTIONS.index(emotion)] += p * weight
    valence, arousal = np.average(np.array(points), axis=0, weights=np.array(weights) + 1e-9)
    return float(valence), float(arousal), categories, float(sum(weights))


def music_estimate(tags: np.ndarray, sound: Acoustics, seconds: float) -> EmotionEstimate:
    """Music's reading from its mean tags and its acoustic features, with evidence."""
    tag_valence, tag_arousal, categories, mood_mass = tag_point(tags)
    top = [musicnn.MSD_LABELS[i] for i in np.argsort(-tags)[:3]]
    mood = sorted(((float(tags[musicnn.MSD_LABELS.index(t)]), t) for t in MOOD_TAGS), reverse=True)[:2]
    valence = TAG_SHARE * tag_valence + (1 - TAG_SHARE) * sound.valence()
    arousal = TAG_SHARE * tag_arousal + (1 - TAG_SHARE) * sound.arousal()
    evidence_probs = categories / categories.sum() if categories.sum() > 0 else None
    confidence = float(np.clip(0.3 + mood_mass, 0.3, 0.8))
    said = Evidence.of("music", seconds=seconds, tags=top, mood_tags=[{"tag": t, "probability": p} for p, t in mood],
                       tempo=sound.tempo, key=sound.key, mode=sound.mode, loudness_db=sound.loudness_db,
                       valence=valence, arousal=arousal)
    return _estimate(valence, arousal, evidence_probs, confidence, (said,))
