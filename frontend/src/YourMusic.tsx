import { useEffect, useMemo, useRef, useState } from "react";
import * as api from "./api";
import type { Strings } from "./i18n";
import { segmentText } from "./explain/words";
import { CopyCredit } from "./music/CopyCredit";
import { errorText, jobErrorText, stageText } from "./music/words";
import { heights, snapStart } from "./segment";
import { useJob } from "./music/useJob";
import type { ImportResult, RenderResult, Segment, Track, Usable } from "./types";

/** Import audio files into the library; onImported refreshes the music list. */
export function ImportMusic({ t, onImported }: { t: Strings; onImported: () => void }) {
  const { job, busy, run } = useJob();
  const [message, setMessage] = useState<string | null>(null);
  const take = async (files: FileList | null) => {
    if (!files || !files.length) return;
    const chosen = Array.from(files); // the input is emptied below
    setMessage(null);
    try {
      const ended = await run(() => api.importMusic(chosen));
      if (!ended) return;
      const result = ended.result as ImportResult | undefined;
      setMessage(
        ended.status === "done" && result
          ? t.imported(result.imported.length, result.skipped.length, result.failed.length) +
              (result.failed.length ? ` ${result.failed.map((f) => `${f.name}: ${f.reason}`).join(" ")}` : "")
          : ended.error,
      );
      onImported();
    } catch (e) {
      setMessage((e as Error).message);
    }
  };
  return (
    <div className="import">
      <label htmlFor="music-files">{t.yourMusic}</label>
      <input
        id="music-files"
        type="file"
        multiple
        accept="audio/*,.m4a,.flac,.opus,.ogg"
        aria-describedby="music-hint"
        disabled={busy}
        aria-busy={busy}
        onChange={(e) => void take(e.target.files)}
      />
      <p id="music-hint" className="hint">
        {t.yourMusicHint}
      </p>
      {job && (
        <p aria-live="polite">
          {t.importing}: {job.stage} <progress max={100} value={job.progress} />
        </p>
      )}
      {message && <p role="status">{message}</p>}
    </div>
  );
}

function videoLength(file: File): Promise<number> {
  return new Promise((resolve) => {
    const probe = document.createElement("video");
    probe.preload = "metadata";
    probe.onloadedmetadata = () => {
      resolve(probe.duration || 15);
      URL.revokeObjectURL(probe.src);
    };
    probe.onerror = () => resolve(15);
    probe.src = URL.createObjectURL(file);
  });
}

/** The chosen part of a track whose audio is here over its loudness, movable; then render,
 * download, and the credit line its licence asks for. */
export function RenderPanel({
  track,
  video,
  analysisId,
  usable = "any",
  t,
}: {
  track: Track;
  video: File | null;
  analysisId?: number;
  usable?: Usable;
  t: Strings;
}) {
  const [file, setFile] = useState<File | null>(video);
  const [length, setLength] = useState(15);
  const [segment, setSegment] = useState<Segment | null>(null);
  const [start, setStart] = useState(0);
  const { job, busy, run } = useJob();
  const [done, setDone] = useState<{ id: number; result: RenderResult } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const tNow = useRef(t); // the language when a request fails, without refetching (resetting a moved start) on a switch
  useEffect(() => {
    tNow.current = t;
  }, [t]);

  useEffect(() => {
    if (file) void videoLength(file).then(setLength);
  }, [file]);
  useEffect(() => {
    api
      .getSegment(track.id, length, analysisId)
      .then((s) => {
        setSegment(s);
        setStart(s.start);
      })
      .catch((e: Error) => setError(errorText(e, tNow.current)));
  }, [track.id, length, analysisId]);
  const bars = useMemo(() => (segment ? heights(segment.energy) : []), [segment]);

  const make = async () => {
    if (!file || !segment) return;
    setError(null);
    setDone(null);
    try {
      const ended = await run(() => api.startRender(file, track.id, start, analysisId, usable));
      if (!ended) return; // a second click while the first is under way
      if (ended.status === "done") setDone({ id: ended.id, result: ended.result as RenderResult });
      else setError(jobErrorText(ended, t));
    } catch (e) {
      setError(errorText(e, t));
    }
  };

  const duration = segment?.duration_s ?? 1;
  return (
    <div className="render">
      <h3>{t.segment}</h3>
      {segment && (
        <>
          <svg
            className="wave"
            viewBox={`0 0 ${bars.length} 40`}
            preserveAspectRatio="none"
            role="img"
            aria-label={`${t.segment}: ${start.toFixed(1)}–${(start + length).toFixed(1)} s / ${duration.toFixed(0)} s`}>
            {bars.map((h, i) => (
              <rect
                key={i}
                x={i + 0.1}
                width={0.8}
                y={40 - 40 * h}
                height={40 * h}
                fill={i >= start && i < start + length ? "#1f5fbf" : "#b9c0c8"}
              />
            ))}
            <rect
              x={start}
              width={Math.min(length, duration - start)}
              y={0}
              height={40}
              fill="none"
              stroke="#1d2126"
              strokeWidth={0.3}
            />
          </svg>
          <label className="inline">
            <span className="sr-only">{t.segment}</span>
            <input
              type="range"
              min={0}
              max={Math.max(0, duration - length)}
              step={0.1}
              value={start}
              onChange={(e) => setStart(snapStart(Number(e.target.value), segment.downbeats, length, duration))}
            />
            <output>{start.toFixed(1)} s</output>
          </label>
          <p className="hint">
            {t.segmentHint} {segment.reasons.map((r) => segmentText(r, t)).join("; ")}
          </p>
        </>
      )}
      <label className="inline">
        {t.videoForRender}
        <input type="file" accept="video/*" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      </label>
      {file && (
        <p className="hint">
          {file.name} · {t.videoLength} {length.toFixed(1)} s
        </p>
      )}
      <button
        type="button"
        className="primary"
        disabled={!file || !segment || busy}
        aria-busy={busy}
        onClick={() => void make()}>
        {t.render}
      </button>
      {job && (
        <p aria-live="polite">
          {t.rendering}: {stageText(job.stage, t)} <progress max={100} value={job.progress} />
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {done && (
        <>
          <p role="status">
            {t.renderDone(done.result.loudness_lufs, done.result.speech.length)}{" "}
            <a href={api.renderedFileUrl(done.id)} download>
              {t.download}
            </a>
          </p>
          {done.result.attribution && (
            <div className="render-credit">
              <p className="hint">{t.tracks.creditForPost}</p>
              <CopyCredit text={done.result.attribution} t={t} />
            </div>
          )}
        </>
      )}
    </div>
  );
}
