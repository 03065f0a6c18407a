import { describe, expect, it } from "vitest";
import { STRINGS } from "../i18n";
import { CC, POPULAR, track } from "./fixtures";
import { creditToOffer, licenceBadge, TONES } from "./licence";

const en = STRINGS.en,
  ko = STRINGS.ko;
const badge = (more: Parameters<typeof track>[0], t = en) => licenceBadge(track(more), t);

describe("the licence badge", () => {
  it("says what each Creative Commons licence allows, and what it asks", () => {
    expect(badge({ licence: CC("CC BY 4.0") })).toEqual({
      tone: "ok",
      label: "OK for monetised posts",
      notes: ["credit needed"],
    });
    expect(badge({ licence: CC("CC BY-SA 3.0") })).toEqual({
      tone: "ok",
      label: "OK for monetised posts",
      notes: ["credit needed", "share alike"],
    });
    expect(badge({ licence: CC("CC BY-NC 3.0") })).toEqual({
      tone: "personal",
      label: "Personal posts only (NonCommercial)",
      notes: ["credit needed"],
    });
    expect(badge({ licence: CC("CC BY-NC-SA 2.0") })).toEqual({
      tone: "personal",
      label: "Personal posts only (NonCommercial)",
      notes: ["credit needed", "share alike"],
    });
    expect(badge({ licence: CC("CC0 1.0") })).toEqual({ tone: "ok", label: "OK for monetised posts", notes: [] });
  });

  it("NoDerivatives wins over everything else: not in a video, whatever else it allows", () => {
    for (const code of ["CC BY-ND 4.0", "CC BY-NC-ND 2.5"]) {
      expect(
        badge({ licence: CC(code), use: { video: false, reason: "no_derivatives", needs_download: false } }),
      ).toEqual({ tone: "no", label: "Not in a video (NoDerivatives)", notes: [] });
    }
  });

  it("tells a licence not looked up yet from one nobody knows", () => {
    const unstated = { ...CC("x"), code: null, url: null, commercial_use: null, video_sync: null, attribution: null };
    expect(
      badge({ licence: unstated, use: { video: false, reason: "licence_not_checked", needs_download: false } }).label,
    ).toBe("Licence not checked yet");
    expect(
      badge({
        source: "deam",
        licence: unstated,
        use: { video: false, reason: "licence_unknown", needs_download: false },
      }).label,
    ).toBe("Licence unknown");
    expect(
      badge({
        source: "other",
        licence: { ...unstated, kind: "unknown" },
        use: { video: false, reason: "licence_unknown", needs_download: false },
      }).label,
    ).toBe("Licence unknown");
  });

  it("popular songs and your own files", () => {
    expect(badge(POPULAR)).toEqual({ tone: "platform", label: "Popular song", notes: [] });
    const own = {
      kind: "own" as const,
      code: null,
      url: null,
      commercial_use: null,
      video_sync: null,
      attribution: null,
      share_alike: false,
    };
    expect(badge({ source: "user", licence: own })).toEqual({ tone: "own", label: "Your music", notes: [] });
    expect(badge({ source: "user", licence: { ...CC("CC BY-NC 4.0"), kind: "own" } }).notes).toEqual([
      "your file's licence says NonCommercial",
      "credit needed",
    ]);
  });

  it("speaks Korean", () => {
    expect(badge({ licence: CC("CC BY 4.0") }, ko)).toEqual({
      tone: "ok",
      label: "수익 창출 게시물에도 사용 가능",
      notes: ["출처 표시 필요"],
    });
    expect(badge({ licence: CC("CC BY-NC-SA 3.0") }, ko).label).toBe("개인 게시물만 (비영리)");
    expect(badge({ licence: CC("CC BY-ND 4.0") }, ko).label).toBe("영상에 사용 불가 (변경금지)");
    expect(badge(POPULAR, ko).label).toBe("인기곡");
  });

  it("offers the credit line only where the track may go into a video", () => {
    expect(creditToOffer(track({ licence: CC("CC BY-SA 4.0") }))).toContain("licensed under CC BY-SA 4.0");
    expect(creditToOffer(track({ licence: CC("CC BY-ND 4.0") }))).toBeNull();
    expect(creditToOffer(track({ licence: CC("CC0 1.0") }))).toBeNull();
  });
});

describe("badge colours", () => {
  const luminance = (hex: string) => {
    const [r, g, b] = [1, 3, 5]
      .map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
      .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  it("every badge's text reads on its own background (WCAG AA, 4.5:1)", () => {
    for (const { ink, bg } of Object.values(TONES)) {
      const [light, dark] = [luminance(bg), luminance(ink)].sort((a, b) => b - a);
      expect((light + 0.05) / (dark + 0.05)).toBeGreaterThanOrEqual(4.5);
    }
  });
});
