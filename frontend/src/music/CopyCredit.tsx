import { useRef, useState } from "react";
import type { Strings } from "../i18n";

/** The credit line to paste under a post, with a copy button. Where the clipboard cannot be
 * written (an http:// address other than localhost, a refused permission) the text is selected
 * for the person to copy. `shown`: the text always, or only once asked for. */
export function CopyCredit({
  text,
  t,
  shown = "always",
}: {
  text: string;
  t: Strings;
  shown?: "always" | "after-copy";
}) {
  const [state, setState] = useState<"idle" | "copied" | "selected">("idle");
  const line = useRef<HTMLParagraphElement>(null);

  const select = () => {
    const node = line.current;
    const selection = window.getSelection();
    if (!node || !selection) return;
    const range = document.createRange();
    range.selectNodeContents(node);
    selection.removeAllRanges();
    selection.addRange(range);
  };

  const copy = async () => {
    try {
      if (!navigator.clipboard) throw new Error("no clipboard");
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      setState("selected");
      requestAnimationFrame(select); // once the line is on the page
    }
  };

  return (
    <div className="credit">
      {(shown === "always" || state !== "idle") && (
        <p className="credit-line" ref={line}>
          {text}
        </p>
      )}
      <button type="button" className="small" onClick={() => void copy()}>
        {t.tracks.copyCredit}
      </button>
      <span role="status" className="copied">
        {state === "copied" ? t.tracks.copied : state === "selected" ? t.tracks.selected : ""}
      </span>
    </div>
  );
}
