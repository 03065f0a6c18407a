import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { STRINGS } from "./i18n";
import { ReadingView } from "./ReadingView";
import { TrackList } from "./Tracks";
import type { Analysis, Track } from "./types";

afterEach(cleanup);
const t = STRINGS.en;
const probs = { happiness: 0.3, sadness: 0.5, anger: 0.05, fear: 0.05, surprise: 0.04, disgust: 0.03, neutral: 0.03 };
const noDetails = { file: null, faces: null, whole_image: null, seconds: null, speech: null, frames: null };

const analysis: Analysis = {
  id: 1,
  caption: "보고 싶다",
  created_at: "2026-11-24T00:00:00Z",
  chosen: null,
  fused: {
    label: "sadness",
    probs,
    valence: -0.2,
    arousal: -0.1,
    confidence: 0.4,
    evidence: [
      {
        code: "part",
        params: {
          part: "caption",
          kind: "text",
          emotion: "sadness",
          probability: 0.9,
          evidence: { code: "caption", params: { snippet: "보고 싶다", emotion: "sadness", probability: 0.9 } },
        },
      },
      {
        code: "disagree",
        params: {
          a: { part: "caption", kind: "text", emotion: "sadness", valence: -0.59 },
          b: { part: "photo 1", kind: "image", emotion: "happiness", valence: 0.78 },
        },
      },
      {
        code: "fused",
        params: { emotion: "sadness", others: [{ part: "photo 1", kind: "image", emotion: "happiness" }] },
      },
    ],
  },
  parts: [
    {
      kind: "text",
      name: "caption",
      label: "sadness",
      probs,
      valence: -0.59,
      arousal: -0.5,
      confidence: 0.9,
      evidence: [],
      ...noDetails,
    },
    {
      kind: "image",
      name: "photo 1",
      label: "happiness",
      probs,
      valence: 0.78,
      arousal: 0.3,
      confidence: 0.9,
      evidence: [],
      ...noDetails,
    },
  ],
  timeline: [
    { time: 0, label: "happiness", valence: 0.5, arousal: 0.2, confidence: 0.8, faces: 1, scene_cut: false },
    { time: 1, label: "sadness", valence: -0.5, arousal: -0.2, confidence: 0.8, faces: 0, scene_cut: true },
  ],
};

describe("the reading", () => {
  it("says the verdict, shows disagreements plainly, bars, plane and timeline", () => {
    render(<ReadingView analysis={analysis} t={t} />);
    expect(screen.getByText(/Mostly sad/, { selector: ".verdict" })).toBeTruthy();
    expect(screen.getByRole("note").textContent).toContain("caption reads sad (valence -0.59) but photo 1 reads happy");
    expect(screen.getByText("Caption “보고 싶다” reads sad (90%)")).toBeTruthy();
    expect(screen.getByText("Mostly sad, with happy photo 1")).toBeTruthy();
    expect(screen.getByText("50%")).toBeTruthy();
    expect(screen.getByRole("img").getAttribute("aria-label")).toContain("photo 1 0.78");
    expect(screen.getAllByRole("listitem").some((li) => li.getAttribute("aria-label") === "1.0 s: sad")).toBe(true);
  });
});

describe("the tracks", () => {
  const track: Track = {
    id: 7,
    title: "Rain",
    artist: "Kim",
    album: null,
    source: "deam",
    source_id: "7",
    tags: ["sad"],
    genres: ["piano"],
    instruments: [],
    emotion: "sadness",
    probs,
    valence: -0.5,
    arousal: -0.4,
    duration_s: 200,
    instrumental: true,
    url: "https://example.org/7",
    sample_url: null,
    preview_url: null,
    license: "CC BY",
    score: 1.01,
    licence: {
      kind: "creative-commons",
      code: "CC BY",
      url: null,
      commercial_use: true,
      video_sync: true,
      attribution: 'Music: "Rain" by Kim, licensed under CC BY',
      share_alike: false,
    },
    find_on: null,
    image_url: null,
    playable: false,
    available: true,
    enriched_at: null,
    annotation: {},
    use: { video: false, reason: "no_audio_source", needs_download: false },
    score_parts: { base: 0.83, personal: 0.9 },
    reasons: [
      { code: "deam_rating", params: { valence: 2.3, arousal: 3 } },
      { code: "reads_as", params: { emotion: "sadness", post_emotion: "sadness" } },
    ],
    feedback: "like",
    segment: null,
  };

  it("shows the score, reasons, links and which feedback was given", () => {
    const onFeedback = vi.fn();
    render(<TrackList tracks={[track]} onFeedback={onFeedback} t={t} />);
    expect(screen.getByText("83%")).toBeTruthy(); // the match, not the personal boost
    expect(screen.getByText("+ your taste")).toBeTruthy();
    expect(screen.getByText("DEAM listeners rated it valence 2.3/9, arousal 3.0/9")).toBeTruthy();
    expect(screen.getByText("Reads sad (the post: sad)")).toBeTruthy();
    expect(screen.getByRole("link", { name: "Source" }).getAttribute("href")).toBe("https://example.org/7");
    expect(screen.getByRole("button", { name: "Liked" }).getAttribute("aria-pressed")).toBe("true");
    fireEvent.click(screen.getByRole("button", { name: "Choose" }));
    expect(onFeedback).toHaveBeenCalledWith(track, "chosen");
  });
});

describe("the multi-user server", () => {
  it("asks to sign in when the server says nobody is", async () => {
    const { App } = await import("./App");
    const fetchMock = vi.fn<typeof fetch>(
      async () =>
        new Response(JSON.stringify({ error: { message: "not signed in" } }), {
          status: 401,
          headers: { "content-type": "application/json" },
        }),
    );
    vi.stubGlobal("fetch", fetchMock);
    localStorage.setItem("moodify.lang", "en");
    render(<App />);
    expect(await screen.findByRole("heading", { name: "Sign in" })).toBeTruthy();
    expect(screen.queryByLabelText("Caption")).toBeNull();
    expect(fetchMock.mock.calls.map((call) => call[0])).toContain("/api/v1/auth/me");
    vi.unstubAllGlobals();
  });
});
