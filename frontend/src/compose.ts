// The post being composed: which files go where, checked before anything is uploaded.

import type { Strings } from "./i18n";
import type { Limits } from "./types";

export interface Draft {
  caption: string;
  images: File[];
  audio: File[];
  video: File | null;
}

const draftBytes = (draft: Draft): number =>
  [...draft.images, ...draft.audio, ...(draft.video ? [draft.video] : [])].reduce((sum, f) => sum + f.size, 0);

export const emptyDraft = (): Draft => ({ caption: "", images: [], audio: [], video: null });

export function kindOf(file: File): "image" | "audio" | "video" | null {
  const type = file.type.toLowerCase();
  const name = file.name.toLowerCase();
  if (type.startsWith("image/") || /\.(jpe?g|png|webp|gif|heic|heif)$/.test(name)) return "image";
  if (type.startsWith("video/") || /\.(mp4|mov|webm|mkv)$/.test(name)) return "video";
  if (type.startsWith("audio/") || /\.(wav|mp3|m4a|aac|ogg|opus|flac)$/.test(name)) return "audio";
  return null;
}

/** Add files to a draft within the server's limits (GET /api/v1/limits: the whole post's size, files
 * of each kind); what cannot be added comes back as messages. Until the server has said its limits
 * (null), files are added unchecked. The server checks every upload again, by content too. */
export function addFiles(
  draft: Draft,
  files: File[],
  t: Strings,
  limits: Limits | null,
): { draft: Draft; errors: string[] } {
  const next: Draft = { ...draft, images: [...draft.images], audio: [...draft.audio] };
  const errors: string[] = [];
  for (const file of files) {
    const kind = kindOf(file);
    if (kind === null) {
      errors.push(t.wrongType(file.name));
      continue;
    }
    const replaced = kind === "video" && next.video ? next.video.size : 0;
    if (limits && draftBytes(next) - replaced + file.size > limits.upload_mb * 1024 * 1024) {
      errors.push(t.tooBig(file.name, limits.upload_mb));
      continue;
    }
    if (kind === "image") {
      if (limits && next.images.length >= limits.images) errors.push(t.tooMany(t.kinds.image, limits.images));
      else next.images.push(file);
    } else if (kind === "audio") {
      if (limits && next.audio.length >= limits.audio) errors.push(t.tooMany(t.kinds.audio, limits.audio));
      else next.audio.push(file);
    } else {
      next.video = file; // one video: a new one replaces the old
    }
  }
  return { draft: next, errors };
}

export function move<T>(items: T[], index: number, by: number): T[] {
  const target = index + by;
  if (target < 0 || target >= items.length) return items;
  const out = [...items];
  [out[index], out[target]] = [out[target], out[index]];
  return out;
}

export const isEmpty = (d: Draft) => !d.caption.trim() && !d.images.length && !d.audio.length && !d.video;
