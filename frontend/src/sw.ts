// The service worker: it makes Moodify installable and takes what other apps share into it. A
// share (POST /share, multipart) is kept in this browser's inbox, never sent on to any server, and
// the app opens with it as a new draft. Nothing is cached: every other request goes to the
// network as if there were no worker.

import { ARRIVED, indexedDbInbox, NOT_KEPT, SHARE_PATH, sharedPost } from "./post/shared";

// The worker's own types (the DOM's lib is this project's; the WebWorker lib cannot sit beside it).
interface ExtendableEvent extends Event {
  waitUntil(work: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  request: Request;
  respondWith(response: Promise<Response>): void;
}
interface WorkerScope {
  location: Location;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  addEventListener(type: "install" | "activate", listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: "fetch", listener: (event: FetchEvent) => void): void;
}
const worker = self as unknown as WorkerScope;

// A new worker takes over at once: there is no cache whose versions could disagree.
worker.addEventListener("install", (event) => event.waitUntil(worker.skipWaiting()));
worker.addEventListener("activate", (event) => event.waitUntil(worker.clients.claim()));

worker.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "POST" || url.origin !== worker.location.origin || url.pathname !== SHARE_PATH) return;
  event.respondWith(receive(event.request));
});

async function receive(request: Request): Promise<Response> {
  try {
    await indexedDbInbox.put(sharedPost(await request.formData()));
    return Response.redirect(new URL(ARRIVED, worker.location.origin).href, 303);
  } catch {
    return Response.redirect(new URL(NOT_KEPT, worker.location.origin).href, 303);
  }
}
