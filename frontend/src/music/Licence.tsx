import type { Strings } from "../i18n";
import type { Track } from "../types";
import { CopyCredit } from "./CopyCredit";
import { creditToOffer, licenceBadge, TONES } from "./licence";

const MARKS = { ok: "✓", personal: "◐", no: "✕", platform: "♪", unknown: "?", own: "♪" } as const;

/** The badge, the licence code linking to its deed, notes, and the credit line to copy. */
export function LicenceLine({ track, t }: { track: Track; t: Strings }) {
  const badge = licenceBadge(track, t);
  const tone = TONES[badge.tone];
  const credit = creditToOffer(track);
  const { code, url } = track.licence;
  return (
    <>
      <div className="licence">
        <span className="licence-badge" data-tone={badge.tone} style={{ color: tone.ink, background: tone.bg }}>
          <span aria-hidden="true">{MARKS[badge.tone]} </span>
          {badge.label}
        </span>
        {code &&
          (url ? (
            <a href={url} target="_blank" rel="noreferrer" aria-label={t.tracks.deed(code)}>
              {code}
            </a>
          ) : (
            <span>{code}</span>
          ))}
        {badge.notes.map((note) => (
          <span
            key={note}
            className="licence-note"
            title={note === t.tracks.shareAlike ? t.tracks.shareAlikeHint : undefined}>
            · {note}
            {note === t.tracks.shareAlike && <span className="sr-only">: {t.tracks.shareAlikeHint}</span>}
          </span>
        ))}
      </div>
      {credit && <CopyCredit text={credit} t={t} shown="after-copy" />}
    </>
  );
}

/** Popular songs: where to add them from, and searches to find them. */
export function PlatformLinks({ track, t }: { track: Track; t: Strings }) {
  if (track.licence.kind !== "platform") return null;
  const links = track.find_on;
  return (
    <div className="platform">
      <p className="hint">{t.tracks.platform}</p>
      {links && (
        <p className="find-on">
          {t.tracks.findOn}:{" "}
          {(["youtube_music", "spotify", "apple_music"] as const).map((service, i) => (
            <span key={service}>
              {i > 0 && " · "}
              <a href={links[service]} target="_blank" rel="noreferrer">
                {t.tracks.services[service]}
              </a>
            </span>
          ))}
        </p>
      )}
    </div>
  );
}
