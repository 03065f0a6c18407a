// Shapes of the JSON API, as /api/v1/openapi.json describes them.

export const EMOTIONS = ["happiness", "sadness", "anger", "fear", "surprise", "disgust", "neutral"] as const;
export type Emotion = (typeof EMOTIONS)[number];
export type Mode = "match" | "uplift" | "calm";
export type FeedbackKind = "like" | "skip" | "chosen";

export interface Reading {
  label: Emotion;
  probs: Record<Emotion, number>;
  valence: number;
  arousal: number;
  confidence: number;
  evidence: string[];
}

export interface Part extends Reading {
  kind: "text" | "image" | "audio" | "video";
  name: string;
  file?: string;
  faces?: number;
  whole_image?: string;
  seconds?: number;
  frames?: number;
}

export interface TimelinePoint {
  time: number;
  label: Emotion;
  valence: number;
  arousal: number;
  confidence: number;
  faces: number;
  scene_cut: boolean;
}

export interface ChosenTrack {
  id: number;
  title: string;
  artist: string | null;
}

export interface Analysis {
  id: number;
  caption: string | null;
  fused: Reading;
  parts: Part[];
  timeline?: TimelinePoint[];
  chosen?: ChosenTrack[];
  created_at: string;
}

export interface Job {
  id: number;
  kind: string;
  status: "queued" | "running" | "done" | "failed" | "cancelled";
  progress: number; // 0-100
  stage: string;
  analysis_id: number | null;
  error: string | null;
  result?: ImportResult | RenderResult | null;
  analysis?: Analysis;
}

export interface Track {
  id: number;
  title: string;
  artist: string | null;
  album: string | null;
  source: string;
  tags: string[];
  genres: string[];
  instruments: string[];
  emotion: Emotion;
  valence: number;
  arousal: number;
  duration_s: number | null;
  instrumental: boolean | null;
  url: string | null;
  sample_url: string | null;
  preview_url: string | null;
  license: string;
  score: number;
  score_parts: { base: number; personal?: number; [part: string]: number | undefined };
  reasons: string[];
  feedback: FeedbackKind | null;
}

export interface Segment {
  track_id: number;
  duration_s: number;
  start: number;
  end: number;
  aligned_to: "bar" | "beat" | "second";
  reason: string;
  energy: number[];     // dBFS per second of the track
  downbeats: number[];  // bar starts, seconds
}

export interface ImportResult {
  imported: { id: number; path: string; title: string; emotion: string }[];
  skipped: { id: number; path: string; reason: string }[];
  failed: { path: string; reason: string }[];
}

export interface RenderResult {
  duration: number;
  start: number;
  loudness_lufs: number;
  video_copied: boolean;
}

export interface RecommendationList {
  recommendation_id: number;
  reading: Reading;
  target: { mode: Mode; valence: number; arousal: number };
  tracks: Track[];
}

export interface Filters {
  instrumental: boolean;
  ownMusic: boolean;
  maxDuration: number | null; // seconds
  genre: string;
}
