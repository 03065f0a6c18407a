import { describe, expect, it } from "vitest";
import { ApiError } from "../api";
import { STRINGS } from "../i18n";
import type { Job, Notice } from "../types";
import { MUSIC } from "./messages";
import { errorText, jobErrorText, noticeText, onlineLine, stageText } from "./words";

const en = STRINGS.en,
  ko = STRINGS.ko;
const ON = { offline: false, jamendo: "on", openverse: "on" } as const;

describe("notices", () => {
  it("a shortfall says how many of how many, for what", () => {
    const notice: Notice = {
      code: "shortfall",
      asked: 10,
      found: 4,
      usable: "monetised",
      remedies: ["find_online", "import_own"],
    };
    expect(noticeText(notice, en)).toBe("Only 4 of 10 tracks may be used for monetised posts.");
    expect(noticeText(notice, ko)).toBe("10곡 중 4곡만 수익 창출 게시물에 쓸 수 있습니다.");
    expect(noticeText({ ...notice, usable: "personal" }, en)).toContain("personal posts");
    expect(noticeText({ ...notice, found: 0 }, en)).toBe("No track that fits may be used for monetised posts.");
    expect(noticeText({ ...notice, found: 0 }, ko)).toBe("어울리는 곡 중 수익 창출 게시물에 쓸 수 있는 곡이 없습니다.");
  });

  it("a failed look-up is one quiet line; a successful one says nothing unless tracks were left out", () => {
    expect(noticeText({ code: "jamendo_lookup_failed", reason: "online_failed" }, en)).toBe(
      "Jamendo could not be asked just now: the list is shown as it is.",
    );
    expect(noticeText({ code: "jamendo_looked_up", count: 6, unavailable: 0 }, en)).toBeNull();
    expect(noticeText({ code: "jamendo_looked_up", count: 6, unavailable: 1 }, en)).toBe(
      "1 track is no longer on Jamendo and was left out.",
    );
    expect(noticeText({ code: "jamendo_looked_up", count: 6, unavailable: 2 }, en)).toBe(
      "2 tracks are no longer on Jamendo and were left out.",
    );
  });

  it("names every remedy in both languages", () => {
    for (const lang of [en, ko]) {
      for (const remedy of ["set_jamendo_client_id", "enrich_jamendo", "find_online", "import_own"] as const) {
        expect(lang.tracks.remedies[remedy].length).toBeGreaterThan(10);
      }
    }
    expect(en.tracks.remedies.set_jamendo_client_id).toContain("devportal.jamendo.com");
  });
});

describe("the online line", () => {
  it("is one line when online features are off or Jamendo has no client id, else none", () => {
    expect(onlineLine(ON, en)).toBeNull();
    expect(onlineLine({ ...ON, jamendo: "no_client_id" }, en)).toMatch(
      /MOODIFY_JAMENDO_CLIENT_ID.*devportal\.jamendo\.com/,
    );
    expect(onlineLine({ offline: true, jamendo: "offline", openverse: "offline" }, en)).toContain("MOODIFY_OFFLINE");
    expect(onlineLine({ offline: true, jamendo: "offline", openverse: "offline" }, ko)).toContain("온라인 기능이 꺼져");
  });
});

describe("errors and stages", () => {
  it("known error codes get the app's words; others keep the server's message", () => {
    expect(errorText(new ApiError(409, "track 3 cannot be used ...", "non_commercial"), en)).toBe(
      "Its licence (NonCommercial) does not allow monetised posts.",
    );
    expect(errorText(new ApiError(409, "offline", "offline"), ko)).toContain("오프라인");
    expect(errorText(new ApiError(429, "slow down", "online_rate_limited"), en)).toContain("try again in a minute");
    expect(errorText(new ApiError(400, "the video length must be ...", "invalid_input"), en)).toBe(
      "the video length must be ...",
    );
  });

  it("fills an error's numbers into its words", () => {
    const full = new ApiError(413, "your library holds ...", "library_full", {
      used_mb: 4900,
      quota_mb: 5120,
      incoming_mb: 300,
    });
    expect(errorText(full, en)).toMatch(/^Your library holds 4900 MB of its 5120 MB, and these files add 300 MB\./);
    expect(errorText(full, ko)).toContain("5120 MB 중 4900 MB");
  });

  it("job stages in the interface language", () => {
    expect(stageText("downloading", ko)).toBe("내려받는 중");
    expect(stageText("added 3 of 10", ko)).toBe("10곡 중 3곡 추가");
    expect(stageText("reading photo 1", ko)).toBe("reading photo 1");
  });
});

describe("the music words", () => {
  it("are all translated: no Korean string is left in English", () => {
    const leaves = (value: unknown, path = ""): [string, unknown][] =>
      typeof value === "object" && value !== null
        ? Object.entries(value).flatMap(([k, v]) => leaves(v, `${path}.${k}`))
        : [[path, typeof value === "function" ? (value as (...a: unknown[]) => unknown)(2, 3, "x") : value]];
    const english = new Map(leaves(MUSIC.en));
    const same = leaves(MUSIC.ko)
      .filter(([path, text]) => english.get(path) === text)
      .map(([path]) => path);
    expect(same).toEqual([".services.youtube_music", ".services.spotify", ".services.apple_music"]);
  });
});

describe("jobErrorText", () => {
  const failed = (error_code: string | null, error: string | null): Job => ({
    id: 1,
    kind: "fetch",
    status: "failed",
    progress: 0,
    stage: "failed",
    analysis_id: null,
    error,
    error_code,
    result: null,
    analysis: null,
    created_at: "2026-11-24T00:00:00Z",
    updated_at: "2026-11-24T00:00:00Z",
  });

  it("says a failed job's reason in the interface language when its code is known", () => {
    expect(jobErrorText(failed("no_derivatives", "its licence (NoDerivatives)..."), STRINGS.ko)).toBe(
      STRINGS.ko.tracks.useReasons.no_derivatives,
    );
    expect(jobErrorText(failed("online_failed", "Jamendo could not be reached"), STRINGS.en)).toBe(
      STRINGS.en.tracks.errors.online_failed,
    );
  });

  it("falls back to the server's message for codes it has no words for", () => {
    expect(jobErrorText(failed("internal", "internal error (KeyError)"), STRINGS.en)).toBe("internal error (KeyError)");
    expect(jobErrorText(failed(null, null), STRINGS.en)).toBe(STRINGS.en.tracks.stages.failed);
  });
});
