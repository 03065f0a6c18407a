import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { App } from "../App";
import { STRINGS } from "../i18n";
import { fakeApi, track } from "../music/fixtures";
import { UseInVideo } from "../music/UseInVideo";
import type { Analysis, Job } from "../types";
import { type DraftFiles, type FileShelf, keepDraft, keptDraft, restoredFiles } from "./kept";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
  location.hash = "";
});
const t = STRINGS.en;

/** IndexedDB's part, in memory (jsdom has none): what a reload of the page would find. */
function memoryShelf(): FileShelf & { kept: Map<string, DraftFiles> } {
  const kept = new Map<string, DraftFiles>();
  return {
    kept,
    put: async (account, files) =>
      void kept.set(account, { images: files.images, audio: files.audio, video: files.video }),
    take: async (account) => kept.get(account) ?? null,
    clear: async (account) => void kept.delete(account),
  };
}

const reading: Analysis = {
  id: 3,
  caption: "비 오는 날",
  created_at: "2026-11-24T00:00:00Z",
  chosen: null,
  fused: {
    label: "sadness",
    probs: { sadness: 1 } as never,
    valence: -0.5,
    arousal: -0.2,
    confidence: 0.8,
    evidence: [],
  },
  parts: [],
  timeline: [],
};

const job = (status: Job["status"], analysis: Analysis | null = null): Job => ({
  id: 9,
  kind: "analysis",
  status,
  progress: status === "done" ? 100 : 40,
  stage: "reading the photo",
  analysis_id: analysis?.id ?? null,
  error: null,
  error_code: null,
  result: null as never,
  analysis,
  created_at: "2026-11-24T00:00:00Z",
  updated_at: "2026-11-24T00:00:00Z",
});

const server = (routes: Parameters<typeof fakeApi>[0]) =>
  fakeApi({
    "GET /api/v1/auth/me": () => [200, { auth: "none", name: null }],
    "GET /api/v1/limits": () => [200, { upload_mb: 50, images: 10, audio: 3 }],
    "POST /api/v1/analyses/3/recommendations": () => [503, { error: { code: "x", message: "later" } }],
    ...routes,
  });

