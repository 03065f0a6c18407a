import { useState } from "react";
import * as api from "../api";
import type { Strings } from "../i18n";
import type { Track, Usable } from "../types";
import { RenderPanel } from "../YourMusic";
import { useJob } from "./useJob";
import { errorText, jobErrorText, stageText } from "./words";

export interface VideoContext {
  file: File | null; // the post's video, if it has one
  analysisId?: number;
  usable: Usable;
}

/** "Use in video" for every track that may go into one: a catalogue track's audio is fetched
 * first (with progress), then the render panel opens. Otherwise, why not. */
export function UseInVideo({
  track,
  video,
  open,
  onToggle,
  t,
}: {
  track: Track;
  video: VideoContext;
  open: boolean;
  onToggle: (open: boolean) => void;
  t: Strings;
}) {
  const { job, busy, run } = useJob();
  const [fetched, setFetched] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (!track.use.video) {
    // Popular songs already say where to add them from.
    if (!track.use.reason || track.use.reason === "platform_only") return null;
    return <p className="hint cannot-use">{t.tracks.useReasons[track.use.reason]}</p>;
  }

  const choose = async () => {
    if (open) return onToggle(false);
    setError(null);
    if (track.use.needs_download && !fetched) {
      try {
        const ended = await run(() => api.fetchTrack(track.id, video.usable));
        if (!ended) return; // a second click while the first is under way
        if (ended.status !== "done") {
          setError(jobErrorText(ended, t));
          return;
        }
        setFetched(true);
      } catch (e) {
        setError(errorText(e, t));
        return;
      }
    }
    onToggle(true);
  };

  return (
    <div className="use-in-video">
      <button type="button" aria-expanded={open} disabled={busy} aria-busy={busy} onClick={() => void choose()}>
        {t.useInVideo}
      </button>
      {job && (
        <p aria-live="polite">
          {t.tracks.gettingAudio}: {stageText(job.stage, t)} <progress max={100} value={job.progress} />
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {open && (
        <RenderPanel track={track} video={video.file} analysisId={video.analysisId} usable={video.usable} t={t} />
      )}
    </div>
  );
}
