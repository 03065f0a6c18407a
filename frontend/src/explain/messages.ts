// Evidence, reasons and segment choices (codes.ts) in English and Korean: one function per code,
// given the code's parameters and `f`, which formats numbers in the interface language (Intl) and
// names emotions and parts. i18n.ts puts them into the one catalogue per language as `t.explain`.
//
// Text people wrote (a caption's words, a data set's tags) is shown as it is, in quotes (f.quote).
// The Korean object is written out in full (no spread from English): a missing code is a type error.

import type { Emotion } from "../types";
import type { Evidence, PartRef, ReadingParams, ReasonParams, SegmentParams } from "./codes";

/** What a message is given to put numbers and names into words. */
export interface Fmt {
  fixed(x: number, digits: number): string; // 5.2, 0.62
  signed(x: number): string; // +0.40, -0.12 (a point on the plane)
  percent(p: number): string; // 0.87 -> 87%
  seconds(x: number, digits?: number): string; // 12.3 s, 12.3초
  whole(x: number): string; // 117, -23
  emotion(e: Emotion): string;
  part(ref: PartRef): string; // "photo 2" in the interface language
  quote(text: string): string; // “text as written”
  list(items: string[]): string;
  say(item: Evidence): string; // nested evidence
}

type Words<T> = { [C in keyof T]: (p: T[C], f: Fmt) => string };

export interface ExplainStrings {
  reading: Words<ReadingParams>;
  reasons: Words<ReasonParams>;
  segment: Words<SegmentParams>;
  musicTags: Record<string, string>; // musicnn's tags; missing ones are shown as they are
}

const CUES_EN = {
  emoji: "emoji",
  crying: "crying",
  laughing: "laughing",
  exclamation: "exclamation",
  disgust_word: "word of disgust",
  anger_slang: "angry slang",
};
const LANGUAGES_EN = { ko: "Korean", en: "English", ko_en: "Korean and English" };
const COLOUR_EN = {
  bright: "bright",
  mid: "mid-bright",
  dark: "dark",
  vivid: "vivid",
  moderate: "moderately saturated",
  muted: "muted",
  warm: "warm",
  neutral: "neutral-toned",
  cool: "cool",
};
const LOUDNESS_EN = { loud: "loud", moderate: "moderate volume", soft: "soft" };
const PACE_EN = { fast: "fast", even: "even pace", slow: "slow" };
const QUADRANTS_EN = {
  Q1: "positive, energetic",
  Q2: "negative, energetic",
  Q3: "negative, calm",
  Q4: "positive, calm",
};
const TARGET_EN = { match: "post", uplift: "lift-up target", calm: "calm-down target" };
const va = (p: { valence: number; arousal: number }, f: Fmt, v = "valence", a = "arousal") =>
  `${v} ${f.signed(p.valence)}, ${a} ${f.signed(p.arousal)}`;

/** A part in short: its strongest evidence, named by the part unless it names itself, and its
 * verdict unless that evidence gave the same one. */
function part(p: ReadingParams["part"], f: Fmt): string {
  const name = f.part(p);
  const said = p.evidence ? f.say(p.evidence) : "";
  let line = !said ? name : said.toLowerCase().startsWith(name.toLowerCase()) ? said : `${name}: ${said}`;
  const sameVerdict = p.evidence && (p.evidence.params as { emotion?: string }).emotion === p.emotion;
  if (!sameVerdict) line += ` → ${f.emotion(p.emotion)} ${f.percent(p.probability)}`;
  return line;
}