describe("the kept draft", () => {
  it("survives a reload: caption and files come back, and goes once the analysis is done", async () => {
    localStorage.setItem("moodify.lang", "en");
    const shelf = memoryShelf();
    Object.assign(URL, { createObjectURL: () => "blob:x", revokeObjectURL: () => {} }); // jsdom has neither
    let polls = 0;
    const api = server({
      "POST /api/v1/analyses": () => [202, job("queued")],
      "GET /api/v1/jobs/9": () => [200, ++polls < 2 ? job("running") : job("done", reading)],
    });
    vi.stubGlobal("fetch", api.fetch);
    const first = render(<App shelf={shelf} />);
    fireEvent.change(await screen.findByLabelText("Caption"), { target: { value: "비 오는 날" } });
    const photo = new File(["jpeg"], "rain.jpg", { type: "image/jpeg" });
    fireEvent.change(first.container.querySelector("#files")!, { target: { files: [photo] } });
    await waitFor(() => expect(shelf.kept.get("local")?.images).toEqual([photo]));
    first.unmount(); // the reload

    render(<App shelf={shelf} />);
    expect(((await screen.findByLabelText("Caption")) as HTMLTextAreaElement).value).toBe("비 오는 날");
    expect(await screen.findByText("rain.jpg")).toBeTruthy();

    fireEvent.click(screen.getByRole("button", { name: "Analyse" }));
    expect(await screen.findByText("The post's emotion")).toBeTruthy();
    expect(keptDraft("local")).toBeNull();
    await waitFor(() => expect(shelf.kept.size).toBe(0));
  });

  it("an edit after the reading keeps the files again: a reload does not call them lost", async () => {
    localStorage.setItem("moodify.lang", "en");
    const shelf = memoryShelf();
    Object.assign(URL, { createObjectURL: () => "blob:x", revokeObjectURL: () => {} });
    const api = server({
      "POST /api/v1/analyses": () => [202, job("queued")],
      "GET /api/v1/jobs/9": () => [200, job("done", reading)],
    });
    vi.stubGlobal("fetch", api.fetch);
    const first = render(<App shelf={shelf} />);
    fireEvent.change(await screen.findByLabelText("Caption"), { target: { value: "비 오는 날" } });
    const photo = new File(["jpeg"], "rain.jpg", { type: "image/jpeg" });
    fireEvent.change(first.container.querySelector("#files")!, { target: { files: [photo] } });
    fireEvent.click(screen.getByRole("button", { name: "Analyse" }));
    expect(await screen.findByText("The post's emotion")).toBeTruthy();
    await waitFor(() => expect(shelf.kept.size).toBe(0)); // the draft has done its work
    fireEvent.change(screen.getByRole("textbox", { name: "Caption" }), { target: { value: "비 오는 밤" } });
    await waitFor(() => expect(shelf.kept.get("local")?.images).toEqual([photo]));
    first.unmount(); // the reload
    location.hash = "";

    render(<App shelf={shelf} />);
    expect(await screen.findByText("rain.jpg")).toBeTruthy();
    expect(document.querySelector(".lost")).toBeNull(); // not said to be lost
    expect(keptDraft("local")?.caption).toBe("비 오는 밤");
  });

  it("says which files the browser did not give back", () => {
    keepDraft("kim", { caption: "hi", files: ["a.jpg", "b.mp4"] });
    const kept = keptDraft("kim")!;
    const a = new File(["x"], "a.jpg");
    expect(restoredFiles(kept, { images: [a], audio: [], video: null }).lost).toEqual(["b.mp4"]);
    expect(restoredFiles(kept, null).lost).toEqual(["a.jpg", "b.mp4"]);
    expect(keptDraft("lee")).toBeNull(); // per account
  });

  it("after a reload, follows the analysis that was under way instead of starting another", async () => {
    localStorage.setItem("moodify.lang", "en");
    keepDraft("local", { caption: "비 오는 날", files: [], jobId: 9 });
    let polls = 0;
    const api = server({ "GET /api/v1/jobs/9": () => [200, ++polls < 2 ? job("running") : job("done", reading)] });
    vi.stubGlobal("fetch", api.fetch);
    render(<App shelf={memoryShelf()} />);
    expect(await screen.findByText("Analysing: reading the photo")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Analyse" }).getAttribute("aria-busy")).toBe("true");
    expect(await screen.findByText("The post's emotion", {}, { timeout: 3000 })).toBeTruthy();
    expect(api.calls.some((c) => c.key === "POST /api/v1/analyses")).toBe(false);
    expect(keptDraft("local")).toBeNull();
  });
});

describe("nothing twice", () => {
  it("a double analyse sends one request", async () => {
    localStorage.setItem("moodify.lang", "en");
    const api = server({ "POST /api/v1/analyses": () => [201, reading] });
    vi.stubGlobal("fetch", api.fetch);
    render(<App shelf={memoryShelf()} />);
    fireEvent.change(await screen.findByLabelText("Caption"), { target: { value: "비 오는 날" } });
    const form = screen.getByLabelText("Caption").closest("form")!;
    fireEvent.submit(form); // the second arrives before React has disabled the button
    fireEvent.submit(form);
    expect(screen.getByRole("button", { name: "Analyse" }).getAttribute("aria-busy")).toBe("true");
    expect(await screen.findByText("The post's emotion")).toBeTruthy();
    expect(api.calls.filter((c) => c.key === "POST /api/v1/analyses")).toHaveLength(1);
  });

  it("a double click on Use in video fetches the track once", async () => {
    const api = fakeApi({
      "POST /api/v1/tracks/1/fetch": () => [202, { ...job("queued"), kind: "fetch" }],
      "GET /api/v1/jobs/9": () => [200, { ...job("done"), kind: "fetch" }],
    });
    vi.stubGlobal("fetch", api.fetch);
    const onToggle = vi.fn();
    render(<UseInVideo track={track()} video={{ file: null, usable: "any" }} open={false} onToggle={onToggle} t={t} />);
    const button = screen.getByRole("button", { name: "Use in video" });
    fireEvent.click(button);
    fireEvent.click(button);
    expect(button.getAttribute("aria-busy")).toBe("true");
    await waitFor(() => expect(onToggle).toHaveBeenCalledWith(true));
    expect(api.calls.filter((c) => c.key === "POST /api/v1/tracks/1/fetch")).toHaveLength(1);
    expect(onToggle).toHaveBeenCalledTimes(1);
  });
});
