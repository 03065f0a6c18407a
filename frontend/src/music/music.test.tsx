import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { STRINGS } from "../i18n";
import { TrackList } from "../Tracks";
import type { Job, Online, RecommendationList } from "../types";
import { CopyCredit } from "./CopyCredit";
import { CC, fakeApi, POPULAR, track } from "./fixtures";
import { Notices } from "./Notices";
import { Preview } from "./Preview";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
  location.hash = "";
});
const t = STRINGS.en;
const ON: Online = { offline: false, jamendo: "on", openverse: "on" };
const job = (kind: string, result: unknown): Job => ({
  id: 5,
  kind,
  status: "done",
  progress: 100,
  stage: "done",
  analysis_id: null,
  error: null,
  error_code: null,
  result: result as never,
  analysis: null,
  created_at: "2026-11-24T00:00:00Z",
  updated_at: "2026-11-24T00:00:00Z",
});

describe("the preview", () => {
  it("starts at the suggested segment once the player knows the audio", () => {
    render(
      <Preview
        t={t}
        online={ON}
        track={track({
          preview_url: "/api/v1/tracks/1/audio",
          segment: { start: 49.2, end: 64.2, basis: "estimated" },
        })}
      />,
    );
    const audio = screen.getByLabelText("Preview: Song") as HTMLAudioElement;
    Object.defineProperty(audio, "duration", { value: 200 });
    let placed = 0;
    Object.defineProperty(audio, "currentTime", {
      get: () => placed,
      set: (v: number) => {
        placed = v;
      },
    });
    expect(screen.getByText("starts at 0:49")).toBeTruthy();
    fireEvent.loadedMetadata(audio);
    expect(placed).toBe(49.2);
    placed = 3; // the listener moved it; a second load does not move it back
    fireEvent.loadedMetadata(audio);
    expect(placed).toBe(3);
  });

  it("says why there is none", () => {
    render(<Preview t={t} online={{ ...ON, jamendo: "no_client_id" }} track={track()} />);
    expect(screen.getByText("No preview until Jamendo is turned on (see above).")).toBeTruthy();
  });
});

describe("copying the credit line", () => {
  it("copies, and says so", async () => {
    const writeText = vi.fn(async () => {});
    vi.stubGlobal("navigator", { ...navigator, clipboard: { writeText } });
    render(<CopyCredit text="Music: X" t={t} shown="after-copy" />);
    expect(screen.queryByText("Music: X")).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Copy credit" }));
    expect(await screen.findByText("Copied: paste it under your post.")).toBeTruthy();
    expect(writeText).toHaveBeenCalledWith("Music: X");
    expect(screen.getByText("Music: X")).toBeTruthy();
  });

  it("without a clipboard, shows the line selected", async () => {
    vi.stubGlobal("navigator", { ...navigator, clipboard: undefined });
    render(<CopyCredit text="Music: Y" t={t} shown="after-copy" />);
    fireEvent.click(screen.getByRole("button", { name: "Copy credit" }));
    expect(await screen.findByText(/^Selected/)).toBeTruthy();
    expect(screen.getByText("Music: Y")).toBeTruthy();
  });
});

