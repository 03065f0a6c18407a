import { useState } from "react";
import * as api from "../api";
import type { Strings } from "../i18n";
import type { FindOnlineResult, Mode, RecommendationList, Usable } from "../types";
import { useJob } from "./useJob";
import { errorText, jobErrorText, noticeText, onlineLine, stageText } from "./words";

/** What the list says beside its tracks: online features that are off, a shortfall and how to
 * get more (finding more online here and now), a look-up that failed. */
export function Notices({
  recs,
  analysisId,
  mode,
  usable,
  onFound,
  t,
}: {
  recs: RecommendationList;
  analysisId: number;
  mode: Mode;
  usable: Usable;
  onFound: () => void;
  t: Strings;
}) {
  const { job, busy, run } = useJob();
  const [outcome, setOutcome] = useState<{ text: string; failed: boolean } | null>(null);
  const online = onlineLine(recs.online, t);

  const findMore = async () => {
    setOutcome(null);
    try {
      const ended = await run(() => api.findOnline(analysisId, mode, usable));
      if (!ended) return; // a second click while the first is under way
      if (ended.status === "done") {
        const result = ended.result as FindOnlineResult;
        setOutcome({ text: t.tracks.found(result.added.length, result.known.length), failed: false });
        onFound();
      } else {
        setOutcome({ text: jobErrorText(ended, t), failed: true });
      }
    } catch (e) {
      setOutcome({ text: errorText(e, t), failed: true });
    }
  };

  return (
    <div className="notices">
      {online && <p className="hint online-line">{online}</p>}
      {(recs.notices ?? []).map((notice, i) => {
        const text = noticeText(notice, t);
        if (!text) return null;
        if (notice.code !== "shortfall")
          return (
            <p key={i} className="hint">
              {text}
            </p>
          );
        const canFind = notice.remedies.includes("find_online") && recs.online?.openverse === "on";
        return (
          <div key={i} className="notice shortfall" data-testid="shortfall">
            <p>
              {text} {t.tracks.moreWays}
            </p>
            <ul>
              {notice.remedies.map((remedy) => (
                <li key={remedy}>{t.tracks.remedies[remedy]}</li>
              ))}
            </ul>
            {canFind && (
              <button type="button" onClick={() => void findMore()} disabled={busy} aria-busy={busy}>
                {t.tracks.findMore}
              </button>
            )}
          </div>
        );
      })}
      {job && (
        <p aria-live="polite">
          {t.tracks.finding}: {stageText(job.stage, t)} <progress max={100} value={job.progress} />
        </p>
      )}
      {outcome && (
        <p role="status" className={outcome.failed ? "error" : "found"}>
          {outcome.text}
        </p>
      )}
    </div>
  );
}
