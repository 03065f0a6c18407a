// The `usable` filter, remembered per account in this browser: the signed-in name, or "local" on
// the single-person tool.

import { type Usable, USABLE } from "../types";

const PREFIX = "moodify.usable.";

export const accountKey = (who: { name: string | null } | null): string => who?.name || "local";

export function savedUsable(account: string, storage: Pick<Storage, "getItem"> = localStorage): Usable {
  const saved = storage.getItem(PREFIX + account);
  return (USABLE as readonly string[]).includes(saved ?? "") ? (saved as Usable) : "any";
}

export function saveUsable(account: string, usable: Usable, storage: Pick<Storage, "setItem"> = localStorage): void {
  storage.setItem(PREFIX + account, usable);
}
