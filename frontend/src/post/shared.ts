// A post shared into Moodify from another app (the manifest's share target). The service worker
// takes the share's form, keeps it here in an inbox of this browser's IndexedDB (its own database:
// the worker knows no account), and sends the app to /?shared=1; the app then moves it into a new
// draft for whoever is signed in. The files never leave the browser on the way.

import { addFiles, type Draft, emptyDraft } from "../compose";
import type { Strings } from "../i18n";
import type { Limits } from "../types";
import { idbRequest } from "./idb";

export const SHARE_PATH = "/share"; // the manifest's share_target action
export const ARRIVED = "/?shared=1";
export const NOT_KEPT = "/?shared=0"; // the browser refused to keep it: say so

export interface SharedPost {
  caption: string;
  files: File[];
}

/** The share's form as a post: its title, text and link as the caption (each once: apps often
 * repeat the link inside the text), its files as they came. */
export function sharedPost(form: FormData): SharedPost {
  const parts: string[] = [];
  for (const name of ["title", "text", "url"]) {
    const value = form.get(name);
    const part = typeof value === "string" ? value.trim() : "";
    if (part && !parts.some((p) => p.includes(part))) parts.push(part);
  }
  const files = form.getAll("files").filter((f): f is File => typeof f !== "string" && f.size > 0);
  return { caption: parts.join("\n"), files };
}

/** The shared post as a new draft, within the server's limits like files the person chose; what
 * did not fit (a document, one photo too many) comes back as messages. */
export function sharedDraft(shared: SharedPost, t: Strings, limits: Limits | null): { draft: Draft; errors: string[] } {
  return addFiles({ ...emptyDraft(), caption: shared.caption }, shared.files, t, limits);
}

/** Whether this address is the worker's redirect after a share: "kept", "lost" or null. */
export function arrival(search: string): "kept" | "lost" | null {
  const shared = new URLSearchParams(search).get("shared");
  return shared === "1" ? "kept" : shared === "0" ? "lost" : null;
}

/** Where a share waits for the app: one at a time, a newer share replacing an older one. */
export interface SharedInbox {
  put(shared: SharedPost): Promise<void>;
  take(): Promise<SharedPost | null>; // and empties it
}

const DB = "moodify-shared";
const STORE = "inbox";
const KEY = "post";

const inboxRequest = <T>(act: (store: IDBObjectStore) => IDBRequest<T>) => idbRequest(DB, STORE, "readwrite", act);

export const indexedDbInbox: SharedInbox = {
  put: (shared) =>
    inboxRequest((s) => s.put({ caption: shared.caption, files: shared.files }, KEY)).then(() => undefined),
  take: () =>
    inboxRequest<SharedPost | undefined>((s) => {
      const got = s.get(KEY);
      got.onsuccess = () => s.delete(KEY); // the same transaction: taken once
      return got;
    }).then(
      (shared) => shared ?? null,
      () => null,
    ),
};
