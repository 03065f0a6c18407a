// The codes the API explains itself with, and their parameters: a reading's evidence, the reasons
// a track is in a list, why a stretch of a track was picked (moodify/evidence.py lists the same,
// with what each parameter holds). messages.ts has their words in English and Korean.
//
// Parameters are data: numbers (unformatted), emotion labels, counts, a few fixed words, and text
// people wrote (a caption's words, a data set's tags), shown as it is, in quotes.

import type { Emotion, Mode } from "../types";

/** One part of a post, as evidence names it. `part` is the server's name ("photo 2"). */
export interface PartRef {
  part: string;
  kind: string;
}

/** A code with its parameters, as the API sends it. */
export interface Coded<C extends string = string, P = object> {
  code: C;
  params: P;
}

export type ReadingParams = {
  text: { text: string }; // a sentence kept as written: readings stored before codes, a plugin's
  asked_emotion: { emotion: Emotion };
  asked_point: { valence: number; arousal: number };
  caption: { snippet: string; emotion: Emotion; probability: number };
  cue: {
    cue: "emoji" | "crying" | "laughing" | "exclamation" | "disgust_word" | "anger_slang";
    sign: string;
    emotion: Emotion;
  };
  shouting: Record<string, never>;
  language: { language: "ko" | "en" | "ko_en"; chunks: number };
  no_faces: Record<string, never>;
  faces: { count: number; faces: { emotion: Emotion; probability: number }[] };
  no_clip: Record<string, never>;
  clip: { emotion: Emotion; probability: number };
  colour: {
    light: "bright" | "mid" | "dark";
    saturation: "vivid" | "moderate" | "muted";
    tone: "warm" | "neutral" | "cool";
    valence: number;
    arousal: number;
  };
  near_silence: Record<string, never>;
  voice: {
    seconds: number;
    pitch_range: "wide" | "moderate" | "narrow";
    loudness: "loud" | "moderate" | "soft";
    pace: "fast" | "even" | "slow";
    arousal: number;
  };
  music: {
    seconds: number;
    tags: string[]; // musicnn's tag names
    mood_tags: { tag: string; probability: number }[];
    tempo: number;
    key: string;
    mode: "major" | "minor";
    loudness_db: number;
    valence: number;
    arousal: number;
  };
  frames: { frames: number; seconds: number; with_faces: number; emotion: Emotion; count: number };
  mood_shift: { time: number; emotion: Emotion };
  no_sound_track: Record<string, never>;
  sound_track: { evidence: Evidence };
  part: PartRef & { emotion: Emotion; probability: number; evidence: Evidence | null };
  disagree: { a: PartRef & { emotion: Emotion; valence: number }; b: PartRef & { emotion: Emotion; valence: number } };
  fused: { emotion: Emotion; others: (PartRef & { emotion: Emotion })[] };
};

export type ReasonParams = {
  deam_rating: { valence: number; arousal: number }; // 1..9
  pmemo_rating: { valence: number; arousal: number }; // 0..1
  quadrant: { quadrant: "Q1" | "Q2" | "Q3" | "Q4"; moods: string[] };
  film_rating: {
    scale: "happy" | "sad" | "anger" | "fear" | "tender";
    rating: number;
    valence: number;
    energy: number;
  };
  tags: { tags: string[] };
  rated_point: { valence: number; arousal: number };
  point_vs_target: {
    valence: number;
    arousal: number;
    target_valence: number;
    target_arousal: number;
    mode: Mode;
  };
  reads_as: { emotion: Emotion; post_emotion: Emotion };
  caption_fit: { score: number };
  like_liked: { features: { kind: string; value: string }[] };
};

export type SegmentParams = {
  whole_track: { duration: number; video: number };
  starts_on: { aligned_to: "bar" | "beat" | "second"; time: number };
  loudness: { db: number; mean_db: number; loudest: boolean };
  segment_mood: { valence: number; arousal: number; target_valence: number; target_arousal: number };
};

type Of<T> = { [C in keyof T & string]: Coded<C, T[C]> }[keyof T & string];

/** A piece of a reading's evidence (fused.evidence, parts[].evidence). */
export type Evidence = Of<ReadingParams>;
/** One reason a track is in a list (tracks[].reasons). */
export type Reason = Of<ReasonParams>;
/** One reason a stretch of a track was picked (GET /tracks/{id}/segment: reasons). */
export type SegmentReason = Of<SegmentParams>;
