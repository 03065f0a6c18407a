import { type ReactNode, useState } from "react";
import { reasonText } from "./explain/words";
import type { Strings } from "./i18n";
import { GenreChips } from "./music/GenreChips";
import { LicenceLine, PlatformLinks } from "./music/Licence";
import { Preview } from "./music/Preview";
import { UseInVideo, type VideoContext } from "./music/UseInVideo";
import type { FeedbackKind, Filters, Mode, Online, Track, WordCount } from "./types";

const MODES: Mode[] = ["match", "uplift", "calm"];
const DURATIONS = [null, 60, 120, 180, 300];

export function Controls({
  mode,
  setMode,
  filters,
  setFilters,
  genres,
  t,
  children,
}: {
  mode: Mode;
  setMode: (m: Mode) => void;
  filters: Filters;
  setFilters: (f: Filters) => void;
  /** The catalogue's genres to choose from; until they come (or if they cannot), a box to type one. */
  genres?: WordCount[] | null;
  t: Strings;
  children?: ReactNode;
}) {
  return (
    <div className="controls">
      <div role="group" aria-label={t.music} className="modes">
        {MODES.map((m) => (
          <button
            key={m}
            type="button"
            aria-pressed={mode === m}
            className={mode === m ? "on" : ""}
            onClick={() => setMode(m)}>
            {t.modes[m]}
          </button>
        ))}
      </div>
      <label className="inline">
        <input
          type="checkbox"
          checked={filters.instrumental}
          onChange={(e) => setFilters({ ...filters, instrumental: e.target.checked })}
        />
        {t.instrumental}
      </label>
      <label className="inline">
        <input
          type="checkbox"
          checked={filters.ownMusic}
          onChange={(e) => setFilters({ ...filters, ownMusic: e.target.checked })}
        />
        {t.ownMusic}
      </label>
      <label className="inline">
        {t.maxDuration}
        <select
          value={filters.maxDuration ?? ""}
          onChange={(e) => setFilters({ ...filters, maxDuration: e.target.value ? Number(e.target.value) : null })}>
          {DURATIONS.map((d) => (
            <option key={d ?? "any"} value={d ?? ""}>
              {d ? `${d / 60} min` : t.any}
            </option>
          ))}
        </select>
      </label>
      {genres?.length ? (
        <GenreChips
          genres={genres}
          value={filters.genre}
          onChange={(genre) => setFilters({ ...filters, genre })}
          t={t}
        />
      ) : (
        <label className="inline">
          {t.genre}
          <input
            type="text"
            value={filters.genre}
            size={10}
            placeholder="pop, ambient…"
            onChange={(e) => setFilters({ ...filters, genre: e.target.value })}
          />
        </label>
      )}
      {children}
    </div>
  );
}

function FeedbackButtons({
  track,
  onFeedback,
  t,
}: {
  track: Track;
  onFeedback: (track: Track, kind: FeedbackKind) => void;
  t: Strings;
}) {
  const items: [FeedbackKind, string, string][] = [
    ["like", t.like, t.liked],
    ["skip", t.skip, t.skipped],
    ["chosen", t.choose, t.chosen],
  ];
  return (
    <div className="feedback" role="group" aria-label={track.title}>
      {items.map(([kind, label, done]) => (
        <button
          key={kind}
          type="button"
          aria-pressed={track.feedback === kind}
          className={track.feedback === kind ? "on" : ""}
          onClick={() => onFeedback(track, kind)}>
          {track.feedback === kind ? done : label}
        </button>
      ))}
    </div>
  );
}

/** The tracks, each with what its licence allows, a preview, feedback and, given `video`,
 * the way into a video (one render panel open at a time). */
export function TrackList({
  tracks,
  onFeedback,
  t,
  online,
  video,
}: {
  tracks: Track[];
  onFeedback: (track: Track, kind: FeedbackKind) => void;
  t: Strings;
  online?: Online;
  video?: VideoContext;
}) {
  const [open, setOpen] = useState<number | null>(null);
  return (
    <ol className="tracks">
      {tracks.map((track) => (
        <li key={track.id} className="track" data-testid="track" data-source={track.source}>
          <div className="track-head">
            <strong className="track-title">{track.title}</strong>
            {track.artist && <span className="artist"> · {track.artist}</span>}
            <span className="score" title={t.match}>
              {Math.round(track.score_parts.base * 100)}%
            </span>
            {(track.score_parts.personal ?? 0) > 0 && <span className="taste">{t.yourTaste}</span>}
          </div>
          <p className="tags">{[...track.tags, ...track.genres].slice(0, 6).join(" · ")}</p>
          <ul className="reasons">
            {track.reasons.slice(0, 3).map((r, i) => (
              <li key={i}>{reasonText(r, t)}</li>
            ))}
          </ul>
          <LicenceLine track={track} t={t} />
          <PlatformLinks track={track} t={t} />
          <div className="track-foot">
            <Preview track={track} online={online} t={t} />
            {track.url && (
              <a href={track.url} target="_blank" rel="noreferrer">
                {t.source}
              </a>
            )}
          </div>
          <FeedbackButtons track={track} onFeedback={onFeedback} t={t} />
          {video && (
            <UseInVideo
              track={track}
              video={video}
              open={open === track.id}
              t={t}
              onToggle={(opening) => setOpen(opening ? track.id : null)}
            />
          )}
        </li>
      ))}
    </ol>
  );
}
