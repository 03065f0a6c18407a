import { cleanup, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { App } from "../App";
import { STRINGS } from "../i18n";
import { fakeApi } from "../music/fixtures";
import { type DraftFiles, type FileShelf, keepDraft, keptDraft } from "./kept";
import { arrival, type SharedInbox, type SharedPost, sharedDraft, sharedPost } from "./shared";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
  history.replaceState(null, "", "/");
});
const t = STRINGS.en;

const photo = () => new File(["jpeg"], "sea.jpg", { type: "image/jpeg" });
const clip = () => new File(["mp4"], "waves.mp4", { type: "video/mp4" });

describe("a share's form", () => {
  it("gives its title, text and link as the caption, each once, and its files", () => {
    const form = new FormData();
    form.set("title", "Beach day");
    form.set("text", "오늘 바다 🌊 https://example.org/p/1");
    form.set("url", "https://example.org/p/1"); // apps often repeat the link inside the text
    form.append("files", photo());
    form.append("files", clip());
    const post = sharedPost(form);
    expect(post.caption).toBe("Beach day\n오늘 바다 🌊 https://example.org/p/1");
    expect(post.files.map((f) => f.name)).toEqual(["sea.jpg", "waves.mp4"]);
  });

  it("without text or files is an empty post, not an error", () => {
    const form = new FormData();
    form.set("text", "   ");
    form.append("files", new File([], "")); // what a browser sends for "no file"
    expect(sharedPost(form)).toEqual({ caption: "", files: [] });
  });

  it("becomes a draft like chosen files: each kind in its place, what cannot go in said", () => {
    const doc = new File(["%PDF"], "notes.pdf", { type: "application/pdf" });
    const song = new File(["ogg"], "hum.ogg", { type: "audio/ogg" });
    const { draft, errors } = sharedDraft({ caption: "바다", files: [photo(), clip(), song, doc] }, t, null);
    expect(draft.caption).toBe("바다");
    expect(draft.images.map((f) => f.name)).toEqual(["sea.jpg"]);
    expect(draft.video?.name).toBe("waves.mp4");
    expect(draft.audio.map((f) => f.name)).toEqual(["hum.ogg"]);
    expect(errors).toEqual([t.wrongType("notes.pdf")]);
  });

  it("is announced by the worker's redirect, kept or not", () => {
    expect(arrival("?shared=1")).toBe("kept");
    expect(arrival("?shared=0")).toBe("lost");
    expect(arrival("")).toBeNull();
  });
});

function memoryShelf(): FileShelf & { kept: Map<string, DraftFiles> } {
  const kept = new Map<string, DraftFiles>();
  return {
    kept,
    put: async (account, files) => void kept.set(account, files),
    take: async (account) => kept.get(account) ?? null,
    clear: async (account) => void kept.delete(account),
  };
}

const memoryInbox = (post: SharedPost | null): SharedInbox & { post: SharedPost | null } => ({
  post,
  async put(p) {
    this.post = p;
  },
  async take() {
    const p = this.post;
    this.post = null;
    return p;
  },
});

const server = () =>
  fakeApi({
    "GET /api/v1/auth/me": () => [200, { auth: "none", name: null }],
    "GET /api/v1/limits": () => [200, { upload_mb: 50, images: 10, audio: 3 }],
  });

describe("the app after a share", () => {
  it("opens the compose step with the shared files and text as a new, kept draft", async () => {
    localStorage.setItem("moodify.lang", "en");
    keepDraft("local", { caption: "an older draft", jobId: 4 });
    Object.assign(URL, { createObjectURL: () => "blob:x", revokeObjectURL: () => {} });
    const api = server();
    vi.stubGlobal("fetch", api.fetch);
    history.replaceState(null, "", "/?shared=1");
    const inbox = memoryInbox({ caption: "오늘 바다 🌊", files: [photo()] });
    const shelf = memoryShelf();
    render(<App shelf={shelf} inbox={inbox} />);
    expect(await screen.findByText("sea.jpg")).toBeTruthy();
    expect((screen.getByLabelText("Caption") as HTMLTextAreaElement).value).toBe("오늘 바다 🌊");
    expect(keptDraft("local")).toMatchObject({ caption: "오늘 바다 🌊", files: ["sea.jpg"], jobId: null });
    await waitFor(() => expect(shelf.kept.get("local")?.images.map((f) => f.name)).toEqual(["sea.jpg"]));
    expect(inbox.post).toBeNull(); // taken once
    expect(location.search).toBe(""); // a reload opens the kept draft, not the share again
    expect(api.calls.some((c) => c.key.startsWith("GET /api/v1/jobs/"))).toBe(false); // the old draft's job
  });

  it("says so when the browser could not keep the share", async () => {
    localStorage.setItem("moodify.lang", "en");
    vi.stubGlobal("fetch", server().fetch);
    history.replaceState(null, "", "/?shared=0");
    render(<App shelf={memoryShelf()} inbox={memoryInbox(null)} />);
    expect((await screen.findByRole("alert")).textContent).toBe(t.shareNotKept);
  });
});
