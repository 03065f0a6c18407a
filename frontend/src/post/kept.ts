// The post being composed, kept in this browser per account so that a reload loses nothing: the
// caption, the music filters and the id of an analysis job under way in localStorage; the chosen files in
// IndexedDB (File objects are structured-cloneable; localStorage holds only strings).

import type { Draft } from "../compose";
import type { Filters } from "../types";
import { idbRequest } from "./idb";

export interface KeptDraft {
  caption: string;
  filters: Filters;
  files: string[]; // the chosen files' names, to say which could not come back
  jobId: number | null; // an analysis under way: a reload follows it again
}

export type DraftFiles = Pick<Draft, "images" | "audio" | "video">;

const PREFIX = "moodify.draft.";
// The mode is not kept here: the address (#/analysis/1?mode=calm) already carries it over a reload.

export const fileNames = (files: DraftFiles): string[] =>
  [...files.images, ...(files.video ? [files.video] : []), ...files.audio].map((f) => f.name);

export function keptDraft(account: string, storage: Pick<Storage, "getItem"> = localStorage): KeptDraft | null {
  try {
    const kept = JSON.parse(storage.getItem(PREFIX + account) ?? "null") as Partial<KeptDraft> | null;
    if (!kept || typeof kept.caption !== "string") return null;
    return {
      caption: kept.caption,
      filters: { instrumental: false, ownMusic: false, maxDuration: null, genre: "", ...kept.filters },
      files: Array.isArray(kept.files) ? kept.files.filter((n) => typeof n === "string") : [],
      jobId: Number.isInteger(kept.jobId) ? kept.jobId! : null,
    };
  } catch {
    return null; // written by something else: start afresh
  }
}

/** Change part of the kept draft, keeping the rest (an edit during an analysis keeps its job id). */
export function keepDraft(
  account: string,
  change: Partial<KeptDraft>,
  storage: Pick<Storage, "getItem" | "setItem"> = localStorage,
): void {
  const base = keptDraft(account, storage) ?? {
    caption: "",
    filters: { instrumental: false, ownMusic: false, maxDuration: null, genre: "" },
    files: [],
    jobId: null,
  };
  try {
    storage.setItem(PREFIX + account, JSON.stringify({ ...base, ...change }));
  } catch {
    // storage full or refused (private mode): the draft simply is not kept
  }
}

export function forgetDraft(account: string, storage: Pick<Storage, "removeItem"> = localStorage): void {
  storage.removeItem(PREFIX + account);
}

/** Where the chosen files are kept; `take` is null when nothing is kept or the browser refuses. */
export interface FileShelf {
  put(account: string, files: DraftFiles): Promise<void>;
  take(account: string): Promise<DraftFiles | null>;
  clear(account: string): Promise<void>;
}

/** The files that came back, and the names of those that did not. */
export function restoredFiles(kept: KeptDraft, shelved: DraftFiles | null): { files: DraftFiles; lost: string[] } {
  const files = shelved ?? { images: [], audio: [], video: null };
  const back = new Set(fileNames(files));
  return { files, lost: kept.files.filter((name) => !back.has(name)) };
}

const DB = "moodify";
const STORE = "drafts";
const request = <T>(mode: IDBTransactionMode, act: (store: IDBObjectStore) => IDBRequest<T>) =>
  idbRequest(DB, STORE, mode, act);

/** The browser's IndexedDB, one record per account. */
export const indexedDbShelf: FileShelf = {
  put: (account, files) =>
    request("readwrite", (s) => s.put({ images: files.images, audio: files.audio, video: files.video }, account)).then(
      () => undefined,
    ),
  take: (account) =>
    request<DraftFiles | undefined>("readonly", (s) => s.get(account)).then(
      (files) => files ?? null,
      () => null,
    ),
  clear: (account) => request("readwrite", (s) => s.delete(account)).then(() => undefined),
};