const en: ExplainStrings = {
  reading: {
    text: (p) => p.text,
    asked_emotion: (p, f) => `Asked for ${f.emotion(p.emotion)}`,
    asked_point: (p, f) => `Asked for ${va(p, f)}`,
    caption: (p, f) => `Caption ${f.quote(p.snippet)} reads ${f.emotion(p.emotion)} (${f.percent(p.probability)})`,
    cue: (p, f) => `${CUES_EN[p.cue] ?? p.cue} ${f.quote(p.sign)} → ${f.emotion(p.emotion)}`,
    shouting: () => "Written loudly (!!! or capitals): more arousal",
    language: (p) =>
      `Read as ${LANGUAGES_EN[p.language] ?? p.language}` + (p.chunks > 1 ? `, in ${p.chunks} parts` : ""),
    no_faces: () => "No faces found",
    faces: (p, f) =>
      `${p.count} ${p.count === 1 ? "face" : "faces"}: ` +
      f.list(p.faces.map((x) => `${f.emotion(x.emotion)} ${f.percent(x.probability)}`)),
    no_clip: () => "CLIP is not installed, so the whole photo is read from its colour and light",
    clip: (p, f) => `Whole photo (CLIP): ${f.emotion(p.emotion)} ${f.percent(p.probability)}`,
    colour: (p, f) =>
      `Colour and light: ${f.list([COLOUR_EN[p.light], COLOUR_EN[p.saturation], COLOUR_EN[p.tone]])} → ${va(p, f)}`,
    near_silence: () => "Near silence: read as calm",
    voice: (p, f) =>
      `Voice, ${f.seconds(p.seconds)} (its tone, not its words): ${p.pitch_range} pitch range, ` +
      `${LOUDNESS_EN[p.loudness]}, ${PACE_EN[p.pace]} → arousal ${f.signed(p.arousal)}`,
    music: (p, f) =>
      `Music and other sound, ${f.seconds(p.seconds)}: tagged ${f.list(p.tags)}; mood tags ` +
      f.list(p.mood_tags.map((m) => `${m.tag} ${f.percent(m.probability)}`)) +
      `; ${f.whole(p.tempo)} BPM, ${p.key} ${p.mode}, ${f.whole(p.loudness_db)} dBFS → ${va(p, f)}`,
    frames: (p, f) =>
      `${p.frames} frames over ${f.seconds(p.seconds, 0)}, ${p.with_faces} with faces: ` +
      `mostly ${f.emotion(p.emotion)} (${p.count} of ${p.frames})`,
    mood_shift: (p, f) => `From ${f.seconds(p.time, 0)}: ${f.emotion(p.emotion)}`,
    no_sound_track: () => "No sound track",
    sound_track: (p, f) => `Sound track: ${f.say(p.evidence)}`,
    part,
    disagree: (p, f) =>
      `${f.part(p.a)} reads ${f.emotion(p.a.emotion)} (valence ${f.signed(p.a.valence)}) but ` +
      `${f.part(p.b)} reads ${f.emotion(p.b.emotion)} (${f.signed(p.b.valence)})`,
    fused: (p, f) =>
      `Mostly ${f.emotion(p.emotion)}` +
      (p.others.length ? `, with ${f.list(p.others.map((o) => `${f.emotion(o.emotion)} ${f.part(o)}`))}` : ""),
  },
  reasons: {
    deam_rating: (p, f) =>
      `DEAM listeners rated it valence ${f.fixed(p.valence, 1)}/9, arousal ${f.fixed(p.arousal, 1)}/9`,
    pmemo_rating: (p, f) =>
      `PMEmo listeners rated it valence ${f.fixed(p.valence, 2)}, arousal ${f.fixed(p.arousal, 2)} (0–1)`,
    quadrant: (p, f) =>
      `4Q quadrant ${p.quadrant} (${QUADRANTS_EN[p.quadrant] ?? "?"}); AllMusic moods ${f.list(p.moods.map(f.quote))}`,
    film_rating: (p, f) =>
      `Film-music listeners rated it ${p.scale} ${f.fixed(p.rating, 1)}/9, valence ${f.fixed(p.valence, 1)}/9, ` +
      `energy ${f.fixed(p.energy, 1)}/9`,
    tags: (p, f) => `Tags ${f.list(p.tags.map(f.quote))}`,
    rated_point: (p, f) => `Rated ${va(p, f)}`,
    point_vs_target: (p, f) => {
      const against = TARGET_EN[p.mode] ?? p.mode;
      return (
        `Valence ${f.signed(p.valence)} vs ${against} ${f.signed(p.target_valence)}, ` +
        `arousal ${f.signed(p.arousal)} vs ${f.signed(p.target_arousal)}`
      );
    },
    reads_as: (p, f) => `Reads ${f.emotion(p.emotion)} (the post: ${f.emotion(p.post_emotion)})`,
    caption_fit: (p, f) => `Its tags and title fit the caption (${f.percent(p.score)})`,
    like_liked: (p, f) => `Like tracks you liked: ${f.list(p.features.map((x) => f.quote(x.value)))}`,
  },
  // clauses: the app lists a segment's reasons after a hint, joined by semicolons
  segment: {
    whole_track: (p, f) =>
      `the track (${f.seconds(p.duration, 0)}) is not longer than the video (${f.seconds(p.video, 0)}): ` +
      "it plays from its first beat",
    starts_on: (p, f) => `starts on a ${p.aligned_to} at ${f.seconds(p.time)}`,
    loudness: (p, f) =>
      `${f.whole(p.db)} dBFS there against ${f.whole(p.mean_db)} on average` +
      (p.loudest ? " (the loudest stretch)" : ""),
    segment_mood: (p, f) =>
      `its mood (${va(p, f)}) against the post's (${f.signed(p.target_valence)}, ${f.signed(p.target_arousal)})`,
  },
  musicTags: {},
};

