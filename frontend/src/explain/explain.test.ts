import { describe, expect, it } from "vitest";
import { STRINGS } from "../i18n";
import type { Coded, Evidence, ReadingParams, Reason, ReasonParams, SegmentParams, SegmentReason } from "./codes";
import { EXPLAIN } from "./messages";
import { evidenceText, reasonText, segmentText } from "./words";

const en = STRINGS.en,
  ko = STRINGS.ko;

// One sample of every code (a missing one is a type error), as the API sends them.
const READING: ReadingParams = {
  text: { text: "caption: '보고 싶다' → sadness (슬픔) 0.91" },
  asked_emotion: { emotion: "sadness" },
  asked_point: { valence: -0.5, arousal: 0.25 },
  caption: { snippet: "보고 싶다 ㅠㅠ so sad", emotion: "sadness", probability: 0.9123 },
  cue: { cue: "laughing", sign: "lol", emotion: "happiness" },
  shouting: {},
  language: { language: "ko_en", chunks: 3 },
  no_faces: {},
  faces: {
    count: 2,
    faces: [
      { emotion: "happiness", probability: 0.97 },
      { emotion: "neutral", probability: 0.6 },
    ],
  },
  no_clip: {},
  clip: { emotion: "happiness", probability: 0.55 },
  colour: { light: "mid", saturation: "moderate", tone: "warm", valence: 0.15, arousal: -0.06 },
  near_silence: {},
  voice: { seconds: 3.2, pitch_range: "moderate", loudness: "moderate", pace: "fast", arousal: 0.4 },
  music: {
    seconds: 4,
    tags: ["electronic", "female vocalists", "Hip-Hop"],
    mood_tags: [
      { tag: "ambient", probability: 0.11 },
      { tag: "Mellow", probability: 0.07 },
    ],
    tempo: 117.45,
    key: "C#",
    mode: "minor",
    loudness_db: -23.2,
    valence: 0.49,
    arousal: -0.34,
  },
  frames: { frames: 6, seconds: 5.04, with_faces: 3, emotion: "happiness", count: 3 },
  mood_shift: { time: 2.5, emotion: "neutral" },
  no_sound_track: {},
  sound_track: {
    evidence: {
      code: "voice",
      params: { seconds: 2, pitch_range: "wide", loudness: "soft", pace: "slow", arousal: -0.2 },
    },
  },
  part: {
    part: "photo 1",
    kind: "image",
    emotion: "happiness",
    probability: 0.88,
    evidence: { code: "faces", params: { count: 1, faces: [{ emotion: "happiness", probability: 1 }] } },
  },
  disagree: {
    a: { part: "caption", kind: "text", emotion: "sadness", valence: -0.59 },
    b: { part: "sound 1", kind: "audio", emotion: "neutral", valence: 0.49 },
  },
  fused: { emotion: "sadness", others: [{ part: "video", kind: "video", emotion: "happiness" }] },
};

const REASONS: ReasonParams = {
  deam_rating: { valence: 5.2, arousal: 4.1 },
  pmemo_rating: { valence: 0.62, arousal: 0.45 },
  quadrant: { quadrant: "Q3", moods: ["Melancholy", "Brooding"] },
  film_rating: { scale: "tender", rating: 7.2, valence: 3.1, energy: 4 },
  tags: { tags: ["sad", "piano"] },
  rated_point: { valence: 0.4, arousal: -0.2 },
  point_vs_target: { valence: 0.4, arousal: -0.2, target_valence: 0.87, target_arousal: 0.38, mode: "uplift" },
  reads_as: { emotion: "happiness", post_emotion: "sadness" },
  caption_fit: { score: 0.75 },
  like_liked: { features: [{ kind: "instrument", value: "piano" }] },
};

const SEGMENT: SegmentParams = {
  whole_track: { duration: 30, video: 45 },
  starts_on: { aligned_to: "bar", time: 12.3 },
  loudness: { db: -12.2, mean_db: -18, loudest: true },
  segment_mood: { valence: 0.4, arousal: 0.2, target_valence: 0.3, target_arousal: 0.1 },
};

const items = <T extends object>(params: T) =>
  Object.entries(params).map(([code, p]) => ({ code, params: p }) as Coded);
const evidence = items(READING) as Evidence[];
const reasons = items(REASONS) as Reason[];
const segment = items(SEGMENT) as SegmentReason[];

