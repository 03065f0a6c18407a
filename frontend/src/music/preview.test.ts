import { describe, expect, it } from "vitest";
import { POPULAR, track } from "./fixtures";
import { clock, noPreviewReason, previewStart } from "./preview";

const ON = { offline: false, jamendo: "on", openverse: "on" } as const;

describe("the preview start", () => {
  const chorus = { start: 49.2, end: 64.2, basis: "estimated" } as const;
  it("starts at the suggested segment", () => {
    expect(previewStart(chorus, 200)).toBe(49.2);
    expect(previewStart(chorus, NaN)).toBe(49.2); // length not known yet
    expect(previewStart(chorus, Infinity)).toBe(49.2); // a stream
  });
  it("at the beginning without a segment, or when the audio is shorter than the suggestion", () => {
    expect(previewStart(null, 200)).toBe(0);
    expect(previewStart(undefined, 200)).toBe(0);
    expect(previewStart(chorus, 30)).toBe(0); // a 30 s sample, not the whole track
    expect(previewStart(chorus, 50)).toBe(0); // less than a second left
  });
  it("shows minutes and seconds", () => {
    expect(clock(49.2)).toBe("0:49");
    expect(clock(76)).toBe("1:16");
  });
});

describe("no preview", () => {
  it("says why", () => {
    expect(noPreviewReason(track(POPULAR), ON)).toBe("platform");
    expect(noPreviewReason(track({ available: false }), ON)).toBe("unavailable");
    expect(noPreviewReason(track(), { offline: true, jamendo: "offline", openverse: "offline" })).toBe("offline");
    expect(noPreviewReason(track(), { ...ON, jamendo: "no_client_id" })).toBe("no_client_id");
    expect(noPreviewReason(track({ source: "deam" }), ON)).toBe("none");
  });
});
