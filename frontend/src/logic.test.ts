import { describe, expect, it } from "vitest";
import { recommendationBody } from "./api";
import { addFiles, emptyDraft, isEmpty, kindOf, move } from "./compose";
import { hashFor, parseHash } from "./hash";
import { savedLang, STRINGS } from "./i18n";
import { COLOURS, partName } from "./reading";
import type { Limits } from "./types";

const file = (name: string, type: string, size = 10) => new File([new Uint8Array(size)], name, { type });
const t = STRINGS.en;
// As GET /api/v1/limits answers with the default settings.
const LIMITS: Limits = {
  upload_mb: 200,
  json_mb: 2,
  images: 10,
  audio: 3,
  video: 1,
  image_megapixels: 40,
  audio_seconds: 600,
  video_megapixels: 8.3,
  video_seconds: 180,
  library_quota_mb: 5120,
};

describe("composing a post", () => {
  it("sorts files by kind, by type or by name", () => {
    expect(kindOf(file("a.jpg", "image/jpeg"))).toBe("image");
    expect(kindOf(file("IMG_1.HEIC", ""))).toBe("image");
    expect(kindOf(file("clip.mov", "video/quicktime"))).toBe("video");
    expect(kindOf(file("voice.m4a", ""))).toBe("audio");
    expect(kindOf(file("notes.txt", "text/plain"))).toBeNull();
  });

  it("keeps limits and says what it refused", () => {
    const photos = Array.from({ length: 11 }, (_, i) => file(`${i}.png`, "image/png"));
    const { draft, errors } = addFiles(emptyDraft(), [...photos, file("x.txt", "text/plain")], t, LIMITS);
    expect(draft.images).toHaveLength(10);
    expect(errors).toEqual(["At most 10 photo.", "x.txt is not a photo, video or sound file."]);
  });

  it("refuses files that are too large before uploading them", () => {
    const huge = { name: "big.mp4", type: "video/mp4", size: 300 * 1024 * 1024 } as File;
    const { draft, errors } = addFiles(emptyDraft(), [huge], t, LIMITS);
    expect(draft.video).toBeNull();
    expect(errors[0]).toContain("larger than 200 MB");
  });

  it("keeps to the server's own limits: the whole post's size and the files of each kind", () => {
    const limits = { ...LIMITS, upload_mb: 1, images: 2 };
    const mb = (name: string, size: number) => ({ name, type: "image/jpeg", size: size * 1024 * 1024 }) as File;
    const { draft, errors } = addFiles(emptyDraft(), [mb("a.jpg", 0.4), mb("b.jpg", 0.4), mb("c.jpg", 0.1)], t, limits);
    expect(draft.images.map((f) => f.name)).toEqual(["a.jpg", "b.jpg"]);
    expect(errors).toEqual(["At most 2 photo."]);
    const full = addFiles(draft, [{ name: "v.mp4", type: "video/mp4", size: 300 * 1024 } as File], t, limits);
    expect(full.errors[0]).toBe("v.mp4 would make the post larger than 1 MB, this server's limit.");
  });

  it("adds files unchecked until the server has said its limits (it checks every upload anyway)", () => {
    const photos = Array.from({ length: 11 }, (_, i) => file(`${i}.png`, "image/png"));
    const { draft, errors } = addFiles(emptyDraft(), photos, t, null);
    expect(draft.images).toHaveLength(11);
    expect(errors).toEqual([]);
  });

  it("a second video replaces the first; reordering stays in bounds", () => {
    const one = addFiles(emptyDraft(), [file("a.mp4", "video/mp4")], t, LIMITS).draft;
    const two = addFiles(one, [file("b.mp4", "video/mp4")], t, LIMITS).draft;
    expect(two.video?.name).toBe("b.mp4");
    expect(move([1, 2, 3], 0, 1)).toEqual([2, 1, 3]);
    expect(move([1, 2, 3], 0, -1)).toEqual([1, 2, 3]);
  });

  it("an empty post cannot be analysed", () => {
    expect(isEmpty({ ...emptyDraft(), caption: "   " })).toBe(true);
    expect(isEmpty({ ...emptyDraft(), caption: "hi" })).toBe(false);
  });
});

describe("addresses and requests", () => {
  it("round-trips the address of an analysis and its mode", () => {
    expect(parseHash(hashFor(12, "uplift"))).toEqual({ id: 12, mode: "uplift" });
    expect(parseHash(hashFor(3, "match"))).toEqual({ id: 3, mode: "match" });
    expect(parseHash("#/nonsense")).toEqual({ id: null, mode: "match" });
  });

  it("turns filters into the API's recommendation options", () => {
    expect(
      recommendationBody("calm", { instrumental: true, ownMusic: true, maxDuration: 180, genre: " pop " }),
    ).toEqual({ mode: "calm", limit: 10, instrumental: true, own_music: true, max_duration: 180, genres: ["pop"] });
    expect(recommendationBody("match", { instrumental: false, ownMusic: false, maxDuration: null, genre: "" })).toEqual(
      { mode: "match", limit: 10 },
    );
  });
});

describe("language", () => {
  it("remembers the choice, else follows the browser", () => {
    expect(savedLang({ getItem: () => "en" }, "ko-KR")).toBe("en");
    expect(savedLang({ getItem: () => null }, "ko-KR")).toBe("ko");
    expect(savedLang({ getItem: () => null }, "en-US")).toBe("en");
  });

  it("has every interface string in Korean too", () => {
    expect(Object.keys(STRINGS.ko).sort()).toEqual(Object.keys(STRINGS.en).sort());
    expect(STRINGS.ko.emotions.sadness).toBe("슬픔");
  });
});

describe("part names", () => {
  it("are shown in the interface language", () => {
    expect(partName("photo 2", STRINGS.ko)).toBe("사진 2");
    expect(partName("caption", STRINGS.ko)).toBe("캡션");
    expect(partName("video", STRINGS.en)).toBe("video");
    expect(partName("something else", STRINGS.ko)).toBe("something else");
  });
});

describe("colours", () => {
  const luminance = (hex: string) => {
    const [r, g, b] = [1, 3, 5]
      .map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
      .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  it("every emotion colour reads as text on white (WCAG AA, 4.5:1)", () => {
    for (const colour of Object.values(COLOURS)) {
      expect(1.05 / (luminance(colour) + 0.05)).toBeGreaterThanOrEqual(4.5);
    }
  });
});

import { heights, snapStart } from "./segment";

describe("moving the segment", () => {
  const bars = [0, 2, 4, 6, 8, 10, 12];
  it("snaps to the nearest bar start that leaves room for the video", () => {
    expect(snapStart(4.9, bars, 5, 14)).toBe(4);
    expect(snapStart(5.1, bars, 5, 14)).toBe(6);
    expect(snapStart(13, bars, 5, 14)).toBe(8); // 10 and 12 would run past the end
  });
  it("without bars, stays inside the track", () => {
    expect(snapStart(20, [], 5, 14)).toBe(9);
    expect(snapStart(-3, [], 5, 14)).toBe(0);
  });
  it("draws loudness from the floor up", () => {
    expect(heights([-50, -25, -10])).toEqual([0, 0.625, 1]);
  });
});
