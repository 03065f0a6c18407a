import { useEffect, useMemo, useRef, useState } from "react";
import { addFiles, type Draft, isEmpty, move } from "./compose";
import type { Strings } from "./i18n";
import type { Limits } from "./types";

function usePreview(file: File | null): string | null {
  const url = useMemo(() => (file ? URL.createObjectURL(file) : null), [file]);
  useEffect(
    () => () => {
      if (url) URL.revokeObjectURL(url);
    },
    [url],
  );
  return url;
}

function ImageItem({
  file,
  t,
  onRemove,
  onUp,
  onDown,
}: {
  file: File;
  t: Strings;
  onRemove: () => void;
  onUp: () => void;
  onDown: () => void;
}) {
  const url = usePreview(file);
  return (
    <li className="part">
      {url && <img src={url} alt={file.name} />}
      <span className="part-name">{file.name}</span>
      <button type="button" onClick={onUp} aria-label={`${t.moveUp}: ${file.name}`}>
        ↑
      </button>
      <button type="button" onClick={onDown} aria-label={`${t.moveDown}: ${file.name}`}>
        ↓
      </button>
      <button type="button" onClick={onRemove} aria-label={`${t.remove}: ${file.name}`}>
        ✕
      </button>
    </li>
  );
}

function MediaItem({
  file,
  kind,
  t,
  onRemove,
}: {
  file: File;
  kind: "audio" | "video";
  t: Strings;
  onRemove: () => void;
}) {
  const url = usePreview(file);
  return (
    <li className="part">
      {url &&
        (kind === "video" ? (
          <video src={url} controls muted aria-label={file.name} />
        ) : (
          <audio src={url} controls aria-label={file.name} />
        ))}
      <span className="part-name">{file.name}</span>
      <button type="button" onClick={onRemove} aria-label={`${t.remove}: ${file.name}`}>
        ✕
      </button>
    </li>
  );
}

export function Compose({
  draft,
  setDraft,
  onAnalyse,
  busy,
  lost = [],
  limits,
  t,
}: {
  draft: Draft;
  setDraft: (d: Draft) => void;
  onAnalyse: () => void;
  busy: boolean;
  lost?: string[]; // files of a kept draft that did not come back after a reload
  limits: Limits | null;
  t: Strings;
}) {
  const [errors, setErrors] = useState<string[]>([]);
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const take = (files: FileList | null) => {
    if (!files) return;
    const result = addFiles(draft, Array.from(files), t, limits);
    setDraft(result.draft);
    setErrors(result.errors);
  };

  return (
    <form
      className="card compose"
      onSubmit={(e) => {
        e.preventDefault();
        if (!isEmpty(draft)) onAnalyse();
      }}>
      <label htmlFor="caption">{t.caption}</label>
      <textarea
        id="caption"
        value={draft.caption}
        rows={4}
        aria-describedby="caption-hint"
        onChange={(e) => setDraft({ ...draft, caption: e.target.value })}
      />
      <p id="caption-hint" className="hint">
        {t.captionHint}
      </p>

      <div
        className={`drop${over ? " over" : ""}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          take(e.dataTransfer.files);
        }}>
        <label htmlFor="files">{t.addFiles}</label>
        <input
          id="files"
          ref={input}
          type="file"
          multiple
          accept="image/*,video/*,audio/*,.heic,.m4a,.opus,.flac"
          onChange={(e) => {
            take(e.target.files);
            if (input.current) input.current.value = "";
          }}
        />
        <p className="hint">{t.dropHere}</p>
      </div>
      {lost.length > 0 && (
        <p className="hint lost" role="status">
          {t.filesLost(lost.join(", "))}
        </p>
      )}
      {errors.length > 0 && (
        <ul className="errors" role="alert">
          {errors.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}

      <ul className="parts" aria-label={t.addFiles}>
        {draft.images.map((file, i) => (
          <ImageItem
            key={`${file.name}-${i}`}
            file={file}
            t={t}
            onRemove={() => setDraft({ ...draft, images: draft.images.filter((_, j) => j !== i) })}
            onUp={() => setDraft({ ...draft, images: move(draft.images, i, -1) })}
            onDown={() => setDraft({ ...draft, images: move(draft.images, i, 1) })}
          />
        ))}
        {draft.video && (
          <MediaItem file={draft.video} kind="video" t={t} onRemove={() => setDraft({ ...draft, video: null })} />
        )}
        {draft.audio.map((file, i) => (
          <MediaItem
            key={`${file.name}-${i}`}
            file={file}
            kind="audio"
            t={t}
            onRemove={() => setDraft({ ...draft, audio: draft.audio.filter((_, j) => j !== i) })}
          />
        ))}
      </ul>

      <button className="primary" type="submit" disabled={busy || isEmpty(draft)} aria-busy={busy}>
        {t.analyse}
      </button>
      {isEmpty(draft) && <p className="hint">{t.emptyPost}</p>}
    </form>
  );
}
