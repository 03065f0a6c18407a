// The post being composed: which files go where, checked before anything is uploaded.

import type { Strings } from "./i18n";

export interface Draft {
  caption: string;
  images: File[];
  audio: File[];
  video: File | null;
}

export const LIMITS = { images: 10, audio: 3 };
export const MAX_MB = { image: 40, audio: 100, video: 200 };

export const emptyDraft = (): Draft => ({ caption: "", images: [], audio: [], video: null });

export function kindOf(file: File): "image" | "audio" | "video" | null {
  const type = file.type.toLowerCase();
  const name = file.name.toLowerCase();
  if (type.startsWith("image/") || /\.(jpe?g|png|webp|gif|heic|heif)$/.test(name)) return "image";
  if (type.startsWith("video/") || /\.(mp4|mov|webm|mkv)$/.test(name)) return "video";
  if (type.startsWith("audio/") || /\.(wav|mp3|m4a|aac|ogg|opus|flac)$/.test(name)) return "audio";
  return null;
}

/** Add files to a draft; what cannot be added comes back as messages (the server checks again,
 * by content). */
export function addFiles(draft: Draft, files: File[], t: Strings): { draft: Draft; errors: string[] } {
  const next: Draft = { ...draft, images: [...draft.images], audio: [...draft.audio] };
  const errors: string[] = [];
  for (const file of files) {
    const kind = kindOf(file);
    if (kind === null) {
      errors.push(t.wrongType(file.name));
      continue;
    }
    if (file.size > MAX_MB[kind] * 1024 * 1024) {
      errors.push(t.tooBig(file.name, MAX_MB[kind]));
      continue;
    }
    if (kind === "image") {
      if (next.images.length >= LIMITS.images) errors.push(t.tooMany(t.kinds.image, LIMITS.images));
      else next.images.push(file);
    } else if (kind === "audio") {
      if (next.audio.length >= LIMITS.audio) errors.push(t.tooMany(t.kinds.audio, LIMITS.audio));
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
