import { useCallback, useEffect, useRef, useState } from "react";
import * as api from "./api";
import { useBusy } from "./busy";
import { Compose } from "./Compose";
import { type Draft, emptyDraft } from "./compose";
import { hashFor, parseHash } from "./hash";
import { History } from "./History";
import { SignIn } from "./SignIn";
import { type Lang, saveLang, savedLang, STRINGS } from "./i18n";
import { ReadingView } from "./ReadingView";
import { Notices } from "./music/Notices";
import { UsableFilter } from "./music/UsableFilter";
import { accountKey, savedUsable, saveUsable } from "./music/usable";
import { Controls, TrackList } from "./Tracks";
import {
  type FileShelf,
  fileNames,
  type KeptDraft,
  forgetDraft,
  indexedDbShelf,
  keepDraft,
  keptDraft,
  restoredFiles,
} from "./post/kept";
import { arrival, indexedDbInbox, type SharedInbox, type SharedPost, sharedDraft } from "./post/shared";
import { ImportMusic } from "./YourMusic";
import type {
  Analysis,
  FeedbackKind,
  Filters,
  Job,
  Limits,
  Me,
  Mode,
  RecommendationList,
  Track,
  Usable,
  WordCount,
} from "./types";

const NO_FILTERS: Filters = { instrumental: false, ownMusic: false, maxDuration: null, genre: "" };

/** `shelf` keeps the draft's files, `inbox` holds a post shared from another app (IndexedDB in the
 * browser; fakes in tests). */
