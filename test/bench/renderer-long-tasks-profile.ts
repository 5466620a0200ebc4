/**
 * What ran in the page's long tasks, from Chromium's sampling CPU profile (CDP
 * `Profiler.start` / `Profiler.stop`). The profile's clock is not performance.now()'s, so
 * instead of mapping the observer's entries onto it, the busy stretches are found in the
 * profile itself: consecutive samples outside `(idle)`, at least 50 ms long, each named by
 * the functions that spent the most self time in it.
 */

/** The parts of CDP's Profiler.Profile read here. */
export interface CpuProfile {
  readonly nodes: readonly {
    readonly id: number;
    readonly callFrame: {
      readonly functionName: string;
      readonly url: string;
      readonly lineNumber: number;
      readonly columnNumber: number;
    };
  }[];
  readonly samples?: readonly number[];
  readonly timeDeltas?: readonly number[];
}

export interface BusyStretch {
  /** Since the profile started. */
  readonly startMs: number;
  readonly durationMs: number;
  /** `functionName (file:line:column) self ms`, most first (the bundle is minified: the column finds it). */
  readonly top: readonly string[];
}

const LONG_MS = 50;

export function busyStretches(profile: CpuProfile, topN = 6): BusyStretch[] {
  const frameOf = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  const stretches: BusyStretch[] = [];
  let at = 0;
  let start = -1;
  let self = new Map<string, number>();
  const close = (end: number): void => {
    if (start >= 0 && end - start >= LONG_MS) {
      const top = [...self.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, topN)
        .map(([name, us]) => `${name} ${(us / 1000).toFixed(1)} ms`);
      stretches.push({ startMs: start, durationMs: end - start, top });
    }
    start = -1;
    self = new Map();
  };
  for (let i = 0; i < samples.length; i++) {
    const delta = deltas[i] ?? 0;
    at += delta / 1000;
    const frame = frameOf.get(samples[i]);
    // The delta before a sample is the time it stands for.
    if (frame === undefined || frame.functionName === '(idle)') {
      close(at - delta / 1000);
      continue;
    }
    if (start < 0) start = at - delta / 1000;
    const name = `${frame.functionName || '(anonymous)'} (${shortUrl(frame.url)}:${frame.lineNumber + 1}:${frame.columnNumber + 1})`;
    self.set(name, (self.get(name) ?? 0) + delta);
  }
  close(at);
  return stretches;
}

function shortUrl(url: string): string {
  if (url === '') return 'native';
  const slash = url.lastIndexOf('/');
  return slash < 0 ? url : url.slice(slash + 1);
}
