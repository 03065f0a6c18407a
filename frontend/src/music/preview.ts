// Where a preview starts, and why a track has none.

import type { Online, SuggestedSegment, Track } from "../types";

/** The suggested start, unless the audio turns out shorter than that (a clip rather than the
 * whole track): then its beginning. `duration` is the player's (NaN or Infinity when unknown). */
export function previewStart(segment: SuggestedSegment | null | undefined, duration: number): number {
  if (!segment || segment.start <= 0) return 0;
  if (Number.isFinite(duration) && duration > 0 && segment.start >= duration - 1) return 0;
  return segment.start;
}

/** 49.2 -> "0:49" */
export function clock(seconds: number): string {
  const whole = Math.floor(seconds);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
}

export type NoPreview = "platform" | "unavailable" | "offline" | "no_client_id" | "none";

export function noPreviewReason(
  track: Pick<Track, "licence" | "available" | "source">,
  online: Online | undefined,
): NoPreview {
  if (track.licence.kind === "platform") return "platform";
  if (!track.available) return "unavailable";
  if (online?.offline) return "offline";
  if (track.source === "jamendo" && online?.jamendo === "no_client_id") return "no_client_id";
  return "none";
}