export function App({
  shelf = indexedDbShelf,
  inbox = indexedDbInbox,
}: { shelf?: FileShelf; inbox?: SharedInbox } = {}) {
  const [lang, setLang] = useState<Lang>(savedLang());
  const t = STRINGS[lang];
  const [view, setView] = useState<"compose" | "history">("compose");
  const [draft, setDraft] = useState<Draft>(emptyDraft());
  const [job, setJob] = useState<Job | null>(null);
  const [analysis, setAnalysis] = useState<Analysis | null>(null);
  const [mode, setMode] = useState<Mode>(parseHash(location.hash).mode);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [usable, setUsable] = useState<Usable>("any"); // remembered per account: welcome()
  const [recs, setRecs] = useState<RecommendationList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const cancelled = useRef(false);
  const [account, setAccount] = useState<Me | null>(null); // null until known
  const [signedOut, setSignedOut] = useState(false);
  const [limits, setLimits] = useState<Limits | null>(null); // the server's own, once it says them
  const [genres, setGenres] = useState<WordCount[] | null>(null); // the catalogue's, to choose from
  const [lost, setLost] = useState<string[]>([]); // kept files the browser did not give back
  const { busy: analysing, guard } = useBusy(); // one analysis at a time, from the click on
  const tNow = useRef(t); // the language when a job ends, without making `follow` depend on it
  const shared = useRef(arrival(location.search)); // opened by the service worker after a share
  useEffect(() => {
    tNow.current = t;
  }, [t]);

  // The reading is here: the kept draft has done its work.
  const settle = useCallback(
    (key: string, reading: Analysis) => {
      setAnalysis(reading);
      setLost([]);
      forgetDraft(key);
      void shelf.clear(key).catch(() => undefined);
    },
    [shelf],
  );

  // Follow an analysis job to its end (just started, or kept over a reload).
  const follow = useCallback(
    async (key: string, jobId: number) => {
      try {
        const ended = await api.waitForJob(jobId, setJob);
        if (ended.status === "done" && ended.analysis) return settle(key, ended.analysis);
        keepDraft(key, { jobId: null });
        if (ended.status === "failed") setError(ended.error);
        else if (ended.status === "cancelled") setError(tNow.current.cancelled);
      } finally {
        setJob(null);
      }
    },
    [settle],
  );

  // A post shared from another app becomes a new draft, in place of the kept one (an analysis the
  // kept one had under way still ends, in the history). Limits are left to the server here: they
  // may not have come yet, and it checks every upload anyway.
  const receive = useCallback(
    (key: string, post: SharedPost, filters: Filters) => {
      const { draft: next, errors } = sharedDraft(post, tNow.current, null);
      setDraft(next);
      setFilters(filters);
      keepDraft(key, { caption: next.caption, filters, files: fileNames(next), jobId: null });
      void shelf.put(key, next).catch(() => undefined);
      if (errors.length) setError(errors.join(" "));
    },
    [shelf],
  );

  // The kept draft comes back: its caption and filters at once, its files and an analysis under way
  // when they can.
  const restore = useCallback(
    (key: string, kept: KeptDraft) => {
      setDraft({ ...emptyDraft(), caption: kept.caption });
      setFilters(kept.filters);
      if (kept.files.length)
        void shelf.take(key).then((shelved) => {
          const { files, lost: gone } = restoredFiles(kept, shelved);
          setDraft((d) => (d.images.length || d.audio.length || d.video ? d : { ...d, ...files }));
          setLost(gone);
        });
      const jobId = kept.jobId;
      if (jobId !== null)
        void guard(() =>
          follow(key, jobId).catch((e: Error) => {
            keepDraft(key, { jobId: null }); // gone (404) or unreachable: the draft stays for another try
            if (!(e instanceof api.ApiError && e.status === 404)) setError(e.message);
          }),
        );
    },
    [shelf, guard, follow],
  );

  // An account arrives with its remembered choice of music and its kept draft (one render, not an
  // effect's second), or with what was just shared into Moodify in its place.
  const welcome = useCallback(
    (who: Me) => {
      const key = accountKey(who);
      setAccount(who);
      setUsable(savedUsable(key));
      const kept = keptDraft(key);
      const share = shared.current;
      shared.current = null; // taken once: a reload opens the kept draft
      if (share) history.replaceState(null, "", location.pathname + location.hash);
      if (share === "kept")
        return void inbox.take().then((post) => {
          if (post) return receive(key, post, kept?.filters ?? NO_FILTERS);
          setError(tNow.current.shareNotKept);
          if (kept) restore(key, kept);
        });
      if (share === "lost") setError(tNow.current.shareNotKept);
      if (kept) restore(key, kept);
    },
    [inbox, receive, restore],
  );

  // Every edit of the post is kept at once; the files when they change, or when nothing was kept
  // (a reading forgets the draft, files and all, while they stay on the page for the next edit).
  const editDraft = (next: Draft) => {
    const key = accountKey(account);
    const forgotten = keptDraft(key) === null;
    keepDraft(key, { caption: next.caption, filters, files: fileNames(next) });
    const changed = next.images !== draft.images || next.audio !== draft.audio || next.video !== draft.video;
    if (changed || (forgotten && fileNames(next).length > 0)) void shelf.put(key, next).catch(() => undefined); // the kept names say what could not come back
    setDraft(next);
  };

  useEffect(() => {
    api
      .limits()
      .then(setLimits)
      .catch(() => undefined); // files go unchecked here; the server checks every upload anyway
  }, []);

  useEffect(() => {
    api
      .me()
      .then(welcome)
      .catch((e) => {
        if (e instanceof api.ApiError && e.status === 401) setSignedOut(true);
        else setError((e as Error).message);
      });
  }, [welcome]);

  // The genres to choose from: again when the person's music grows (an import, music found online).
  const loadGenres = useCallback(() => {
    api
      .vocabulary()
      .then((words) => setGenres(words.genres))
      .catch(() => setGenres(null)); // the box to type a genre stays
  }, []);
  useEffect(() => {
    if (account) loadGenres();
  }, [account, loadGenres]);

  useEffect(() => {
    document.documentElement.lang = lang;
    saveLang(lang);
  }, [lang]);
  const chooseUsable = (chosen: Usable) => {
    setUsable(chosen);
    if (account) saveUsable(accountKey(account), chosen);
  };

  const open = useCallback(async (id: number) => {
    try {
      setError(null);
      setAnalysis(await api.getAnalysis(id));
      setView("compose");
    } catch (e) {
      setError((e as Error).message);
    }
  }, []);

  useEffect(() => {
    // a reload, or the back button, reopens what the address names
    if (!account) return undefined;
    const follow = () => {
      const { id, mode: m } = parseHash(location.hash);
      setMode(m);
      if (id) void open(id);
    };
    follow();
    window.addEventListener("hashchange", follow);
    return () => window.removeEventListener("hashchange", follow);
  }, [open, account]);

  useEffect(() => {
    if (analysis) {
      const wanted = hashFor(analysis.id, mode);
      if (location.hash !== wanted) history.replaceState(null, "", wanted);
    }
  }, [analysis, mode]);

  useEffect(() => {
    // the music follows the reading, the mode and the filters
    if (!analysis) return;
    let current = true;
    const timer = setTimeout(
      () => {
        api
          .recommend(analysis.id, mode, filters, usable)
          .then((list) => {
            if (current) setRecs(list);
          })
          .catch((e: Error) => {
            if (current) setError(e.message);
          });
      },
      filters.genre ? 300 : 0,
    );
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [analysis, mode, filters, usable]);

  const analyse = () =>
    guard(async () => {
      const key = accountKey(account);
      setError(null);
      setRecs(null);
      cancelled.current = false;
      try {
        const started = await api.createAnalysis(draft);
        if (started.analysis) return settle(key, started.analysis);
        const job = started.job!;
        keepDraft(key, { caption: draft.caption, filters, files: fileNames(draft), jobId: job.id });
        setJob(job);
        await follow(key, job.id);
      } catch (e) {
        setError((e as Error).message);
      }
    });

  const feedback = async (track: Track, kind: FeedbackKind) => {
    if (!recs) return;
    try {
      await api.sendFeedback(track.id, kind, recs.recommendation_id);
      setRecs({ ...recs, tracks: recs.tracks.map((x) => (x.id === track.id ? { ...x, feedback: kind } : x)) });
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <>
      <header className="top">
        <h1>
          {t.title} <small>{t.tagline}</small>
        </h1>
        <nav aria-label="main">
          <button
            type="button"
            aria-current={view === "compose" ? "page" : undefined}
            onClick={() => setView("compose")}>
            {t.compose}
          </button>
          <button
            type="button"
            aria-current={view === "history" ? "page" : undefined}
            onClick={() => setView("history")}>
            {t.history}
          </button>
          {account?.name && (
            <button
              type="button"
              onClick={() => {
                void api.signOut().then(() => {
                  setAccount(null);
                  setSignedOut(true);
                });
              }}>
              {t.signOut} ({account.name})
            </button>
          )}
          <label className="lang">
            <span className="sr-only">{t.language}</span>
            <select value={lang} onChange={(e) => setLang(e.target.value as Lang)} aria-label={t.language}>
              <option value="ko">한국어</option>
              <option value="en">English</option>
            </select>
          </label>
        </nav>
      </header>
      <main>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        {signedOut ? (
          <SignIn
            t={t}
            onSignedIn={(who) => {
              welcome(who);
              setSignedOut(false);
            }}
          />
        ) : !account ? null : view === "history" ? (
          <History
            t={t}
            onOpen={(id) => {
              location.hash = hashFor(id, mode);
              setView("compose");
            }}
          />
        ) : (
          <>
            <Compose
              draft={draft}
              setDraft={editDraft}
              onAnalyse={() => void analyse()}
              busy={analysing || job !== null}
              lost={lost}
              limits={limits}
              t={t}
            />
            {job && (
              <section className="card progress" aria-live="polite">
                <label htmlFor="job-progress">
                  {t.analysing}: {job.stage}
                </label>
                <progress id="job-progress" max={100} value={job.progress} />
                <button
                  type="button"
                  onClick={() => {
                    cancelled.current = true;
                    void api.cancelJob(job.id);
                  }}>
                  {t.cancel}
                </button>
              </section>
            )}
            {analysis && <ReadingView analysis={analysis} t={t} />}
            {analysis && (
              <section className="card music" aria-labelledby="music-title">
                <h2 id="music-title">{t.music}</h2>
                <Controls mode={mode} setMode={setMode} filters={filters} setFilters={setFilters} genres={genres} t={t}>
                  <UsableFilter value={usable} onChange={chooseUsable} t={t} />
                </Controls>
                <ImportMusic
                  t={t}
                  onImported={() => {
                    setFilters({ ...filters });
                    loadGenres();
                  }}
                />
                {recs && (
                  <Notices
                    key={analysis.id}
                    recs={recs}
                    analysisId={analysis.id}
                    mode={mode}
                    usable={usable}
                    onFound={() => {
                      setFilters({ ...filters });
                      loadGenres();
                    }}
                    t={t}
                  />
                )}
                {recs && (
                  <TrackList
                    tracks={recs.tracks}
                    onFeedback={feedback}
                    t={t}
                    online={recs.online}
                    video={{ file: draft.video, analysisId: analysis.id, usable }}
                  />
                )}
              </section>
            )}
          </>
        )}
      </main>
    </>
  );
}
