import { useId } from "react";
import type { Strings } from "../i18n";
import type { WordCount } from "../types";

/** The catalogue's genres as chips, each with how many tracks carry it (in the interface
 * language's digits): one at a time, pressing the chosen one again lets any genre in. */
export function GenreChips({
  genres,
  value,
  onChange,
  t,
}: {
  genres: WordCount[];
  value: string;
  onChange: (genre: string) => void;
  t: Strings;
}) {
  const label = useId();
  const format = new Intl.NumberFormat(t.locale);
  return (
    <div role="group" aria-labelledby={label} className="chips">
      <span id={label}>{t.genre}</span>
      {genres.map(({ word, count }) => {
        const on = value.trim().toLowerCase() === word;
        return (
          <button
            key={word}
            type="button"
            aria-pressed={on}
            className={on ? "chip on" : "chip"}
            onClick={() => onChange(on ? "" : word)}>
            {word} <span className="count">{format.format(count)}</span>
          </button>
        );
      })}
    </div>
  );
}
