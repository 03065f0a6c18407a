// Codes (codes.ts) into the interface language, with numbers formatted by Intl in that language.

import type { Strings } from "../i18n";
import { partName } from "../reading";
import type { Coded, Evidence, Reason, SegmentReason } from "./codes";
import type { Fmt } from "./messages";

const numbers = new Map<string, Intl.NumberFormat>();

function number(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale} ${JSON.stringify(options)}`;
  let format = numbers.get(key);
  if (!format) numbers.set(key, (format = new Intl.NumberFormat(locale, options)));
  return format;
}

function fmt(t: Strings): Fmt {
  const fixed = (x: number, digits: number) =>
    number(t.locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(x);
  const f: Fmt = {
    fixed,
    signed: (x) =>
      number(t.locale, { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: "exceptZero" }).format(x),
    percent: (p) => number(t.locale, { style: "percent", maximumFractionDigits: 0 }).format(p),
    seconds: (x, digits = 1) => t.secondsShort(fixed(x, digits)),
    whole: (x) => fixed(x, 0),
    emotion: (e) => t.emotions[e] ?? e,
    part: (ref) => partName(ref.part, t),
    quote: (text) => `“${text}”`,
    list: (items) => items.join(", "), // both languages list with commas
    say: (item) => evidenceText(item, t),
  };
  return f;
}

function say<T extends Coded>(words: Record<string, unknown>, item: T, t: Strings): string {
  const message = words[item.code] as ((params: T["params"], f: Fmt) => string) | undefined;
  // a code this app does not know yet (a newer server's): named, rather than lost
  return message ? message(item.params, fmt(t)) : item.code;
}

/** One line of a reading's evidence. */
export function evidenceText(item: Evidence, t: Strings): string {
  return say(t.explain.reading, item, t);
}

/** One reason a track is in a list. */
export function reasonText(item: Reason, t: Strings): string {
  return say(t.explain.reasons, item, t);
}

/** One reason a stretch of a track was picked for the video. */
export function segmentText(item: SegmentReason, t: Strings): string {
  return say(t.explain.segment, item, t);
}