const CUES_KO = {
  emoji: "이모지",
  crying: "우는 표시",
  laughing: "웃음 표시",
  exclamation: "감탄사",
  disgust_word: "혐오 표현",
  anger_slang: "분노 표현",
};
const LANGUAGES_KO = { ko: "한국어", en: "영어", ko_en: "한국어와 영어" };
const COLOUR_KO = {
  bright: "밝음",
  mid: "중간 밝기",
  dark: "어두움",
  vivid: "선명한 색",
  moderate: "보통 채도",
  muted: "차분한 색",
  warm: "따뜻한 톤",
  neutral: "중간 톤",
  cool: "차가운 톤",
};
const PITCH_KO = { wide: "넓은 음역", moderate: "보통 음역", narrow: "좁은 음역" };
const LOUDNESS_KO = { loud: "큰 소리", moderate: "보통 크기", soft: "작은 소리" };
const PACE_KO = { fast: "빠름", even: "보통 빠르기", slow: "느림" };
const QUADRANTS_KO = {
  Q1: "긍정적, 활기참",
  Q2: "부정적, 활기참",
  Q3: "부정적, 차분함",
  Q4: "긍정적, 차분함",
};
const SCALES_KO = { happy: "행복", sad: "슬픔", anger: "분노", fear: "공포", tender: "다정함" };
const TARGET_KO = { match: "게시물", uplift: "기분 올리기 목표", calm: "차분하게 목표" };
const ALIGNED_KO = { bar: "마디 시작", beat: "박", second: "초 단위" };
const MODES_KO = { major: "장조", minor: "단조" };
const vaKo = (p: { valence: number; arousal: number }, f: Fmt) => va(p, f, "정서가", "각성도");

