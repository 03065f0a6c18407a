import type { Strings } from "../i18n";
import { type Usable, USABLE } from "../types";

/** Any / Personal / Monetised: which licences the list may hold. */
export function UsableFilter({
  value,
  onChange,
  t,
}: {
  value: Usable;
  onChange: (usable: Usable) => void;
  t: Strings;
}) {
  return (
    <fieldset className="usable">
      <legend>{t.tracks.usable}</legend>
      {USABLE.map((usable) => (
        <label key={usable} className="inline">
          <input
            type="radio"
            name="usable"
            value={usable}
            checked={value === usable}
            onChange={() => onChange(usable)}
          />
          {t.tracks.usableOptions[usable]}
        </label>
      ))}
    </fieldset>
  );
}
