// Start a job and follow it: `job` is its latest state while it runs, null otherwise; `busy` from the
// call of `run` until the job ends. A `run` while one is under way is dropped (undefined).

import { useCallback, useState } from "react";
import * as api from "../api";
import { useBusy, useMounted } from "../busy";
import type { Job } from "../types";

export function useJob(): {
  job: Job | null;
  busy: boolean;
  run: (start: () => Promise<Job>) => Promise<Job | undefined>;
} {
  const [job, setJob] = useState<Job | null>(null);
  const { busy, guard } = useBusy();
  const mounted = useMounted();
  const run = useCallback(
    (start: () => Promise<Job>) =>
      guard(async () => {
        try {
          const started = await start();
          if (mounted.current) setJob(started);
          return await api.waitForJob(started.id, (latest) => {
            if (mounted.current) setJob(latest);
          });
        } finally {
          if (mounted.current) setJob(null);
        }
      }),
    [guard, mounted],
  );
  return { job, busy, run };
}