// Proper names and units a Korean sentence keeps as they are.
const KEPT = new Set(["CLIP", "BPM", "dBFS", "DEAM", "PMEmo", "AllMusic"]);

/** English words in a line, once text in quotes (what people or data sets wrote) is taken out. */
function englishWords(line: string): string[] {
  return (line.replace(/“[^”]*”/g, "").match(/[A-Za-z]{2,}/g) ?? []).filter((word) => !KEPT.has(word));
}

describe("explanations", () => {
  it("every code has words in English and in Korean, and they differ", () => {
    for (const kind of ["reading", "reasons", "segment"] as const) {
      expect(Object.keys(EXPLAIN.ko[kind]).sort()).toEqual(Object.keys(EXPLAIN.en[kind]).sort());
    }
    expect(Object.keys(EXPLAIN.en.reading).sort()).toEqual(Object.keys(READING).sort());
    expect(Object.keys(EXPLAIN.en.reasons).sort()).toEqual(Object.keys(REASONS).sort());
    expect(Object.keys(EXPLAIN.en.segment).sort()).toEqual(Object.keys(SEGMENT).sort());
    const said = [
      ...evidence.map((e) => [e.code, evidenceText(e, en), evidenceText(e, ko)]),
      ...reasons.map((r) => [r.code, reasonText(r, en), reasonText(r, ko)]),
      ...segment.map((s) => [s.code, segmentText(s, en), segmentText(s, ko)]),
    ];
    for (const [code, english, korean] of said) {
      expect(english, code).toBeTruthy();
      expect(korean, code).toBeTruthy();
      if (code !== "text") expect(korean, code).not.toBe(english);
    }
  });

  it("a Korean reading and Korean reasons have no English words outside quoted text", () => {
    const lines = [
      ...evidence.filter((e) => e.code !== "text").map((e) => evidenceText(e, ko)),
      ...reasons.map((r) => reasonText(r, ko)),
      ...segment.map((s) => segmentText(s, ko)),
    ];
    expect(lines.flatMap((line) => englishWords(line).map((word) => `${word} in: ${line}`))).toEqual([]);
  });

  it("puts numbers, emotions and parts into the interface language", () => {
    const caption = { code: "caption", params: READING.caption } as Evidence;
    expect(evidenceText(caption, en)).toBe("Caption “보고 싶다 ㅠㅠ so sad” reads sad (91%)");
    expect(evidenceText(caption, ko)).toBe("캡션 “보고 싶다 ㅠㅠ so sad”: 슬픔 (91%)");
    const disagree = { code: "disagree", params: READING.disagree } as Evidence;
    expect(evidenceText(disagree, en)).toBe("caption reads sad (valence -0.59) but sound 1 reads neutral (+0.49)");
    expect(evidenceText(disagree, ko)).toBe("캡션에서는 슬픔 (정서가 -0.59), 소리 1에서는 중립 (정서가 +0.49)");
    const music = { code: "music", params: READING.music } as Evidence;
    expect(evidenceText(music, ko)).toBe(
      "음악과 기타 소리 4.0초: 태그 일렉트로닉, 여성 보컬, 힙합; 분위기 태그 앰비언트 11%, 부드러운 7%; " +
        "117 BPM, C# 단조, -23 dBFS → 정서가 +0.49, 각성도 -0.34",
    );
    const part = { code: "part", params: READING.part } as Evidence;
    expect(evidenceText(part, ko)).toBe("사진 1: 얼굴 1개: 행복 100% → 행복 88%");
    expect(reasonText({ code: "deam_rating", params: REASONS.deam_rating }, en)).toBe(
      "DEAM listeners rated it valence 5.2/9, arousal 4.1/9",
    );
    expect(reasonText({ code: "point_vs_target", params: REASONS.point_vs_target }, ko)).toBe(
      "정서가 +0.40 (기분 올리기 목표 +0.87), 각성도 -0.20 (기분 올리기 목표 +0.38)",
    );
    expect(segmentText({ code: "starts_on", params: SEGMENT.starts_on }, ko)).toBe("12.3초에서 시작 (마디 시작)");
  });

  it("shows a sentence stored before codes as it is, and names a code it does not know", () => {
    const old = { code: "text", params: { text: "read as Korean" } } as Evidence;
    expect(evidenceText(old, ko)).toBe("read as Korean");
    expect(evidenceText({ code: "from_the_future", params: {} } as unknown as Evidence, ko)).toBe("from_the_future");
  });
});
