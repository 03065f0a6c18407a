// What a person may do with a track, in words: the badge, its colour and the notes beside it,
// from the track's `licence` and `use` (the API decides; this only says it).

import type { Strings } from "../i18n";
import type { Track } from "../types";

export type Tone = "ok" | "personal" | "no" | "platform" | "unknown" | "own";

/** Badge text and background per tone: each pair keeps at least 4.5:1 contrast (tested). */
export const TONES: Record<Tone, { ink: string; bg: string }> = {
  ok: { ink: "#1a6530", bg: "#e3f3e7" },
  personal: { ink: "#7a4600", bg: "#fff1da" },
  no: { ink: "#a4161a", bg: "#fdeaea" },
  platform: { ink: "#5a3696", bg: "#efe8fa" },
  unknown: { ink: "#4a5058", bg: "#eceff2" },
  own: { ink: "#1b55ab", bg: "#e6eefa" },
};

export interface Badge {
  tone: Tone;
  label: string;
  notes: string[];
}

export function licenceBadge(track: Pick<Track, "licence" | "use">, t: Strings): Badge {
  const { licence } = track;
  const words = t.tracks.badge;
  if (licence.kind === "platform") return { tone: "platform", label: words.platform, notes: [] };
  if (licence.kind === "own") {
    const notes = licence.commercial_use === false ? [t.tracks.ownNonCommercial] : [];
    return { tone: "own", label: words.own, notes: [...notes, ...creditNotes(track, t)] };
  }
  if (licence.kind === "unknown" || licence.code === null) {
    return track.use.reason === "licence_not_checked"
      ? { tone: "unknown", label: words.notChecked, notes: [] }
      : { tone: "unknown", label: words.unknown, notes: [] };
  }
  if (licence.video_sync === false) return { tone: "no", label: words.noVideo, notes: [] };
  if (licence.commercial_use === true) return { tone: "ok", label: words.monetised, notes: creditNotes(track, t) };
  return { tone: "personal", label: words.personal, notes: creditNotes(track, t) };
}

function creditNotes(track: Pick<Track, "licence">, t: Strings): string[] {
  return [
    ...(track.licence.attribution ? [t.tracks.creditNeeded] : []),
    ...(track.licence.share_alike ? [t.tracks.shareAlike] : []),
  ];
}

/** The credit line is offered wherever the track may go into a video at all (not under ND). */
export const creditToOffer = (track: Pick<Track, "licence">): string | null =>
  track.licence.video_sync === false ? null : track.licence.attribution;