const ko: ExplainStrings = {
  reading: {
    text: (p) => p.text,
    asked_emotion: (p, f) => `요청한 감정: ${f.emotion(p.emotion)}`,
    asked_point: (p, f) => `요청한 위치: ${vaKo(p, f)}`,
    caption: (p, f) => `캡션 ${f.quote(p.snippet)}: ${f.emotion(p.emotion)} (${f.percent(p.probability)})`,
    cue: (p, f) => `${CUES_KO[p.cue] ?? p.cue} ${f.quote(p.sign)} → ${f.emotion(p.emotion)}`,
    shouting: () => "크게 쓴 글 (!!! 또는 대문자): 각성도를 높임",
    language: (p) =>
      `${LANGUAGES_KO[p.language] ?? p.language}로 읽음` + (p.chunks > 1 ? `, ${p.chunks}부분으로 나눠서` : ""),
    no_faces: () => "얼굴을 찾지 못함",
    faces: (p, f) =>
      `얼굴 ${p.count}개: ` + f.list(p.faces.map((x) => `${f.emotion(x.emotion)} ${f.percent(x.probability)}`)),
    no_clip: () => "CLIP 모델이 설치되지 않아 사진 전체는 색과 밝기로 읽었습니다",
    clip: (p, f) => `사진 전체 (CLIP): ${f.emotion(p.emotion)} ${f.percent(p.probability)}`,
    colour: (p, f) =>
      `색과 밝기: ${f.list([COLOUR_KO[p.light], COLOUR_KO[p.saturation], COLOUR_KO[p.tone]])} → ${vaKo(p, f)}`,
    near_silence: () => "거의 소리 없음: 차분함으로 읽음",
    voice: (p, f) =>
      `목소리 ${f.seconds(p.seconds)} (말의 내용이 아닌 억양): ` +
      `${f.list([PITCH_KO[p.pitch_range], LOUDNESS_KO[p.loudness], PACE_KO[p.pace]])}` +
      ` → 각성도 ${f.signed(p.arousal)}`,
    music: (p, f) => {
      const tag = (name: string) => ko.musicTags[name] ?? f.quote(name);
      return (
        `음악과 기타 소리 ${f.seconds(p.seconds)}: 태그 ${f.list(p.tags.map(tag))}; 분위기 태그 ` +
        f.list(p.mood_tags.map((m) => `${tag(m.tag)} ${f.percent(m.probability)}`)) +
        `; ${f.whole(p.tempo)} BPM, ${p.key} ${MODES_KO[p.mode] ?? p.mode}, ${f.whole(p.loudness_db)} dBFS → ${vaKo(p, f)}`
      );
    },
    frames: (p, f) =>
      `${f.seconds(p.seconds, 0)} 동안 프레임 ${p.frames}개, 얼굴이 있는 프레임 ${p.with_faces}개: ` +
      `주로 ${f.emotion(p.emotion)} (${p.frames}개 중 ${p.count}개)`,
    mood_shift: (p, f) => `${f.seconds(p.time, 0)}부터: ${f.emotion(p.emotion)}`,
    no_sound_track: () => "소리 트랙 없음",
    sound_track: (p, f) => `소리 트랙: ${f.say(p.evidence)}`,
    part,
    disagree: (p, f) =>
      `${f.part(p.a)}에서는 ${f.emotion(p.a.emotion)} (정서가 ${f.signed(p.a.valence)}), ` +
      `${f.part(p.b)}에서는 ${f.emotion(p.b.emotion)} (정서가 ${f.signed(p.b.valence)})`,
    fused: (p, f) =>
      `주로 ${f.emotion(p.emotion)}` +
      (p.others.length ? `, 다른 부분: ${f.list(p.others.map((o) => `${f.part(o)} ${f.emotion(o.emotion)}`))}` : ""),
  },
  reasons: {
    deam_rating: (p, f) => `DEAM 청취자 평가: 정서가 ${f.fixed(p.valence, 1)}/9, 각성도 ${f.fixed(p.arousal, 1)}/9`,
    pmemo_rating: (p, f) => `PMEmo 청취자 평가: 정서가 ${f.fixed(p.valence, 2)}, 각성도 ${f.fixed(p.arousal, 2)} (0–1)`,
    quadrant: (p, f) =>
      `4Q 사분면 ${p.quadrant} (${QUADRANTS_KO[p.quadrant] ?? "?"}); AllMusic 분위기 ${f.list(p.moods.map(f.quote))}`,
    film_rating: (p, f) =>
      `영화음악 청취자 평가: ${SCALES_KO[p.scale] ?? p.scale} ${f.fixed(p.rating, 1)}/9, ` +
      `정서가 ${f.fixed(p.valence, 1)}/9, 에너지 ${f.fixed(p.energy, 1)}/9`,
    tags: (p, f) => `태그 ${f.list(p.tags.map(f.quote))}`,
    rated_point: (p, f) => `평가된 위치: ${vaKo(p, f)}`,
    point_vs_target: (p, f) => {
      const against = TARGET_KO[p.mode] ?? p.mode;
      return (
        `정서가 ${f.signed(p.valence)} (${against} ${f.signed(p.target_valence)}), ` +
        `각성도 ${f.signed(p.arousal)} (${against} ${f.signed(p.target_arousal)})`
      );
    },
    reads_as: (p, f) => `곡의 감정: ${f.emotion(p.emotion)} (게시물: ${f.emotion(p.post_emotion)})`,
    caption_fit: (p, f) => `태그와 제목이 캡션과 어울림 (${f.percent(p.score)})`,
    like_liked: (p, f) => `좋아요 한 곡과 비슷함: ${f.list(p.features.map((x) => f.quote(x.value)))}`,
  },
  segment: {
    whole_track: (p, f) =>
      `곡(${f.seconds(p.duration, 0)})이 영상(${f.seconds(p.video, 0)})보다 길지 않아 첫 박부터 재생합니다`,
    starts_on: (p, f) => `${f.seconds(p.time)}에서 시작 (${ALIGNED_KO[p.aligned_to] ?? p.aligned_to})`,
    loudness: (p, f) =>
      `이 부분 ${f.whole(p.db)} dBFS, 곡 평균 ${f.whole(p.mean_db)} dBFS` + (p.loudest ? " (가장 큰 부분)" : ""),
    segment_mood: (p, f) =>
      `이 부분의 분위기 (${vaKo(p, f)}), 게시물 (${f.signed(p.target_valence)}, ${f.signed(p.target_arousal)})`,
  },
  musicTags: {
    rock: "록",
    pop: "팝",
    alternative: "얼터너티브",
    indie: "인디",
    electronic: "일렉트로닉",
    "female vocalists": "여성 보컬",
    dance: "댄스",
    "00s": "2000년대",
    "alternative rock": "얼터너티브 록",
    jazz: "재즈",
    beautiful: "아름다운",
    metal: "메탈",
    chillout: "칠아웃",
    "male vocalists": "남성 보컬",
    "classic rock": "클래식 록",
    soul: "소울",
    "indie rock": "인디 록",
    Mellow: "부드러운",
    electronica: "일렉트로니카",
    "80s": "1980년대",
    folk: "포크",
    "90s": "1990년대",
    chill: "칠",
    instrumental: "연주곡",
    punk: "펑크",
    oldies: "올디스",
    blues: "블루스",
    "hard rock": "하드 록",
    ambient: "앰비언트",
    acoustic: "어쿠스틱",
    experimental: "실험적",
    "female vocalist": "여성 보컬",
    guitar: "기타",
    "Hip-Hop": "힙합",
    "70s": "1970년대",
    party: "파티",
    country: "컨트리",
    "easy listening": "이지 리스닝",
    sexy: "섹시한",
    catchy: "귀에 감기는",
    funk: "훵크",
    electro: "일렉트로",
    "heavy metal": "헤비 메탈",
    "Progressive rock": "프로그레시브 록",
    "60s": "1960년대",
    rnb: "알앤비",
    "indie pop": "인디 팝",
    sad: "슬픈",
    House: "하우스",
    happy: "행복한",
  },
};

export const EXPLAIN = { en, ko };
