// Start a job and follow it: `job` is its latest state while it runs, null otherwise.

import { useCallback, useEffect, useRef, useState } from "react";
import * as api from "../api";
import type { Job } from "../types";

export function useJob(): { job: Job | null; run: (start: () => Promise<Job>) => Promise<Job> } {
  const [job, setJob] = useState<Job | null>(null);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  const run = useCallback(async (start: () => Promise<Job>) => {
    try {
      const started = await start();
      if (mounted.current) setJob(started);
      return await api.waitForJob(started.id, (latest) => {
        if (mounted.current) setJob(latest);
      });
    } finally {
      if (mounted.current) setJob(null);
    }
  }, []);
  return { job, run };
}