describe("tracks and what may be done with them", () => {
  const video = { file: null, analysisId: 3, usable: "monetised" as const };

  it("a popular song: where to add it from, three searches, no audio and no video button", () => {
    render(<TrackList tracks={[track(POPULAR)]} onFeedback={() => {}} t={t} online={ON} video={video} />);
    expect(screen.getByText("Popular song")).toBeTruthy();
    expect(screen.getByText(/music picker of Instagram, TikTok or YouTube Shorts: there is no audio/)).toBeTruthy();
    expect(screen.getByRole("link", { name: "Spotify" }).getAttribute("href")).toBe(
      "https://open.spotify.com/search/a",
    );
    expect(screen.getAllByRole("link", { name: /YouTube Music|Apple Music/ })).toHaveLength(2);
    expect(screen.queryByRole("button", { name: "Use in video" })).toBeNull();
  });

  it("the deed is linked; a track that may not go in a video says why instead of the button", () => {
    render(
      <TrackList
        tracks={[
          track({
            licence: CC("CC BY-NC 4.0"),
            use: { video: false, reason: "non_commercial", needs_download: false },
          }),
        ]}
        onFeedback={() => {}}
        t={t}
        online={ON}
        video={video}
      />,
    );
    expect(screen.getByRole("link", { name: /^CC BY-NC 4.0: the licence's terms/ })).toBeTruthy();
    expect(screen.getByText("Its licence (NonCommercial) does not allow monetised posts.")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Use in video" })).toBeNull();
  });

  it("a catalogue track is fetched first, with the filter, then the render panel opens", async () => {
    const api = fakeApi({
      "POST /api/v1/tracks/1/fetch": () => [
        202,
        { ...job("fetch", null), status: "queued", stage: "waiting for a worker" },
      ],
      "GET /api/v1/jobs/5": () => [200, job("fetch", { track_id: 1, duration_s: 8, fetched: true })],
      "GET /api/v1/tracks/1/segment": () => [
        200,
        {
          track_id: 1,
          duration_s: 8,
          start: 1.6,
          end: 4.6,
          aligned_to: "bar",
          reasons: [{ code: "starts_on", params: { aligned_to: "bar", time: 1.6 } }],
          energy: [-20, -21, -20],
          downbeats: [1.6],
        },
      ],
    });
    vi.stubGlobal("fetch", api.fetch);
    render(<TrackList tracks={[track()]} onFeedback={() => {}} t={t} online={ON} video={video} />);
    fireEvent.click(screen.getByRole("button", { name: "Use in video" }));
    expect(await screen.findByText("The part under your video")).toBeTruthy();
    expect(api.calls[0]).toEqual({ key: "POST /api/v1/tracks/1/fetch", body: { usable: "monetised" } });
    expect(screen.getByRole("button", { name: "Use in video" }).getAttribute("aria-expanded")).toBe("true");
  });

  it("a refused fetch says why in the app's words", async () => {
    vi.stubGlobal(
      "fetch",
      fakeApi({
        "POST /api/v1/tracks/1/fetch": () => [
          409,
          {
            error: {
              code: "download_not_allowed",
              message: "track 1 cannot be used in a video: ...",
            },
          },
        ],
      }).fetch,
    );
    render(<TrackList tracks={[track()]} onFeedback={() => {}} t={t} online={ON} video={video} />);
    fireEvent.click(screen.getByRole("button", { name: "Use in video" }));
    expect((await screen.findByRole("alert")).textContent).toBe("Its artist does not allow apps to download it.");
  });
});

describe("finding more online", () => {
  const recs = (online = ON): RecommendationList => ({
    recommendation_id: 1,
    reading: {} as never,
    target: { mode: "match", valence: 0, arousal: 0 },
    tracks: [],
    online,
    notices: [{ code: "shortfall", asked: 10, found: 3, usable: "monetised", remedies: ["find_online", "import_own"] }],
  });

  it("starts the job for this analysis, mode and filter, says how many were added and refreshes", async () => {
    const api = fakeApi({
      "POST /api/v1/catalog/find-online": () => [202, { ...job("find_online", null), status: "running" }],
      "GET /api/v1/jobs/5": () => [
        200,
        job("find_online", { query: "happy", known: [], skipped: [], added: [{ id: 9 }, { id: 10 }] }),
      ],
    });
    vi.stubGlobal("fetch", api.fetch);
    const onFound = vi.fn();
    render(<Notices recs={recs()} analysisId={3} mode="uplift" usable="monetised" onFound={onFound} t={t} />);
    const notice = screen.getByTestId("shortfall");
    expect(notice.textContent).toContain("Only 3 of 10 tracks may be used for monetised posts.");
    expect(within(notice).getByText("import your own music (Your music, above)")).toBeTruthy();
    fireEvent.click(within(notice).getByRole("button", { name: "Find more online" }));
    expect((await screen.findByRole("status")).textContent).toMatch(/^Added 2 tracks from Openverse/);
    expect(api.calls[0].body).toEqual({ analysis_id: 3, mode: "uplift", usable: "monetised", limit: 10 });
    expect(onFound).toHaveBeenCalled();
  });

  it("no button when Openverse is off; the online line says why", () => {
    render(
      <Notices
        recs={recs({ offline: true, jamendo: "offline", openverse: "offline" })}
        analysisId={3}
        mode="match"
        usable="monetised"
        onFound={() => {}}
        t={t}
      />,
    );
    expect(screen.queryByRole("button", { name: "Find more online" })).toBeNull();
    expect(screen.getByText(/^Online features are off/)).toBeTruthy();
  });
});

describe("the usable filter in the app", () => {
  it("is remembered for this browser's account, sent with every list, and changed by a click", async () => {
    localStorage.setItem("moodify.lang", "en");
    localStorage.setItem("moodify.usable.local", "monetised");
    location.hash = "#/analysis/3";
    const reading = {
      label: "happiness",
      probs: { happiness: 1 },
      valence: 0.6,
      arousal: 0.3,
      confidence: 0.9,
      evidence: [],
    };
    const api = fakeApi({
      "GET /api/v1/auth/me": () => [200, { auth: "none", name: null }],
      "GET /api/v1/analyses/3": () => [200, { id: 3, caption: "hi", fused: reading, parts: [], created_at: "" }],
      "POST /api/v1/analyses/3/recommendations": () => [
        200,
        {
          recommendation_id: 1,
          reading,
          target: { mode: "match" },
          tracks: [track()],
          notices: [],
          online: ON,
        },
      ],
    });
    vi.stubGlobal("fetch", api.fetch);
    const { App } = await import("../App");
    render(<App />);
    await screen.findByText("OK for monetised posts");
    const lists = () =>
      api.calls.filter((c) => c.key.endsWith("/recommendations")).map((c) => (c.body as { usable?: string }).usable);
    expect(lists()).toEqual(["monetised"]);
    expect((screen.getByRole("radio", { name: "Monetised posts" }) as HTMLInputElement).checked).toBe(true);
    fireEvent.click(screen.getByRole("radio", { name: "Personal posts" }));
    await waitFor(() => expect(lists()).toEqual(["monetised", "personal"]));
    expect(localStorage.getItem("moodify.usable.local")).toBe("personal");
  });
});
