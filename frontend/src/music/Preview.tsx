import { useRef, useState } from "react";
import type { Strings } from "../i18n";
import type { Online, Track } from "../types";
import { clock, noPreviewReason, previewStart } from "./preview";

/** The player, starting where the list suggests (the best or likely-chorus stretch); or why
 * there is nothing to hear. */
export function Preview({ track, online, t }: { track: Track; online?: Online; t: Strings }) {
  // Where it was placed once the player knew the audio's length, for the source it was placed in.
  const [placed, setPlaced] = useState<{ url: string; at: number } | null>(null);
  const placing = useRef<string | null>(null);
  if (!track.preview_url) {
    if (track.licence.kind === "platform") return null; // PlatformLinks says there is no audio here
    return <span className="hint no-preview">{t.tracks.noPreview[noPreviewReason(track, online)]}</span>;
  }
  const url = track.preview_url;
  const start = placed?.url === url ? placed.at : (track.segment?.start ?? 0);
  const place = (audio: HTMLAudioElement) => {
    if (placing.current === url) return; // once per source: later seeks are the listener's
    placing.current = url;
    const at = previewStart(track.segment, audio.duration);
    setPlaced({ url, at });
    if (at > 0) audio.currentTime = at;
  };
  return (
    <span className="preview">
      <audio
        controls
        preload="none"
        src={url}
        aria-label={`${t.preview}: ${track.title}`}
        onLoadedMetadata={(e) => place(e.currentTarget)}
      />
      {start >= 1 && <span className="hint preview-from">{t.tracks.previewFrom(clock(start))}</span>}
    </span>
  );
}
