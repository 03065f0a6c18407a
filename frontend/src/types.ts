// Shapes of the JSON API, generated from its OpenAPI document into api-types.ts (`npm run types`,
// from openapi.json, which `python -m moodify.web.openapi` writes); named here for the rest of the app.

import type { components } from "./api-types";
import type { Evidence, Reason, SegmentReason } from "./explain/codes";

type Schemas = components["schemas"];
// The document types evidence and reasons as {code, params}; explain/codes.ts narrows each to the
// codes the server lists (moodify/evidence.py), with their parameters.
// (A part's extra fields from plugins are left out of its type: the app shows only those it knows.)
type Known<T> = { [K in keyof T as string extends K ? never : K]: T[K] };
type Narrowed<T, K extends keyof Known<T>, V> = Omit<Known<T>, K> & { [key in K]: V };

export type Reading = Narrowed<Schemas["Reading"], "evidence", Evidence[]>;
export type Emotion = Reading["label"];
export type Part = Narrowed<Schemas["Part"], "evidence", Evidence[]>;
export type TimelinePoint = Schemas["TimelinePoint"];
export type ChosenTrack = Schemas["ChosenTrack"];
export type Analysis = Omit<Schemas["Analysis"], "fused" | "parts"> & { fused: Reading; parts: Part[] };
export type AnalysisPage = Narrowed<Schemas["AnalysisPage"], "analyses", Analysis[]>;

export type Job = Narrowed<Schemas["Job"], "analysis", Analysis | null | undefined>;
export type ImportResult = Schemas["ImportResult"];
export type RenderResult = Schemas["RenderResult"];
export type FetchResult = Schemas["FetchResult"];
export type FindOnlineResult = Schemas["FindOnlineResult"];
export type FoundTrack = Schemas["FoundTrack"];

export type Licence = Schemas["Licence"];
export type Use = Schemas["Use"];
export type UseReason = NonNullable<Use["reason"]>;
export type SuggestedSegment = Schemas["SuggestedSegment"];
/** A track in a list of recommendations (with its score, reasons and suggested segment). */
export type Track = Narrowed<Schemas["RecommendedTrack"], "reasons", Reason[]>;
export type FeedbackKind = NonNullable<Track["feedback"]>;
export type Segment = Narrowed<Schemas["Segment"], "reasons", SegmentReason[]>;
export type Notice = RecommendationList["notices"][number];
export type Shortfall = Schemas["Shortfall"];
export type Remedy = Shortfall["remedies"][number];
export type Usable = Shortfall["usable"];
export type Online = Schemas["Online"];
export type RecommendationList = Omit<Schemas["RecommendationList"], "reading" | "tracks"> & {
  reading: Reading;
  tracks: Track[];
};
export type Mode = RecommendationList["target"]["mode"];

/** Who is signed in: {auth: "none"} on the single-person tool. */
export type Me = Schemas["Me"];
export type Session = Schemas["Session"];

/** The catalogue's genres and mood tags with their counts (GET /api/v1/catalog/vocabulary). */
export type Vocabulary = Schemas["Vocabulary"];
export type WordCount = Schemas["WordCount"];

/** What this server accepts (GET /api/v1/limits), from its settings: the app's only source of limits. */
export type Limits = Schemas["Limits"];

// Lists the app shows in this order. Each is written as a Record so the compiler insists on every
// value the API declares, and on no other.
const inOrder = <T extends string>(values: Record<T, true>) => Object.keys(values) as T[];
export const EMOTIONS = inOrder<Emotion>({
  happiness: true,
  sadness: true,
  anger: true,
  fear: true,
  surprise: true,
  disgust: true,
  neutral: true,
});
export const USABLE = inOrder<Usable>({ any: true, personal: true, monetised: true });

export interface Filters {
  instrumental: boolean;
  ownMusic: boolean;
  maxDuration: number | null; // seconds
  genre: string;
}
