/**
 * One throughput figure: a warm-up run (JIT, page cache), then `runs` timed runs, reported
 * as the median with min and max. Each run returns the rows it read, checked against the
 * folder so that a peer doing less work cannot look faster.
 */
export interface Measurement {
  /** Which query (QUERY_TITLES key, or a variant such as activityCount-1thread): ratios pair on it. */
  readonly query: string;
  readonly name: string;
  readonly peer: 'tidemark' | 'node-loop' | 'spark';
  readonly rows: number;
  readonly bytes: number;
  readonly runs: number;
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly rowsPerSecond: number;
  readonly mbPerSecond: number;
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** A Measurement from timed runs (ms) over `rows` rows and `bytes` input bytes. */
export function summarize(
  query: string,
  name: string,
  peer: Measurement['peer'],
  rows: number,
  bytes: number,
  times: readonly number[],
): Measurement {
  const medianMs = median(times);
  return {
    query,
    name,
    peer,
    rows,
    bytes,
    runs: times.length,
    medianMs,
    minMs: Math.min(...times),
    maxMs: Math.max(...times),
    rowsPerSecond: rows / (medianMs / 1000),
    mbPerSecond: bytes / 1e6 / (medianMs / 1000),
  };
}

export async function measure(
  query: string,
  name: string,
  peer: Measurement['peer'],
  folder: { readonly rows: number; readonly bytes: number },
  runs: number,
  run: () => Promise<number>,
  between: () => void = () => undefined,
): Promise<Measurement> {
  const check = (seen: number): void => {
    if (seen !== folder.rows)
      throw new Error(`${name}: expected ${folder.rows} input rows, the run read ${seen}`);
  };
  check(await run());
  between();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const seen = await run();
    times.push(performance.now() - t0);
    check(seen);
    between();
  }
  const m = summarize(query, name, peer, folder.rows, folder.bytes, times);
  console.log(
    `  ${name} [${peer}]: median ${(m.medianMs / 1000).toFixed(3)} s, ${Math.round(m.rowsPerSecond).toLocaleString()} rows/s`,
  );
  return m;
}
