/**
 * Compares two multisets of rows (as comparison keys): the output of a run with crashes
 * against the output of one without. A key found more often than expected is a duplicate,
 * one found less often is missing, one never expected at all is unexpected (a wrong value).
 */
export interface OutputComparison {
  readonly rowsExpected: number;
  readonly rowsFound: number;
  readonly duplicates: number;
  readonly missing: number;
  readonly unexpected: number;
  /** A few offending keys, for the failure message. */
  readonly examples: string[];
}

export function compareOutput(
  expected: readonly string[],
  found: readonly string[],
): OutputComparison {
  const want = countKeys(expected);
  const got = countKeys(found);
  let duplicates = 0;
  let missing = 0;
  let unexpected = 0;
  const examples: string[] = [];
  for (const [key, n] of got) {
    const w = want.get(key) ?? 0;
    if (w === 0) {
      unexpected += n;
      examples.push(`unexpected ${key}`);
    } else if (n > w) {
      duplicates += n - w;
      examples.push(`duplicated ${key} (${n}×, expected ${w}×)`);
    }
  }
  for (const [key, w] of want) {
    const n = got.get(key) ?? 0;
    if (n < w) {
      missing += w - n;
      examples.push(`missing ${key}`);
    }
  }
  return {
    rowsExpected: expected.length,
    rowsFound: found.length,
    duplicates,
    missing,
    unexpected,
    examples: examples.slice(0, 5),
  };
}

function countKeys(keys: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  return counts;
}

/** A row as a key: JSON with bigints and dates spelled out, fields in schema order. */
export function canonicalRow(row: Record<string, unknown>): string {
  return JSON.stringify(row, (_k, v: unknown) =>
    typeof v === 'bigint' ? v.toString() : v instanceof Date ? v.toISOString() : v,
  );
}
