/**
 * Integer JSON timestamps straight from a literal's ASCII digits, for the fast path: the digits
 * are split into the two parts timestamp-unit.ts `integerPartsToMicros` takes (the arithmetic
 * `integerToMicros` uses too: Spark's `getLongValue * 1000000L` with Java's 64-bit wrap-around,
 * or Tidemark's `timestampUnit`) without making the text a JS string.
 */
import { writeIntegerPartsAsMicros, type TimestampUnit } from './timestamp-unit';

/**
 * µs for the integer literal in `b[start, end)` (an optional `-`, then digits, no leading
 * zeros), written to `out[at]` so no double is boxed per row; false when it does not fit a
 * Java long.
 */
export function writeIntegerBytesAsMicros(
  out: Float64Array,
  at: number,
  b: Uint8Array,
  start: number,
  end: number,
  unit: TimestampUnit,
): boolean {
  const negative = b[start] === 45;
  const first = negative ? start + 1 : start;
  if (end - first > 19) return false;
  const split = end - 9;
  let high = 0;
  for (let i = first; i < split; i++) high = high * 10 + (b[i] - 48);
  let low = 0;
  for (let i = Math.max(split, first); i < end; i++) low = low * 10 + (b[i] - 48);
  return writeIntegerPartsAsMicros(out, at, negative, high, low, unit);
}
