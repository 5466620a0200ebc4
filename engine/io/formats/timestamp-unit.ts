/**
 * Integer JSON numbers read as TIMESTAMP. Spark reads them as seconds since the epoch and
 * multiplies by 1e6 without an overflow check (JacksonParser: `parser.getLongValue * 1000000L`),
 * so a millisecond or nanosecond epoch lands tens of thousands of years away (or wraps around
 * the 64-bit range). We reproduce that exactly — the product is computed with BigInt when it
 * leaves the exact range of a double — and add Tidemark's `timestampUnit` option
 * (`s` = Spark, `ms`, `us`, `ns`; or per column: `Arrival_Time:ms,Creation_Time:ns`) plus a
 * plausibility check that names the unit that would fit.
 */
import { IllegalArgumentException } from '../../errors';
import { daysFromCivil, formatTimestamp } from '../../types/datetime';

export type TimestampUnit = 's' | 'ms' | 'us' | 'ns';

export interface TimestampUnits {
  readonly fallback: TimestampUnit;
  readonly byColumn: ReadonlyMap<string, TimestampUnit>;
}

const UNITS: readonly TimestampUnit[] = ['s', 'ms', 'us', 'ns'];
const UNIT_NAMES: Readonly<Record<TimestampUnit, string>> = { s: 'seconds', ms: 'milliseconds', us: 'microseconds', ns: 'nanoseconds' };

function asUnit(text: string): TimestampUnit {
  const u = text.trim().toLowerCase();
  if ((UNITS as readonly string[]).includes(u)) return u as TimestampUnit;
  throw new IllegalArgumentException(`Invalid value '${text}' for option 'timestampUnit': use s, ms, us or ns (optionally per column, e.g. 'Creation_Time:ns').`);
}

export function parseTimestampUnits(option: string | undefined): TimestampUnits {
  const byColumn = new Map<string, TimestampUnit>();
  let fallback: TimestampUnit = 's';
  if (option === undefined) return { fallback, byColumn };
  for (const part of option.split(',')) {
    if (part.trim() === '') continue;
    const colon = part.lastIndexOf(':');
    if (colon < 0) fallback = asUnit(part);
    else byColumn.set(part.slice(0, colon).trim(), asUnit(part.slice(colon + 1)));
  }
  return { fallback, byColumn };
}

export function unitFor(units: TimestampUnits, column: string): TimestampUnit {
  return units.byColumn.get(column) ?? units.fallback;
}

const LONG_MAX_DIGITS = '9223372036854775807';
const LONG_MIN_DIGITS = '9223372036854775808';

/** True when an integer literal fits a Java long (Jackson's getLongValue would not throw). */
export function fitsInLong(text: string): boolean {
  const negative = text.charCodeAt(0) === 45;
  const digits = negative ? text.length - 1 : text.length;
  if (digits < 19) return true;
  if (digits > 19) return false;
  return (negative ? text.slice(1) : text) <= (negative ? LONG_MIN_DIGITS : LONG_MAX_DIGITS);
}

const FACTOR: Readonly<Record<TimestampUnit, number>> = { s: 1_000_000, ms: 1_000, us: 1, ns: 0 };
const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const TWO_32 = 4294967296;

/**
 * µs since the epoch for an integer literal in `unit`, wrapping on 64-bit overflow as Java's
 * long multiplication does; null when the literal itself does not fit a long (a bad record).
 */
export function integerToMicros(text: string, unit: TimestampUnit): number | null {
  const negative = text.charCodeAt(0) === 45;
  const first = negative ? 1 : 0;
  if (text.length - first > 19) return null;
  const split = text.length - 9;
  let high = 0;
  for (let i = first; i < split; i++) high = high * 10 + (text.charCodeAt(i) - 48);
  let low = 0;
  for (let i = Math.max(split, first); i < text.length; i++) low = low * 10 + (text.charCodeAt(i) - 48);
  return integerPartsToMicros(negative, high, low, unit);
}

/** One slot for `integerPartsToMicros`' result (the string path is not per-row hot). */
const RESULT = new Float64Array(1);

/**
 * `integerToMicros` for the literal ±(high·1e9 + low), 0 ≤ low < 1e9, at most 19 digits in all:
 * callers split the digits themselves, so the JSON fast path converts straight from bytes
 * (json-fast-timestamps.ts) and both paths share this one implementation of the arithmetic.
 */
export function integerPartsToMicros(negative: boolean, high: number, low: number, unit: TimestampUnit): number | null {
  return writeIntegerPartsAsMicros(RESULT, 0, negative, high, low, unit) ? RESULT[0] : null;
}

