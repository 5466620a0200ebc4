/**
 * Reading the options of the built-in generator sources (rate, rate-micro-batch, socket) the
 * way Spark's CaseInsensitiveStringMap does: names case-insensitive, numbers parsed strictly
 * (Long.parseLong / Integer.parseInt: NumberFormatException, an IllegalArgumentException in
 * Java), booleans only "true"/"false" in any case. Durations follow JavaUtils.timeStringAsSec.
 */
import { IllegalArgumentException } from '../../errors';

export type ProviderOptions = Readonly<Record<string, string>>;

/** The value of `key` whatever its case; later spellings were already merged by the reader. */
export function optionValue(options: ProviderOptions, key: string): string | undefined {
  const lower = key.toLowerCase();
  const found = Object.keys(options).find((k) => k.toLowerCase() === lower);
  return found === undefined ? undefined : options[found];
}

export function hasOption(options: ProviderOptions, key: string): boolean {
  return optionValue(options, key) !== undefined;
}

const INT_MAX = 2 ** 31 - 1;
const INT_MIN = -(2 ** 31);

/**
 * Long.parseLong: an optional sign and decimal digits, nothing else (no spaces, no "1e3").
 * Tidemark keeps longs as doubles, so values beyond 2^53 are refused rather than rounded.
 */
function parseIntegral(text: string, min: number, max: number): number {
  if (!/^[+-]?\d+$/.test(text)) throw numberFormat(text);
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < min || n > max) throw numberFormat(text);
  return n;
}

function numberFormat(text: string): IllegalArgumentException {
  return new IllegalArgumentException(`For input string: "${text}"`);
}

export function longOption(options: ProviderOptions, key: string, fallback: number): number {
  const v = optionValue(options, key);
  return v === undefined
    ? fallback
    : parseIntegral(v, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
}

export function intOption(options: ProviderOptions, key: string, fallback: number): number {
  const v = optionValue(options, key);
  return v === undefined ? fallback : parseIntegral(v, INT_MIN, INT_MAX);
}

/** CaseInsensitiveStringMap.getBoolean: Boolean.parseBoolean would silently read junk as false. */
export function booleanOption(options: ProviderOptions, key: string, fallback: boolean): boolean {
  const v = optionValue(options, key);
  if (v === undefined) return fallback;
  if (v.toLowerCase() === 'true') return true;
  if (v.toLowerCase() === 'false') return false;
  throw new IllegalArgumentException(`${v} is not a boolean string.`);
}

const SECONDS_PER_UNIT: Readonly<Record<string, number>> = {
  us: 1e-6,
  ms: 1e-3,
  s: 1,
  m: 60,
  min: 60,
  h: 3600,
  d: 86400,
};

/**
 * JavaUtils.timeStringAsSec: `<integer><unit>` with unit us, ms, s, m/min, h or d (seconds
 * when absent), truncated to whole seconds ("1500ms" is 1).
 */
export function timeStringAsSeconds(text: string): number {
  const m = /^(-?[0-9]+)([a-z]+)?$/.exec(text.trim().toLowerCase());
  const perUnit = m === null ? undefined : SECONDS_PER_UNIT[m[2] ?? 's'];
  if (m === null || perUnit === undefined) {
    throw new IllegalArgumentException(
      'Time must be specified as seconds (s), milliseconds (ms), microseconds (us), minutes (m or min), ' +
        `hour (h), or day (d). E.g. 50s, 100ms, or 250us.\nFailed to parse time string: ${text}`,
    );
  }
  return Math.trunc(Number(m[1]) * perUnit);
}
