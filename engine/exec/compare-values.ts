/**
 * Spark's orderings for values the engine compares row by row (sort keys, min/max):
 * numbers with NaN above every other value and -0.0 equal to 0.0 (SQLOrderingUtil),
 * strings by UTF-8 bytes — i.e. by code point, which differs from JavaScript's UTF-16
 * order only where a surrogate pair meets a character in U+E000–U+FFFF — booleans
 * false < true, structs field by field, arrays element by element.
 */

export function compareNumbers(a: number, b: number): number {
  if (a < b) return -1;
  if (a > b) return 1;
  if (a === b) return 0;
  const an = a !== a;
  const bn = b !== b;
  return an === bn ? 0 : an ? 1 : -1;
}

export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // A surrogate (astral code point) sorts after every BMP character in code-point order.
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys && (xs ? y >= 0xe000 : x >= 0xe000)) return xs ? 1 : -1;
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

/** Non-null row values of one type (as valueAt returns them). */
export function compareValues(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return compareNumbers(a, b);
  if (typeof a === 'string' && typeof b === 'string') return compareStrings(a, b);
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const c = compareNullable(a[i], b[i], true);
      if (c !== 0) return c;
    }
    return a.length - b.length;
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a);
    for (const k of ka) {
      const c = compareNullable(
        (a as Record<string, unknown>)[k],
        (b as Record<string, unknown>)[k],
        true,
      );
      if (c !== 0) return c;
    }
    return 0;
  }
  return 0;
}

/** With nulls placed first or last. */
export function compareNullable(a: unknown, b: unknown, nullsFirst: boolean): number {
  const an = a === null || a === undefined;
  const bn = b === null || b === undefined;
  if (an || bn) return an === bn ? 0 : an === nullsFirst ? -1 : 1;
  return compareValues(a, b);
}

/** Ranks of a string dictionary in Spark's order: rank[code] compares as the strings do. */
export function dictionaryRanks(dict: readonly string[]): Int32Array {
  const order = dict.map((_, i) => i).sort((x, y) => compareStrings(dict[x], dict[y]));
  const rank = new Int32Array(dict.length);
  let r = 0;
  for (let i = 0; i < order.length; i++) {
    if (i > 0 && dict[order[i]] !== dict[order[i - 1]]) r++;
    rank[order[i]] = r;
  }
  return rank;
}
