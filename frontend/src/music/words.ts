// API codes into the interface language: notices, the online line, errors and job stages.

import { ApiError } from "../api";
import type { Strings } from "../i18n";
import type { Job, Notice, Online } from "../types";

/** One line for a notice; shortfall's remedies and button are drawn by Notices. null: nothing to say. */
export function noticeText(notice: Notice, t: Strings): string | null {
  switch (notice.code) {
    case "shortfall":
      return t.tracks.shortfall(notice.found, notice.asked, t.tracks.usableFor[notice.usable] ?? notice.usable);
    case "jamendo_lookup_failed":
      return t.tracks.lookupFailed;
    case "jamendo_looked_up":
      return notice.unavailable ? t.tracks.leftOut(notice.unavailable) : null;
    default:
      return null;
  }
}

/** At most one line about online features: off, or Jamendo without a client id. */
export function onlineLine(online: Online | undefined, t: Strings): string | null {
  if (!online) return null;
  if (online.offline) return t.tracks.offline;
  if (online.jamendo === "no_client_id") return t.tracks.noClientId;
  return null;
}

/** The app's words for an error the API gave a known code (its {details} filled in), else its message. */
export function errorText(error: unknown, t: Strings): string {
  if (error instanceof ApiError && error.code) {
    const known = t.tracks.errors[error.code] ?? (t.tracks.useReasons as Record<string, string>)[error.code];
    if (known) return known.replace(/\{(\w+)\}/g, (slot, name) => String(error.details[name] ?? slot));
  }
  return error instanceof Error ? error.message : String(error);
}

/** Why a job ended without its result, in the app's words where its error code is known. */
export function jobErrorText(job: Job, t: Strings): string {
  const code = job.error_code ?? "";
  const known = t.tracks.errors[code] ?? (t.tracks.useReasons as Record<string, string>)[code];
  return known ?? job.error ?? stageText(job.status, t);
}

/** A job's stage (the server says it in English) in the interface language. */
export function stageText(stage: string, t: Strings): string {
  const added = /^added (\d+) of (\d+)$/.exec(stage);
  if (added) return t.tracks.stageAdded(Number(added[1]), Number(added[2]));
  return t.tracks.stages[stage] ?? stage;
}
