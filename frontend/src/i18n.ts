// Interface text in English and Korean. The choice is remembered in localStorage.

import { EXPLAIN } from "./explain/messages";
import { MUSIC } from "./music/messages";
import type { Emotion, Mode } from "./types";

export type Lang = "en" | "ko";
const KEY = "moodify.lang";

/** 12.3 in the language's digits and decimal sign. */
const oneDecimal = (locale: string, x: number) =>
  new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(x);

const en = {
  locale: "en", // numbers (Intl) are formatted for it
  title: "Moodify",
  tagline: "Music that fits your post",
  compose: "Compose",
  history: "History",
  caption: "Caption",
  captionHint: "Write as you would post it: emoji, #hashtags, Korean or English",
  addFiles: "Add photos, a video or sound",
  dropHere: "Drop files here, or choose them",
  remove: "Remove",
  moveUp: "Move up",
  moveDown: "Move down",
  analyse: "Analyse",
  cancel: "Cancel",
  analysing: "Analysing",
  cancelled: "Cancelled",
  emptyPost: "Write a caption or add a file first.",
  filesLost: (names: string) => `These files could not be kept over the reload; add them again: ${names}`,
  shareNotKept: "What you shared could not be kept in this browser; add the files here instead.",
  reading: "The post's emotion",
  mostly: "Mostly",
  plane: "Valence and arousal",
  pleasant: "pleasant",
  unpleasant: "unpleasant",
  calm: "calm",
  excited: "excited",
  fused: "whole post",
  timeline: "Video timeline",
  evidence: "Why",
  disagree: "Parts disagree",
  music: "Music",
  modes: { match: "Match", uplift: "Lift up", calm: "Calm down" } as Record<Mode, string>,
  instrumental: "Instrumental only",
  ownMusic: "Only your music",
  maxDuration: "Longest",
  any: "any",
  genre: "Genre",
  like: "Like",
  skip: "Skip",
  choose: "Choose",
  chosen: "Chosen",
  liked: "Liked",
  skipped: "Skipped",
  match: "match",
  yourTaste: "+ your taste",
  source: "Source",
  preview: "Preview",
  open: "Open",
  noHistory: "No analyses yet.",
  chosenTracks: "Chosen",
  language: "Language",
  signIn: "Sign in",
  register: "Create an account",
  signOut: "Sign out",
  name: "Name",
  password: "Password",
  needAccount: "No account yet?",
  yourMusic: "Your music",
  yourMusicHint: "Import audio files you may use (mp3, m4a, wav, flac, ogg): they join the recommendations.",
  importing: "Importing",
  imported: (n: number, skipped: number, failed: number) =>
    `${n} imported, ${skipped} already there, ${failed} could not be read.`,
  useInVideo: "Use in video",
  segment: "The part under your video",
  segmentHint: "Drag to move it; it snaps to the start of a bar.",
  videoForRender: "Video",
  videoLength: "Video length",
  render: "Make the video",
  rendering: "Making the video",
  download: "Download the video",
  renderDone: (lufs: number, speech: number) =>
    `Done: mixed at ${oneDecimal("en", lufs)} LUFS` +
    (speech === 0
      ? "; no speech to duck under."
      : `, music ducked under ${speech} ${speech === 1 ? "stretch" : "stretches"} of speech.`),
  secondsShort: (n: string) => `${n} s`,
  tooMany: (what: string, most: number) => `At most ${most} ${what}.`,
  tooBig: (name: string, mb: number) => `${name} would make the post larger than ${mb} MB, this server's limit.`,
  wrongType: (name: string) => `${name} is not a photo, video or sound file.`,
  emotions: {
    happiness: "happy",
    sadness: "sad",
    anger: "angry",
    fear: "fearful",
    surprise: "surprised",
    disgust: "disgusted",
    neutral: "neutral",
  } as Record<Emotion, string>,
  kinds: { text: "caption", image: "photo", audio: "sound", video: "video" } as Record<string, string>,
  tracks: MUSIC.en,
  explain: EXPLAIN.en,
};

export type Strings = typeof en;

