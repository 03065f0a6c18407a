import { useEffect, useState } from "react";
import { listAnalyses } from "./api";
import type { Strings } from "./i18n";
import { COLOURS } from "./reading";
import type { Analysis } from "./types";

export function History({ t, onOpen }: { t: Strings; onOpen: (id: number) => void }) {
  const [items, setItems] = useState<Analysis[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    listAnalyses()
      .then((r) => setItems(r.analyses))
      .catch((e: Error) => setError(e.message));
  }, []);
  if (error)
    return (
      <p className="error" role="alert">
        {error}
      </p>
    );
  if (!items) return null;
  if (!items.length) return <p className="card">{t.noHistory}</p>;
  return (
    <section className="card" aria-labelledby="history-title">
      <h2 id="history-title">{t.history}</h2>
      <ul className="history">
        {items.map((a) => (
          <li key={a.id}>
            <span className="dot" style={{ background: COLOURS[a.fused.label] }} aria-hidden="true" />
            <span className="history-label">{t.emotions[a.fused.label]}</span>
            <span className="history-caption">
              {a.caption ?? a.parts.map((p) => t.kinds[p.kind] ?? p.kind).join(", ")}
            </span>
            <time dateTime={a.created_at}>{new Date(a.created_at).toLocaleString()}</time>
            {a.chosen && a.chosen.length > 0 && (
              <span className="chosen">
                {t.chosenTracks}: {a.chosen.map((c) => c.title).join(", ")}
              </span>
            )}
            <button type="button" onClick={() => onOpen(a.id)}>
              {t.open}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
