// The music feature's words, in English and Korean, keyed by the codes the API returns
// (licence kinds, use.reason, notice and remedy codes, error codes, job stages). i18n.ts puts
// them into the one catalogue per language as `t.tracks`.
//
// The Korean object is written out in full (no spread from English): a missing key is a type error.

import type { Remedy, Usable, UseReason } from "../types";

const tracks = (n: number) => (new Intl.PluralRules("en").select(n) === "one" ? "track" : "tracks");

const en = {
  usable: "Use rights",
  usableOptions: { any: "Any", personal: "Personal posts", monetised: "Monetised posts" } as Record<Usable, string>,
  usableFor: { any: "any post", personal: "personal posts", monetised: "monetised posts" } as Record<Usable, string>,
  badge: {
    monetised: "OK for monetised posts",
    personal: "Personal posts only (NonCommercial)",
    noVideo: "Not in a video (NoDerivatives)",
    platform: "Popular song",
    notChecked: "Licence not checked yet",
    unknown: "Licence unknown",
    own: "Your music",
  },
  deed: (code: string) => `${code}: the licence's terms (opens a new tab)`,
  creditNeeded: "credit needed",
  shareAlike: "share alike",
  shareAlikeHint: "share your video under the same licence",
  ownNonCommercial: "your file's licence says NonCommercial",
  copyCredit: "Copy credit",
  copied: "Copied: paste it under your post.",
  selected: "Selected: copy it with Ctrl+C or your phone's Copy.",
  creditForPost: "Credit to paste under your post:",
  platform: "Add it from the music picker of Instagram, TikTok or YouTube Shorts: there is no audio for it here.",
  findOn: "Find it on",
  services: { youtube_music: "YouTube Music", spotify: "Spotify", apple_music: "Apple Music" },
  previewFrom: (time: string) => `starts at ${time}`,
  noPreview: {
    platform: "No audio here: it is a popular song.",
    unavailable: "No preview: its service no longer has it.",
    offline: "No preview while Moodify is offline.",
    no_client_id: "No preview until Jamendo is turned on (see above).",
    none: "No audio here to preview.",
  },
  useReasons: {
    platform_only: "A popular song: add it from the music picker of Instagram, TikTok or YouTube Shorts.",
    licence_not_checked: "Its licence has not been looked up yet, so it cannot go into a video.",
    licence_unknown: "Its licence is not known, so it cannot go into a video.",
    no_derivatives: "Its licence (NoDerivatives) does not allow putting it in a video.",
    non_commercial: "Its licence (NonCommercial) does not allow monetised posts.",
    download_not_allowed: "Its artist does not allow apps to download it.",
    no_audio_source: "Moodify has no way to get its audio.",
    unavailable: "Its service no longer has it.",
    offline: "It must be downloaded first, and Moodify is offline (MOODIFY_OFFLINE).",
  } as Record<UseReason, string>,
  gettingAudio: "Getting the audio",
  shortfall: (found: number, asked: number, usableFor: string) =>
    found === 0
      ? `No track that fits may be used for ${usableFor}.`
      : `Only ${found} of ${asked} ${tracks(asked)} may be used for ${usableFor}.`,
  moreWays: "For more:",
  remedies: {
    set_jamendo_client_id:
      "set MOODIFY_JAMENDO_CLIENT_ID (free at devportal.jamendo.com) to learn the licences " + "of Jamendo tracks",
    enrich_jamendo: "run `moodify catalog enrich jamendo` to learn the licences of more Jamendo tracks",
    find_online: "find Creative Commons music online (Openverse)",
    import_own: "import your own music (Your music, above)",
  } as Record<Remedy, string>,
  findMore: "Find more online",
  finding: "Looking online",
  found: (added: number, known: number) =>
    (added === 0
      ? "Nothing new that may be used was found."
      : `Added ${added} ${tracks(added)} from Openverse: the list now has them where they fit.`) +
    (known ? ` ${known} ${known === 1 ? "was" : "were"} already here.` : ""),
  lookupFailed: "Jamendo could not be asked just now: the list is shown as it is.",
  leftOut: (n: number) =>
    `${n} ${tracks(n)} ${n === 1 ? "is" : "are"} no longer on Jamendo and ${n === 1 ? "was" : "were"} left out.`,
  noClientId:
    "To see the names, licences and previews of Jamendo tracks, set MOODIFY_JAMENDO_CLIENT_ID " +
    "(free at devportal.jamendo.com) and restart Moodify.",
  offline:
    "Online features are off (MOODIFY_OFFLINE): no Jamendo previews or licence look-ups, and no finding " +
    "more music online.",
  errors: {
    offline: "Moodify is offline (MOODIFY_OFFLINE): online features are off.",
    online_failed: "The online service could not be reached just now; try again later.",
    online_rate_limited: "The online service asks us to slow down; try again in a minute.",
    download_refused: "The download was not usable audio (too large, or a web page instead).",
    library_full:
      "Your library holds {used_mb} MB of its {quota_mb} MB, and these files add {incoming_mb} MB. " +
      "Delete tracks you no longer use, or ask whoever runs this server for more room.",
  } as Record<string, string>,
  stages: {
    "waiting for a worker": "waiting",
    starting: "starting",
    downloading: "downloading",
    analysing: "listening to it",
    ready: "ready",
    "searching Openverse": "searching Openverse",
    done: "done",
    "reading the video's sound": "reading the video's sound",
    "cutting the music": "cutting the music",
    mixing: "mixing",
    "writing the video": "writing the video",
    cancelling: "cancelling",
    cancelled: "cancelled",
    failed: "failed",
  } as Record<string, string>,
  stageAdded: (n: number, of: number) => `added ${n} of ${of}`,
};

