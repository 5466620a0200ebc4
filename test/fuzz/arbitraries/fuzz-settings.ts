/**
 * How hard the fuzz properties try. `npm test` runs each property a few hundred times so the
 * whole folder stays well under a minute on two cores; `FUZZ_RUNS=20000 npx vitest run
 * test/fuzz` digs deeper, and `FUZZ_SEED` replays a failure fast-check reported.
 */
import type { Parameters } from 'fast-check';

function positiveInt(text: string | undefined): number | undefined {
  const n = Number(text);
  return text !== undefined && Number.isInteger(n) && n > 0 ? n : undefined;
}

/** fast-check parameters: `defaultRuns` unless FUZZ_RUNS says otherwise. */
export function fuzzParams<T>(defaultRuns: number): Parameters<T> {
  const seed = positiveInt(process.env.FUZZ_SEED) ?? (process.env.FUZZ_SEED === '0' ? 0 : undefined);
  return {
    numRuns: positiveInt(process.env.FUZZ_RUNS) ?? defaultRuns,
    ...(seed !== undefined ? { seed } : {}),
  };
}

/**
 * The AST with spans dropped, for comparing trees parsed from different text. Not through
 * JSON: JSON.stringify turns -0 into 0 and would hide a lost sign.
 */
export function withoutSpans(e: unknown): unknown {
  if (Array.isArray(e)) return e.map(withoutSpans);
  if (typeof e !== 'object' || e === null) return e;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(e)) if (k !== 'span' && v !== undefined) out[k] = withoutSpans(v);
  return out;
}
