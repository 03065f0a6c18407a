// One piece of work at a time per button: a second click while the first click's work is pending
// is dropped, so a double click sends one request.

import { useCallback, useEffect, useRef, useState } from "react";

export interface Gate {
  readonly pending: boolean;
  /** Run `work` unless earlier work is still pending; undefined when it was dropped. */
  through<T>(work: () => Promise<T>): Promise<T | undefined>;
}

export function gate(): Gate {
  let pending = false;
  return {
    get pending() {
      return pending;
    },
    async through<T>(work: () => Promise<T>): Promise<T | undefined> {
      if (pending) return undefined;
      pending = true;
      try {
        return await work();
      } finally {
        pending = false;
      }
    },
  };
}

/** Whether the component is still on the page: work that ends later sets no state after it left. */
export function useMounted(): { readonly current: boolean } {
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  return mounted;
}

/** `busy` for the button (disabled, aria-busy) and `guard` to run its work through one gate. The gate
 * is checked synchronously, so even two clicks before React re-renders start the work once. */
export function useBusy(): { busy: boolean; guard: <T>(work: () => Promise<T>) => Promise<T | undefined> } {
  const [one] = useState(gate);
  const [busy, setBusy] = useState(false);
  const mounted = useMounted();
  const guard = useCallback(
    <T>(work: () => Promise<T>) =>
      one.through(async () => {
        setBusy(true);
        try {
          return await work();
        } finally {
          if (mounted.current) setBusy(false);
        }
      }),
    [one, mounted], // mounted: the same ref each render
  );
  return { busy, guard };
}
