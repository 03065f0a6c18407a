import { evidenceText } from "./explain/words";
import type { Strings } from "./i18n";
import { COLOURS, partName } from "./reading";
import { type Analysis, EMOTIONS, type Emotion, type Part, type TimelinePoint } from "./types";

function Bars({ probs, t }: { probs: Record<Emotion, number>; t: Strings }) {
  return (
    <ul className="bars" aria-label={t.reading}>
      {EMOTIONS.map((e) => (
        <li key={e}>
          <span className="bar-label">{t.emotions[e]}</span>
          <span className="bar-track" aria-hidden="true">
            <span className="bar" style={{ width: `${Math.round(probs[e] * 100)}%`, background: COLOURS[e] }} />
          </span>
          <span className="bar-value">{Math.round(probs[e] * 100)}%</span>
        </li>
      ))}
    </ul>
  );
}

const SIZE = 220;
const toX = (v: number) => ((v + 1) / 2) * (SIZE - 20) + 10;
const toY = (a: number) => ((1 - a) / 2) * (SIZE - 20) + 10;

export function Plane({ parts, fused, t }: { parts: Part[]; fused: Analysis["fused"]; t: Strings }) {
  return (
    <figure className="plane">
      <svg
        viewBox={`0 0 ${SIZE} ${SIZE}`}
        role="img"
        aria-label={`${t.plane}: ${parts.map((p) => `${p.name} ${p.valence.toFixed(2)}, ${p.arousal.toFixed(2)}`).join("; ")}`}>
        <rect x="10" y="10" width={SIZE - 20} height={SIZE - 20} fill="none" stroke="#9aa0a6" />
        <line x1={SIZE / 2} y1="10" x2={SIZE / 2} y2={SIZE - 10} stroke="#c4c8cc" />
        <line x1="10" y1={SIZE / 2} x2={SIZE - 10} y2={SIZE / 2} stroke="#c4c8cc" />
        <text x={SIZE - 12} y={SIZE / 2 - 4} textAnchor="end" className="axis">
          {t.pleasant}
        </text>
        <text x="12" y={SIZE / 2 - 4} className="axis">
          {t.unpleasant}
        </text>
        <text x={SIZE / 2 + 4} y="22" className="axis">
          {t.excited}
        </text>
        <text x={SIZE / 2 + 4} y={SIZE - 14} className="axis">
          {t.calm}
        </text>
        {parts.map((p, i) => (
          <g key={p.name}>
            <circle cx={toX(p.valence)} cy={toY(p.arousal)} r="7" fill={COLOURS[p.label]} />
            <text x={toX(p.valence)} y={toY(p.arousal) + 3.5} textAnchor="middle" className="point-number">
              {i + 1}
            </text>
          </g>
        ))}
        <circle
          cx={toX(fused.valence)}
          cy={toY(fused.arousal)}
          r="11"
          fill="none"
          stroke={COLOURS[fused.label]}
          strokeWidth="3"
        />
      </svg>
      <figcaption>
        {t.plane}
        <ol className="legend">
          {parts.map((p, i) => (
            <li key={p.name}>
              <span className="dot" style={{ background: COLOURS[p.label] }} aria-hidden="true" />
              {i + 1}. {partName(p.name, t)}: {t.emotions[p.label]}
            </li>
          ))}
          <li>
            <span className="ring" style={{ borderColor: COLOURS[fused.label] }} aria-hidden="true" />
            {t.fused}: {t.emotions[fused.label]}
          </li>
        </ol>
      </figcaption>
    </figure>
  );
}

export function Timeline({ points, t }: { points: TimelinePoint[]; t: Strings }) {
  if (!points.length) return null;
  const end = points[points.length - 1].time + 1;
  return (
    <figure className="timeline">
      <div className="strip" role="list" aria-label={t.timeline}>
        {points.map((p, i) => {
          const next = i + 1 < points.length ? points[i + 1].time : end;
          return (
            <span
              key={p.time}
              role="listitem"
              className="segment"
              title={`${p.time.toFixed(1)} s: ${t.emotions[p.label]}`}
              aria-label={`${p.time.toFixed(1)} s: ${t.emotions[p.label]}`}
              style={{ flexGrow: Math.max(next - p.time, 0.1), background: COLOURS[p.label] }}
            />
          );
        })}
      </div>
      <figcaption>
        {t.timeline} · 0–{end.toFixed(0)} s
      </figcaption>
    </figure>
  );
}

export function ReadingView({ analysis, t }: { analysis: Analysis; t: Strings }) {
  const fused = analysis.fused;
  const conflicts = fused.evidence.filter((item) => item.code === "disagree");
  const evidence = fused.evidence.filter((item) => item.code !== "disagree");
  return (
    <section className="card reading" aria-labelledby="reading-title">
      <h2 id="reading-title">{t.reading}</h2>
      <p className="verdict" style={{ color: COLOURS[fused.label] }}>
        {t.mostly} {t.emotions[fused.label]} <span className="confidence">({Math.round(fused.confidence * 100)}%)</span>
      </p>
      {conflicts.length > 0 && (
        <div className="disagree" role="note">
          <strong>{t.disagree}</strong>
          <ul>
            {conflicts.map((item, i) => (
              <li key={i}>{evidenceText(item, t)}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="reading-grid">
        <Bars probs={fused.probs} t={t} />
        <Plane parts={analysis.parts} fused={fused} t={t} />
      </div>
      {analysis.timeline && <Timeline points={analysis.timeline} t={t} />}
      <h3>{t.evidence}</h3>
      <ul className="evidence">
        {evidence.map((item, i) => (
          <li key={i}>{evidenceText(item, t)}</li>
        ))}
      </ul>
    </section>
  );
}
