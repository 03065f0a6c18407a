// Every call the web app makes to the JSON API lives here.

import type {
  Analysis,
  AnalysisPage,
  FeedbackKind,
  Filters,
  Job,
  Limits,
  Me,
  Mode,
  RecommendationList,
  Segment,
  Session,
  Usable,
  Vocabulary,
} from "./types";

/** An error the API answered ({"error": {code, message}}); `code` picks the app's own words. */
export class ApiError extends Error {
  constructor(
    public status: number,
    message: string,
    public code: string | null = null,
    public details: Record<string, number | string> = {},
  ) {
    super(message);
  }
}

const BASE = "/api/v1";
let csrfToken: string | null = null; // on the multi-user server, sent with every change

async function call<T>(path: string, init?: RequestInit): Promise<T> {
  let response: Response;
  const method = (init?.method ?? "GET").toUpperCase();
  const headers = new Headers(init?.headers);
  if (csrfToken && method !== "GET") headers.set("X-CSRF-Token", csrfToken);
  try {
    response = await fetch(BASE + path, { ...init, headers, credentials: "same-origin" });
  } catch {
    throw new ApiError(0, "network");
  }
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    throw new ApiError(
      response.status,
      body?.error?.message ?? `HTTP ${response.status}`,
      body?.error?.code ?? null,
      body?.error?.details ?? {},
    );
  }
  return body as T;
}

function json(method: string, data: unknown): RequestInit {
  return { method, headers: { "content-type": "application/json" }, body: JSON.stringify(data) };
}

export interface PostInput {
  caption: string;
  images: File[];
  audio: File[];
  video: File | null;
}

/** Who is signed in: {auth: "none"} on the single-person tool; 401 (ApiError) when signed out. */
/** What the server accepts, to check a post before uploading it. */
export const limits = (): Promise<Limits> => call<Limits>("/limits");

export async function me(): Promise<Me> {
  const who = await call<Me>("/auth/me");
  csrfToken = who.csrf_token ?? null;
  return who;
}

export async function signIn(name: string, password: string, register: boolean): Promise<Me> {
  const who = await call<Session>(register ? "/auth/register" : "/auth/login", json("POST", { name, password }));
  csrfToken = who.csrf_token;
  return { auth: "required", name: who.name, csrf_token: who.csrf_token };
}

export async function signOut(): Promise<void> {
  await call("/auth/logout", { method: "POST" });
  csrfToken = null;
}

/** A caption alone is read at once; a post with files starts a job to poll. */
export async function createAnalysis(post: PostInput): Promise<{ analysis?: Analysis; job?: Job }> {
  const hasFiles = post.images.length > 0 || post.audio.length > 0 || post.video !== null;
  if (!hasFiles) {
    return { analysis: await call<Analysis>("/analyses", json("POST", { caption: post.caption })) };
  }
  const form = new FormData();
  if (post.caption.trim()) form.append("caption", post.caption);
  post.images.forEach((file) => form.append("images", file, file.name));
  post.audio.forEach((file) => form.append("audio", file, file.name));
  if (post.video) form.append("video", post.video, post.video.name);
  return { job: await call<Job>("/analyses", { method: "POST", body: form }) };
}

/** The genres and mood tags to choose from, with how many of this person's tracks carry each. */
export const vocabulary = () => call<Vocabulary>("/catalog/vocabulary");
export const getJob = (id: number) => call<Job>(`/jobs/${id}`);
export const cancelJob = (id: number) => call<Job>(`/jobs/${id}`, { method: "DELETE" });
export const getAnalysis = (id: number) => call<Analysis>(`/analyses/${id}`);
export const listAnalyses = () => call<AnalysisPage>("/analyses?per_page=50");

export function recommendationBody(mode: Mode, filters: Filters, usable: Usable = "any"): Record<string, unknown> {
  const body: Record<string, unknown> = { mode, limit: 10 };
  if (usable !== "any") body.usable = usable;
  if (filters.instrumental) body.instrumental = true;
  if (filters.ownMusic) body.own_music = true;
  if (filters.maxDuration) body.max_duration = filters.maxDuration;
  const genre = filters.genre.trim();
  if (genre) body.genres = [genre];
  return body;
}

export const recommend = (analysisId: number, mode: Mode, filters: Filters, usable: Usable = "any") =>
  call<RecommendationList>(
    `/analyses/${analysisId}/recommendations`,
    json("POST", recommendationBody(mode, filters, usable)),
  );

export const sendFeedback = (trackId: number, kind: FeedbackKind, recommendationId: number) =>
  call<unknown>("/feedback", json("POST", { track_id: trackId, kind, recommendation_id: recommendationId }));

export function importMusic(files: File[]): Promise<Job> {
  const form = new FormData();
  files.forEach((file) => form.append("files", file, file.name));
  return call<Job>("/library", { method: "POST", body: form });
}

export const getSegment = (trackId: number, length: number, analysisId?: number) =>
  call<Segment>(
    `/tracks/${trackId}/segment?length=${length.toFixed(2)}` + (analysisId ? `&analysis_id=${analysisId}` : ""),
  );

/** Download and analyse a catalogue track's audio (a job); 409 with the reason's code when it may not. */
export const fetchTrack = (trackId: number, usable: Usable) =>
  call<Job>(`/tracks/${trackId}/fetch`, json("POST", { usable }));

/** Add Creative Commons music for this analysis from Openverse (a job); 409 "offline" when offline. */
export const findOnline = (analysisId: number, mode: Mode, usable: Usable, limit = 10) =>
  call<Job>("/catalog/find-online", json("POST", { analysis_id: analysisId, mode, usable, limit }));

export function startRender(
  video: File,
  trackId: number,
  start: number,
  analysisId?: number,
  usable: Usable = "any",
): Promise<Job> {
  const form = new FormData();
  form.append("video", video, video.name);
  form.append("track_id", String(trackId));
  form.append("start", start.toFixed(3));
  if (analysisId) form.append("analysis_id", String(analysisId));
  form.append("usable", usable);
  return call<Job>("/renders", { method: "POST", body: form });
}

export const renderedFileUrl = (jobId: number) => `${BASE}/renders/${jobId}/file`;

/** Poll a job until it ends, reporting each state. */
export async function waitForJob(id: number, onUpdate: (job: Job) => void, intervalMs = 400): Promise<Job> {
  for (;;) {
    const job = await getJob(id);
    onUpdate(job);
    if (job.status === "done" || job.status === "failed" || job.status === "cancelled") return job;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
