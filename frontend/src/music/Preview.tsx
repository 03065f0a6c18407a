import { useCallback, useRef, useState, useSyncExternalStore } from "react";
import type { Strings } from "../i18n";
import type { Online, Track } from "../types";
import { player } from "./player";
import { clock, noPreviewReason, previewStart } from "./preview";

/** The player, starting where the list suggests (the best or likely-chorus stretch); or why
 * there is nothing to hear. One tap on its button plays; starting another preview pauses this one. */
export function Preview({ track, online, t }: { track: Track; online?: Online; t: Strings }) {
  // Where it was placed once the player knew the audio's length, for the source it was placed in.
  const [placed, setPlaced] = useState<{ url: string; at: number } | null>(null);
  const placing = useRef<string | null>(null);
  const audioRef = useRef<HTMLAudioElement | null>(null);
  const [elapsed, setElapsed] = useState<number | null>(null);
  const playing = useSyncExternalStore(player.subscribe, () => {
    const current = player.current();
    return current !== null && current === audioRef.current;
  });
  // A player that goes away (a new list) must not stay the one playing.
  const attach = useCallback((audio: HTMLAudioElement | null) => {
    if (!audio && audioRef.current) player.stopped(audioRef.current);
    audioRef.current = audio;
  }, []);
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
  const toggle = () => {
    const audio = audioRef.current;
    if (!audio) return;
    if (playing) return audio.pause();
    // Not loaded yet (preload="none"), it is placed on loadedmetadata, before the first sound;
    // played to the end, it starts again from the suggested part rather than 0:00.
    if (audio.ended) audio.currentTime = start;
    else if (audio.readyState >= HTMLMediaElement.HAVE_METADATA) place(audio);
    player.playing(audio);
    Promise.resolve(audio.play()).catch(() => player.stopped(audio));
  };
  const stopped = () => audioRef.current && player.stopped(audioRef.current);
  return (
    <span className="preview">
      <button
        type="button"
        className={playing ? "preview-play on" : "preview-play"}
        aria-label={playing ? t.pausePreviewOf(track.title) : t.playPreviewOf(track.title)}
        onClick={toggle}>
        <span aria-hidden="true">{playing ? "❚❚" : "▶"}</span> {playing ? t.pause : t.play}
      </button>
      {elapsed !== null && <span className="preview-time">{clock(elapsed)}</span>}
      <audio
        ref={attach}
        controls
        preload="none"
        src={url}
        aria-label={`${t.preview}: ${track.title}`}
        onLoadedMetadata={(e) => place(e.currentTarget)}
        onPlay={(e) => player.playing(e.currentTarget)}
        onPause={stopped}
        onEnded={stopped}
        onError={stopped}
        onEmptied={() => {
          stopped();
          setElapsed(null);
        }}
        onTimeUpdate={(e) => setElapsed(e.currentTarget.currentTime)}
      />
      {start >= 1 && <span className="hint preview-from">{t.tracks.previewFrom(clock(start))}</span>}
    </span>
  );
}
