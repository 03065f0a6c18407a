import type { Strings } from "./i18n";
import type { Coded, Emotion } from "./types";

export const COLOURS: Record<Emotion, string> = {
  happiness: "#946300",
  sadness: "#2f5f9e",
  anger: "#c0262d",
  fear: "#6b3f92",
  surprise: "#0f7f7f",
  disgust: "#557321",
  neutral: "#5f6670",
};

/** "photo 2" -> "사진 2" and the like: the server names parts in English. */
export function partName(name: string, t: Strings): string {
  const match = /^(caption|photo|sound|video)(?: (\d+))?$/.exec(name);
  if (!match) return name;
  const kind = { caption: "text", photo: "image", sound: "audio", video: "video" }[match[1]]!;
  return match[2] ? `${t.kinds[kind]} ${match[2]}` : t.kinds[kind];
}

/** Evidence and reasons are becoming codes for the app to word; the API still sends sentences.
 * Until the catalogue has words for a code, the code itself. */
export const said = (item: string | Coded): string => (typeof item === "string" ? item : item.code);
