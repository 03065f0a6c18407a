// Tracks as the API gives them, for the music feature's tests.

import type { Licence, Track } from "../types";

export const CC = (code: string, more: Partial<Licence> = {}): Licence => {
  const nc = code.includes("NC"),
    nd = code.includes("ND"),
    zero = code.startsWith("CC0");
  return {
    kind: "creative-commons",
    code,
    url: `https://creativecommons.org/licenses/x/4.0/`,
    commercial_use: !nc,
    video_sync: !nd,
    share_alike: code.includes("SA"),
    attribution: zero ? null : `Music: "Song" by Artist, licensed under ${code}`,
    ...more,
  };
};

export function track(more: Partial<Track> = {}): Track {
  return {
    id: 1,
    title: "Song",
    artist: "Artist",
    album: null,
    source: "jamendo",
    source_id: "1",
    tags: [],
    genres: [],
    instruments: [],
    emotion: "happiness",
    probs: { happiness: 1, sadness: 0, anger: 0, fear: 0, surprise: 0, disgust: 0, neutral: 0 },
    valence: 0.5,
    arousal: 0.2,
    duration_s: 200,
    instrumental: null,
    url: "https://www.jamendo.com/track/1",
    sample_url: null,
    preview_url: null,
    license: "",
    licence: CC("CC BY 4.0"),
    find_on: null,
    image_url: null,
    playable: false,
    available: true,
    enriched_at: null,
    use: { video: true, reason: null, needs_download: true },
    annotation: {},
    segment: null,
    score: 0.9,
    score_parts: { base: 0.9 },
    reasons: [],
    feedback: null,
    ...more,
  };
}

export const POPULAR: Partial<Track> = {
  source: "4q",
  licence: {
    kind: "platform",
    code: null,
    url: null,
    commercial_use: false,
    video_sync: false,
    attribution: null,
    share_alike: false,
  },
  find_on: {
    youtube_music: "https://music.youtube.com/search?q=a",
    spotify: "https://open.spotify.com/search/a",
    apple_music: "https://music.apple.com/search?term=a",
  },
  use: { video: false, reason: "platform_only", needs_download: false },
};

type Route = (init: RequestInit | undefined) => [number, unknown];

/** A fetch that answers from `routes` ("POST /api/v1/..." or "GET /api/v1/..."), and records calls. */
export function fakeApi(routes: Record<string, Route>) {
  const calls: { key: string; body: unknown }[] = [];
  const fetch = async (url: string, init?: RequestInit) => {
    const key = `${(init?.method ?? "GET").toUpperCase()} ${url}`;
    const body = typeof init?.body === "string" ? JSON.parse(init.body) : init?.body;
    calls.push({ key, body });
    const route = routes[key] ?? Object.entries(routes).find(([k]) => key.startsWith(k))?.[1];
    const [status, answer] = route ? route(init) : [404, { error: { code: "not_found", message: key } }];
    return new Response(JSON.stringify(answer), { status, headers: { "content-type": "application/json" } });
  };
  return { fetch, calls };
}
