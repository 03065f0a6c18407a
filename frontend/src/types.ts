// Shapes of the JSON API, as /api/v1/openapi.json describes them.

import type { Evidence, Reason, SegmentReason } from "./explain/codes";

export const EMOTIONS = ["happiness", "sadness", "anger", "fear", "surprise", "disgust", "neutral"] as const;
export type Emotion = (typeof EMOTIONS)[number];
export type Mode = "match" | "uplift" | "calm";
export type FeedbackKind = "like" | "skip" | "chosen";
export const USABLE = ["any", "personal", "monetised"] as const;
export type Usable = (typeof USABLE)[number];

/** What this server accepts (GET /api/v1/limits), from its settings. */
export interface Limits {
  upload_mb: number; // a whole multipart post
  json_mb: number;
  images: number;
  audio: number;
  video: number;
  image_megapixels: number;
  audio_seconds: number;
  video_megapixels: number;
  video_seconds: number;
  library_quota_mb: number;
}

export interface Reading {
  label: Emotion;
  probs: Record<Emotion, number>;
  valence: number;
  arousal: number;
  confidence: number;
  evidence: Evidence[]; // codes with parameters (explain/codes.ts)
}

export interface Part extends Reading {
  kind: "text" | "image" | "audio" | "video";
  name: string;
  file?: string;
  faces?: number;
  whole_image?: string; // "clip" or "colour_and_light" (analyses stored earlier: a phrase)
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
  error_code?: string | null; // why it failed, as a code the app has words for
  result?: ImportResult | RenderResult | FetchResult | FindOnlineResult | null;
  analysis?: Analysis;
}

/** What a track's licence lets a person do (moodify/licence.py). */
export interface Licence {
  kind: "creative-commons" | "platform" | "own" | "unknown";
  code: string | null; // "CC BY-NC-SA 3.0", "CC0 1.0", "PDM 1.0"
  url: string | null; // the licence deed
  commercial_use: boolean | null; // null: not known
  video_sync: boolean | null; // may be put to a video (not under NoDerivatives); null: not known
  attribution: string | null; // the credit line to paste under the post
  share_alike: boolean;
}

export const USE_REASONS = [
  "platform_only",
  "licence_not_checked",
  "licence_unknown",
  "no_derivatives",
  "non_commercial",
  "download_not_allowed",
  "no_audio_source",
  "unavailable",
  "offline",
] as const;
export type UseReason = (typeof USE_REASONS)[number];

/** Whether the track can be put into a video here, and if not, why. */
export interface Use {
  video: boolean;
  reason: UseReason | null;
  needs_download: boolean; // its audio is fetched first (POST /tracks/{id}/fetch)
}

/** Where the preview starts and the video's music comes from, as a list suggests it. */
export interface SuggestedSegment {
  start: number;
  end: number;
  basis: "analysed" | "estimated";
}

export interface Track {
  id: number;
  title: string;
  artist: string | null;
  album: string | null;
  source: string;
  source_id?: string;
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
  license: string; // the licence as its source states it (prose)
  licence: Licence;
  find_on: { youtube_music: string; spotify: string; apple_music: string } | null; // popular songs
  image_url?: string | null; // not shown: the CSP allows no remote images
  playable: boolean;
  available: boolean;
  use: Use;
  segment?: SuggestedSegment | null;
  score: number;
  score_parts: { base: number; personal?: number; [part: string]: number | undefined };
  reasons: Reason[]; // codes with parameters (explain/codes.ts)
  feedback: FeedbackKind | null;
}

export interface Segment {
  track_id: number;
  duration_s: number;
  start: number;
  end: number;
  aligned_to: "bar" | "beat" | "second";
  reasons: SegmentReason[]; // why this stretch (explain/codes.ts)
  energy: number[]; // dBFS per second of the track
  downbeats: number[]; // bar starts, seconds
}

export interface ImportResult {
  imported: { id: number; name: string; title: string; emotion: string }[]; // name: the upload's
  skipped: { id: number; name: string; reason: string }[];
  failed: { name: string; reason: string }[];
}

export interface RenderResult {
  duration: number;
  start: number;
  loudness_lufs: number;
  video_copied: boolean;
  speech: [number, number][]; // the stretches of speech the music was ducked under, seconds
  licence?: Licence | null;
  attribution?: string | null; // the credit line to paste under the post
}

export interface FetchResult {
  track_id: number;
  duration_s: number;
  fetched: boolean;
}

export interface FoundTrack {
  id: number;
  title: string;
  artist: string | null;
  emotion: string;
  licence: Licence;
}

export interface FindOnlineResult {
  query: string;
  added: FoundTrack[];
  known: string[]; // Openverse ids already in the catalogue
  skipped: { openverse_id: string; title: string | null; reason: string }[];
}

export const REMEDIES = ["set_jamendo_client_id", "enrich_jamendo", "find_online", "import_own"] as const;
export type Remedy = (typeof REMEDIES)[number];

/** What a list of recommendations says beside its tracks (moodify/listing.py). */
export type Notice =
  | { code: "jamendo_looked_up"; count: number; unavailable: number }
  | { code: "jamendo_lookup_failed"; reason: string }
  | { code: "shortfall"; asked: number; found: number; usable: Usable; remedies: Remedy[] };

/** Which online features are on. */
export interface Online {
  offline: boolean;
  jamendo: "on" | "offline" | "no_client_id";
  openverse: "on" | "offline";
}

export interface RecommendationList {
  recommendation_id: number;
  reading: Reading;
  target: { mode: Mode; valence: number; arousal: number };
  tracks: Track[];
  notices: Notice[];
  online: Online;
}

export interface Filters {
  instrumental: boolean;
  ownMusic: boolean;
  maxDuration: number | null; // seconds
  genre: string;
}
