import type { Mode } from "./types";

/** "#/analysis/12?mode=uplift" <-> {id, mode}: a reload opens the same reading and music. */
export function parseHash(hash: string): { id: number | null; mode: Mode } {
  const match = /^#\/analysis\/(\d+)(?:\?mode=(match|uplift|calm))?$/.exec(hash);
  return match ? { id: Number(match[1]), mode: (match[2] as Mode) ?? "match" } : { id: null, mode: "match" };
}

export const hashFor = (id: number, mode: Mode) => `#/analysis/${id}${mode === "match" ? "" : `?mode=${mode}`}`;