/**
 * Writes the µs of ±(high·1e9 + low) to `out[at]`; false when the literal does not fit a long.
 * Runs per row on the lab's nanosecond column, so the 64-bit arithmetic uses two exact
 * 32-bit limbs in doubles rather than BigInt, and the result goes into the caller's typed
 * array: a double returned from a call that is not inlined is a heap allocation per row.
 */
export function writeIntegerPartsAsMicros(
  out: Float64Array,
  at: number,
  negative: boolean,
  high: number,
  low: number,
  unit: TimestampUnit,
): boolean {
  if (high < 1e6) {
    // Below 1e15: exact as one double (-0 stays -0, as Number('-0') does).
    const m = high * 1e9 + low;
    const v = negative ? -m : m;
    if (unit === 'ns') {
      out[at] = Math.floor(v / 1000);
      return true;
    }
    const factor = FACTOR[unit];
    if (Math.abs(v) <= MAX_SAFE / factor) {
      out[at] = v * factor;
      return true;
    }
  }
  // The magnitude as hi·2^32 + lo, exactly: high·1e9 split as (a1·2^16 + a0)·1e9 so every
  // partial product stays below 2^53.
  const a0 = high % 65536;
  const t0 = a0 * 1e9 + low;
  const t1 = ((high - a0) / 65536) * 1e9;
  const t0lo = t0 % TWO_32;
  const t1low16 = t1 % 65536;
  let lo = t0lo + t1low16 * 65536;
  let hi = (t0 - t0lo) / TWO_32 + (t1 - t1low16) / 65536;
  if (lo >= TWO_32) {
    lo -= TWO_32;
    hi += 1;
  }
  // Fits a long: magnitude < 2^63, or exactly 2^63 when negative.
  if (hi > 2147483647 && !(negative && hi === 2147483648 && lo === 0)) return false;
  if (unit === 'ns') {
    // floor(±(hi·2^32 + lo) / 1000), dividing limb by limb so every step stays exact.
    const rest = (hi % 1000) * TWO_32 + lo;
    const q = Math.floor(hi / 1000) * TWO_32 + Math.floor(rest / 1000);
    out[at] = negative ? -(q + (rest % 1000 === 0 ? 0 : 1)) : q;
    return true;
  }
  // Multiply by the factor modulo 2^64.
  const factor = FACTOR[unit];
  const loProduct = lo * factor;
  lo = loProduct % TWO_32;
  hi = (hi * factor + Math.floor(loProduct / TWO_32)) % TWO_32;
  if (negative) {
    // Two's complement negation of (hi, lo).
    lo = (TWO_32 - lo) % TWO_32;
    hi = (TWO_32 - hi - (lo === 0 ? 0 : 1)) % TWO_32;
  }
  const signedHi = hi >= 2147483648 ? hi - TWO_32 : hi;
  out[at] = signedHi * TWO_32 + lo;
  return true;
}

const PLAUSIBLE_MIN_US = daysFromCivil(1900, 1, 1) * 86_400_000_000;
const PLAUSIBLE_MAX_US = daysFromCivil(2201, 1, 1) * 86_400_000_000;

/** Years 1900–2200: outside that a timestamp column almost certainly has the wrong unit. */
export function isPlausibleMicros(us: number): boolean {
  return us >= PLAUSIBLE_MIN_US && us < PLAUSIBLE_MAX_US;
}

/** The unit under which an integer literal gives a plausible timestamp, if any. */
export function plausibleUnit(text: string): TimestampUnit | null {
  for (const u of UNITS) {
    const us = integerToMicros(text, u);
    if (us !== null && isPlausibleMicros(us)) return u;
  }
  return null;
}

/** The IMPLAUSIBLE_TIMESTAMP message for one column of one file. */
export function implausibleMessage(
  file: string,
  column: string,
  sampleMicros: number,
  sampleLiteral: string | null,
  current: TimestampUnit,
  timeZone: string,
): string {
  const shown = formatTimestamp(sampleMicros, timeZone);
  const unit = sampleLiteral === null ? null : plausibleUnit(sampleLiteral);
  const head =
    sampleLiteral === null
      ? `${column} has timestamps outside the years 1900-2200 (e.g. ${shown}) in ${file}`
      : `${column} in ${file} reads ${sampleLiteral} as ${UNIT_NAMES[current]} since the epoch, giving ${shown}`;
  if (unit === null || unit === current) return `${head}.`;
  return `${head}. ${column} looks like ${UNIT_NAMES[unit]}: set option timestampUnit=${unit} (or timestampUnit=${column}:${unit} for this column only).`;
}
