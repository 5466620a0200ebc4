/**
 * Redraws at most once per interval (issue 6: charts update at most a few times a second,
 * ui-anchors.md (c) 5: a rate cap for redraws). The first request runs at once; requests
 * during the interval fold into one trailing run at its end, so the last state is always drawn.
 */

export interface Timers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export interface Throttled {
  /** Asks for a run: now if the interval has passed, else once at its end. */
  request(): void;
  /** Drops a pending run (the chart is gone). */
  cancel(): void;
}

export function throttle(
  run: () => void,
  intervalMs: number,
  timers: Timers = realTimers,
): Throttled {
  let last = Number.NEGATIVE_INFINITY;
  let pending: unknown = null;
  const fire = (): void => {
    pending = null;
    last = timers.now();
    run();
  };
  return {
    request(): void {
      if (pending !== null) return;
      const wait = last + intervalMs - timers.now();
      if (wait <= 0) fire();
      else pending = timers.setTimeout(fire, wait);
    },
    cancel(): void {
      if (pending !== null) timers.clearTimeout(pending);
      pending = null;
    },
  };
}