const ko: Strings = {
  ...en,
  locale: "ko",
  tagline: "게시물에 어울리는 음악",
  compose: "작성",
  history: "기록",
  caption: "캡션",
  captionHint: "올릴 때처럼 써 주세요: 이모지, #해시태그, 한국어나 영어",
  addFiles: "사진, 영상, 소리 추가",
  dropHere: "파일을 여기에 놓거나 선택하세요",
  remove: "삭제",
  moveUp: "위로",
  moveDown: "아래로",
  analyse: "분석",
  cancel: "취소",
  analysing: "분석 중",
  cancelled: "취소됨",
  emptyPost: "캡션을 쓰거나 파일을 먼저 추가하세요.",
  filesLost: (names) => `새로고침 후 다음 파일을 되살리지 못했습니다. 다시 추가하세요: ${names}`,
  shareNotKept: "공유한 내용을 이 브라우저에 보관하지 못했습니다. 여기에서 파일을 직접 추가하세요.",
  reading: "게시물의 감정",
  mostly: "주로",
  plane: "정서가와 각성도",
  pleasant: "즐거움",
  unpleasant: "불쾌함",
  calm: "차분함",
  excited: "흥분",
  fused: "게시물 전체",
  timeline: "영상 타임라인",
  evidence: "근거",
  disagree: "부분들이 서로 다릅니다",
  music: "음악",
  modes: { match: "맞추기", uplift: "기분 올리기", calm: "차분하게" },
  instrumental: "연주곡만",
  ownMusic: "내 음악만",
  maxDuration: "최대 길이",
  any: "제한 없음",
  genre: "장르",
  like: "좋아요",
  skip: "건너뛰기",
  choose: "선택",
  chosen: "선택됨",
  liked: "좋아요 함",
  skipped: "건너뜀",
  match: "일치",
  yourTaste: "+ 내 취향",
  source: "출처",
  preview: "미리 듣기",
  open: "열기",
  noHistory: "아직 분석한 게시물이 없습니다.",
  chosenTracks: "선택한 곡",
  language: "언어",
  signIn: "로그인",
  register: "계정 만들기",
  signOut: "로그아웃",
  name: "이름",
  password: "비밀번호",
  needAccount: "계정이 없나요?",
  yourMusic: "내 음악",
  yourMusicHint: "써도 되는 음악 파일을 가져오세요 (mp3, m4a, wav, flac, ogg): 추천에 함께 나옵니다.",
  importing: "가져오는 중",
  imported: (n, skipped, failed) => `${n}곡 가져옴, ${skipped}곡은 이미 있음, ${failed}곡은 읽지 못함.`,
  useInVideo: "영상에 쓰기",
  segment: "영상에 들어갈 부분",
  segmentHint: "끌어서 옮기세요. 마디 시작에 맞춰집니다.",
  videoForRender: "영상",
  videoLength: "영상 길이",
  render: "영상 만들기",
  rendering: "영상 만드는 중",
  download: "영상 내려받기",
  renderDone: (lufs, speech) =>
    `완료: ${oneDecimal("ko", lufs)} LUFS로 섞었습니다` +
    (speech === 0 ? ". 말소리가 없어 음악을 줄인 곳은 없습니다." : `. 말소리 ${speech}곳에서 음악을 줄였습니다.`),
  secondsShort: (n) => `${n}초`,
  tooMany: (what, most) => `${what}은(는) 최대 ${most}개까지입니다.`,
  tooBig: (name, mb) => `${name} 파일을 더하면 게시물이 이 서버의 한도인 ${mb} MB를 넘습니다.`,
  wrongType: (name) => `${name}은(는) 사진, 영상, 소리 파일이 아닙니다.`,
  emotions: {
    happiness: "행복",
    sadness: "슬픔",
    anger: "분노",
    fear: "공포",
    surprise: "놀람",
    disgust: "혐오",
    neutral: "중립",
  },
  kinds: { text: "캡션", image: "사진", audio: "소리", video: "영상" },
  tracks: MUSIC.ko,
  explain: EXPLAIN.ko,
};

export const STRINGS: Record<Lang, Strings> = { en, ko };

export function savedLang(
  storage: Pick<Storage, "getItem"> = localStorage,
  browser: string = navigator.language,
): Lang {
  const saved = storage.getItem(KEY);
  if (saved === "en" || saved === "ko") return saved;
  return browser.toLowerCase().startsWith("ko") ? "ko" : "en";
}

export function saveLang(lang: Lang, storage: Pick<Storage, "setItem"> = localStorage): void {
  storage.setItem(KEY, lang);
}
