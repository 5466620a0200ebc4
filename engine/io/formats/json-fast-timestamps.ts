/**
 * Integer JSON timestamps straight from a literal's ASCII digits, for the fast path: the same
 * value as timestamp-unit.ts `integerToMicros(text, unit)` (Spark's `getLongValue * 1000000L`
 * with Java's 64-bit wrap-around, or Tidemark's `timestampUnit`) without making the text a JS
 * string. The lab's nanosecond Creation_Time has 19 digits, so the 64-bit path is the common
 * one; it works on two exact 32-bit limbs held in doubles. The differential fuzz test
 * (test/fuzz/json-fast-scanner.test.ts) holds the two functions equal.
 */
import type { TimestampUnit } from './timestamp-unit';

const FACTOR: Readonly<Record<TimestampUnit, number>> = { s: 1_000_000, ms: 1_000, us: 1, ns: 0 };
const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const TWO_32 = 4294967296;

/**
 * µs for the integer literal in `b[start, end)` (an optional `-`, then digits, no leading
 * zeros); null when it does not fit a Java long.
 */
export function integerBytesToMicros(b: Uint8Array, start: number, end: number, unit: TimestampUnit): number | null {
  const negative = b[start] === 45;
  const first = negative ? start + 1 : start;
  const digits = end - first;
  if (digits < 16) {
    let m = 0;
    for (let i = first; i < end; i++) m = m * 10 + (b[i] - 48);
    const v = negative ? -m : m;
    if (unit === 'ns') return Math.floor(v / 1000);
    const factor = FACTOR[unit];
    if (Math.abs(v) <= MAX_SAFE / factor) return v * factor;
  }
  if (digits > 19) return null;
  // The magnitude as hi·2^32 + lo, exactly: A = leading digits, B = last 9 digits.
  const split = end - 9;
  let a = 0;
  for (let i = first; i < split; i++) a = a * 10 + (b[i] - 48);
  let low = 0;
  for (let i = Math.max(split, first); i < end; i++) low = low * 10 + (b[i] - 48);
  const a0 = a % 65536;
  const t0 = a0 * 1e9 + low;
  const t1 = ((a - a0) / 65536) * 1e9;
  const t0lo = t0 % TWO_32;
  const t1low16 = t1 % 65536;
  let lo = t0lo + t1low16 * 65536;
  let hi = (t0 - t0lo) / TWO_32 + (t1 - t1low16) / 65536;
  if (lo >= TWO_32) {
    lo -= TWO_32;
    hi += 1;
  }
  if (hi > 2147483647 && !(negative && hi === 2147483648 && lo === 0)) return null;
  if (unit === 'ns') {
    const rest = (hi % 1000) * TWO_32 + lo;
    const q = Math.floor(hi / 1000) * TWO_32 + Math.floor(rest / 1000);
    return negative ? -(q + (rest % 1000 === 0 ? 0 : 1)) : q;
  }
  const factor = FACTOR[unit];
  const loProduct = lo * factor;
  lo = loProduct % TWO_32;
  hi = (hi * factor + Math.floor(loProduct / TWO_32)) % TWO_32;
  if (negative) {
    lo = (TWO_32 - lo) % TWO_32;
    hi = (TWO_32 - hi - (lo === 0 ? 0 : 1)) % TWO_32;
  }
  const signedHi = hi >= 2147483648 ? hi - TWO_32 : hi;
  return signedHi * TWO_32 + lo;
}