export type MusicStrings = typeof en;

const ko: MusicStrings = {
  usable: "사용 조건",
  usableOptions: { any: "전체", personal: "개인 게시물", monetised: "수익 창출 게시물" },
  usableFor: { any: "모든 게시물", personal: "개인 게시물", monetised: "수익 창출 게시물" },
  badge: {
    monetised: "수익 창출 게시물에도 사용 가능",
    personal: "개인 게시물만 (비영리)",
    noVideo: "영상에 사용 불가 (변경금지)",
    platform: "인기곡",
    notChecked: "라이선스 아직 확인 안 됨",
    unknown: "라이선스 알 수 없음",
    own: "내 음악",
  },
  deed: (code) => `${code}: 라이선스 조건 (새 탭에서 열림)`,
  creditNeeded: "출처 표시 필요",
  shareAlike: "동일조건 공유",
  shareAlikeHint: "영상도 같은 라이선스로 공유해야 합니다",
  ownNonCommercial: "파일의 라이선스가 비영리입니다",
  copyCredit: "출처 복사",
  copied: "복사했습니다: 게시물 아래에 붙여 넣으세요.",
  selected: "선택했습니다: Ctrl+C나 휴대폰의 복사로 복사하세요.",
  creditForPost: "게시물 아래에 붙여 넣을 출처:",
  platform: "인스타그램, 틱톡, 유튜브 쇼츠의 음악 선택 화면에서 추가하세요. 여기에는 이 곡의 오디오가 없습니다.",
  findOn: "찾아보기",
  services: { youtube_music: "YouTube Music", spotify: "Spotify", apple_music: "Apple Music" },
  previewFrom: (time) => `${time}부터 재생`,
  noPreview: {
    platform: "오디오 없음: 인기곡입니다.",
    unavailable: "미리 듣기 없음: 서비스에서 더 이상 제공하지 않습니다.",
    offline: "Moodify가 오프라인이라 미리 들을 수 없습니다.",
    no_client_id: "Jamendo를 켜면 미리 들을 수 있습니다 (위 안내 참고).",
    none: "미리 들을 오디오가 없습니다.",
  },
  useReasons: {
    platform_only: "인기곡입니다: 인스타그램, 틱톡, 유튜브 쇼츠의 음악 선택 화면에서 추가하세요.",
    licence_not_checked: "라이선스를 아직 확인하지 않아 영상에 쓸 수 없습니다.",
    licence_unknown: "라이선스를 알 수 없어 영상에 쓸 수 없습니다.",
    no_derivatives: "라이선스(변경금지)가 영상에 넣는 것을 허락하지 않습니다.",
    non_commercial: "라이선스(비영리)가 수익 창출 게시물을 허락하지 않습니다.",
    download_not_allowed: "아티스트가 앱의 내려받기를 허락하지 않았습니다.",
    no_audio_source: "Moodify가 이 곡의 오디오를 가져올 방법이 없습니다.",
    unavailable: "서비스에서 더 이상 제공하지 않는 곡입니다.",
    offline: "먼저 내려받아야 하는데 Moodify가 오프라인입니다 (MOODIFY_OFFLINE).",
  },
  gettingAudio: "오디오 가져오는 중",
  shortfall: (found, asked, usableFor) =>
    found === 0
      ? `어울리는 곡 중 ${usableFor}에 쓸 수 있는 곡이 없습니다.`
      : `${asked}곡 중 ${found}곡만 ${usableFor}에 쓸 수 있습니다.`,
  moreWays: "더 찾으려면:",
  remedies: {
    set_jamendo_client_id:
      "MOODIFY_JAMENDO_CLIENT_ID를 설정하세요 (devportal.jamendo.com에서 무료): " +
      "Jamendo 곡의 라이선스를 알 수 있습니다",
    enrich_jamendo: "`moodify catalog enrich jamendo`를 실행하세요: 더 많은 Jamendo 곡의 라이선스를 알 수 있습니다",
    find_online: "온라인(Openverse)에서 크리에이티브 커먼즈 음악 찾기",
    import_own: "내 음악 가져오기 (위의 '내 음악')",
  },
  findMore: "온라인에서 더 찾기",
  finding: "온라인에서 찾는 중",
  found: (added, known) =>
    (added === 0
      ? "쓸 수 있는 새 음악을 찾지 못했습니다."
      : `Openverse에서 ${added}곡을 추가했습니다: 어울리는 자리에 목록에 들어갑니다.`) +
    (known ? ` ${known}곡은 이미 있었습니다.` : ""),
  lookupFailed: "지금은 Jamendo에 물어볼 수 없어 목록을 그대로 보여 드립니다.",
  leftOut: (n) => `${n}곡은 Jamendo에서 사라져 목록에서 뺐습니다.`,
  noClientId:
    "Jamendo 곡의 이름, 라이선스, 미리 듣기를 보려면 MOODIFY_JAMENDO_CLIENT_ID를 설정하고 " +
    "(devportal.jamendo.com에서 무료) Moodify를 다시 시작하세요.",
  offline:
    "온라인 기능이 꺼져 있습니다 (MOODIFY_OFFLINE): Jamendo 미리 듣기와 라이선스 확인, 온라인에서 음악 찾기를 " +
    "할 수 없습니다.",
  errors: {
    offline: "Moodify가 오프라인입니다 (MOODIFY_OFFLINE): 온라인 기능이 꺼져 있습니다.",
    online_failed: "지금은 온라인 서비스에 연결할 수 없습니다. 나중에 다시 해 보세요.",
    online_rate_limited: "온라인 서비스가 요청을 줄여 달라고 합니다. 잠시 후 다시 해 보세요.",
    download_refused: "내려받은 파일이 쓸 수 있는 오디오가 아닙니다 (너무 크거나 웹 페이지).",
    library_full:
      "내 음악이 {quota_mb} MB 중 {used_mb} MB를 쓰고 있고, 이 파일들은 {incoming_mb} MB입니다. " +
      "더 쓰지 않는 곡을 지우거나 서버 관리자에게 공간을 늘려 달라고 하세요.",
  },
  stages: {
    "waiting for a worker": "대기 중",
    starting: "시작하는 중",
    downloading: "내려받는 중",
    analysing: "듣고 분석하는 중",
    ready: "준비됨",
    "searching Openverse": "Openverse 검색 중",
    done: "완료",
    "reading the video's sound": "영상의 소리 읽는 중",
    "cutting the music": "음악 자르는 중",
    mixing: "섞는 중",
    "writing the video": "영상 쓰는 중",
    cancelling: "취소하는 중",
    cancelled: "취소됨",
    failed: "실패",
  },
  stageAdded: (n, of) => `${of}곡 중 ${n}곡 추가`,
};

export const MUSIC = { en, ko };
