/**
 * CAST(string AS TIMESTAMP) and CAST(string AS DATE), following SparkDateTimeUtils
 * (`parseTimestampString`, `stringToTimestamp`, `stringToDate`) segment by segment:
 *
 *   timestamp: `[+-]yyyy[y..]`, `…-[m]m`, `…-[m]m-[d]d`, `…-[m]m-[d]d[ T][h]h[:[m]m[:[s]s[.fraction]]][zone]`,
 *              and time only: `[T][h]h:[m]m:[s]s[.fraction][zone]` (today's date in the zone)
 *   date:      `[+-]yyyy[y..]`, `…-[m]m`, `…-[m]m-[d]d`, `…-[m]m-[d]d[ T]anything`
 *
 * Years have 4–6 digits for timestamps (4–7 for dates); fractions keep 6 digits and drop the
 * rest; the zone is whatever follows the seconds (`Z`, `+01:00`, ` Europe/Paris`, `UTC+1`…).
 * A string without a zone is in the session time zone. Invalid input gives null.
 */
import { MICROS_PER_SECOND, SECONDS_PER_DAY, daysFromCivil, isValidDate } from './datetime-calendar';
import { parseZoneId, type TimeZoneRules } from './datetime-zones';

const TWO_POW_63 = 9.223372036854776e18;

function isTrimmable(code: number): boolean {
  // UTF8String.isWhitespaceOrISOControl: spaces and C0/C1 control characters.
  return code <= 32 || (code >= 127 && code <= 159);
}

function trimmedBounds(s: string): [number, number] {
  let start = 0;
  while (start < s.length && isTrimmable(s.charCodeAt(start))) start++;
  let end = s.length - 1;
  while (end > start && isTrimmable(s.charCodeAt(end))) end--;
  return [start, end + 1];
}

/** year, month, day, hour, minute, second, micros (segments 0–6 of Spark's parser). */
export interface TimestampSegments {
  readonly fields: readonly number[];
  readonly zone: TimeZoneRules | null;
  readonly justTime: boolean;
}

function validDigits(segment: number, digits: number): boolean {
  // Segment 6 (fraction) takes any number of digits (beyond 6 are truncated); the zone
  // segment 7 may have none (region ids).
  return (
    segment === 6 ||
    (segment === 0 && digits >= 4 && digits <= 6) ||
    (segment === 7 && digits <= 2) ||
    (segment !== 0 && segment !== 6 && segment !== 7 && digits > 0 && digits <= 2)
  );
}

/** Spark's parseTimestampString; null when the text is not a timestamp. */
export function parseTimestampString(s: string): TimestampSegments | null {
  const seg = [1, 1, 1, 0, 0, 0, 0, 0, 0];
  const bounds = trimmedBounds(s);
  const end = bounds[1];
  let j = bounds[0];
  if (j === end) return null;
  let zoneText: string | null = null;
  let i = 0;
  let value = 0;
  let digits = 0;
  let fractionDigits = 0;
  let justTime = false;
  let yearSign = 0;
  const first = s.charCodeAt(j);
  if (first === 45 /* - */ || first === 43 /* + */) {
    yearSign = first === 45 ? -1 : 1;
    j++;
  }
  // Closes the current segment: validates its digit count and stores it.
  const close = (segment: number): boolean => {
    if (!validDigits(segment, digits)) return false;
    seg[segment] = value;
    value = 0;
    digits = 0;
    return true;
  };
  for (; j < end; j++) {
    const b = s.charCodeAt(j);
    const d = b - 48;
    if (d >= 0 && d <= 9) {
      if (i === 6) fractionDigits++;
      if (i !== 6 || digits < 6) value = value * 10 + d;
      digits++;
      continue;
    }
    if (j === 0 && b === 84 /* T */) {
      justTime = true;
      i += 3;
    } else if (i < 2) {
      if (b === 45) {
        if (!close(i)) return null;
        i++;
      } else if (i === 0 && b === 58 /* : */ && yearSign === 0) {
        justTime = true;
        if (!validDigits(3, digits)) return null;
        seg[3] = value;
        value = 0;
        digits = 0;
        i = 4;
      } else return null;
    } else if (i === 2) {
      if (b !== 32 && b !== 84) return null;
      if (!close(i)) return null;
      i++;
    } else if (i === 3 || i === 4) {
      if (b !== 58) return null;
      if (!close(i)) return null;
      i++;
    } else if (i === 5 || i === 6) {
      if (b === 46 /* . */ && i === 5) {
        if (!close(i)) return null;
        i++;
      } else {
        if (!close(i)) return null;
        i++;
        zoneText = s.slice(j, end);
        j = end - 1;
      }
      if (i === 6 && b !== 46) i++;
    } else {
      if (!(i < seg.length && (b === 58 || b === 32))) return null;
      if (!close(i)) return null;
      i++;
    }
  }
  if (!close(i)) return null;
  while (fractionDigits < 6) {
    seg[6] *= 10;
    fractionDigits++;
  }
  let zone: TimeZoneRules | null = null;
  if (zoneText !== null) {
    zone = parseZoneId(zoneText.trim());
    if (zone === null) return null;
  }
  if (yearSign !== 0) seg[0] *= yearSign;
  return { fields: seg, zone, justTime };
}

/** Microseconds of a local date-time in a zone, or null past the range of a 64-bit micros count. */
export function localToMicros(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  micros: number,
  zone: TimeZoneRules,
): number | null {
  const localSecond = daysFromCivil(year, month, day) * SECONDS_PER_DAY + hour * 3600 + minute * 60 + second;
  const us = zone.utcFromLocal(localSecond) * MICROS_PER_SECOND + micros;
  // instantToMicros uses multiplyExact/addExact: out of the Long range is an error → null.
  return us >= -TWO_POW_63 && us < TWO_POW_63 ? us : null;
}

/** SparkDateTimeUtils.stringToTimestamp: µs since the epoch, or null. */
export function stringToTimestamp(s: string, timeZone: string): number | null {
  const parsed = parseTimestampString(s);
  if (parsed === null) return null;
  const zone = parsed.zone ?? parseZoneId(timeZone);
  if (zone === null) return null;
  const f = parsed.fields;
  if (f[3] > 23 || f[4] > 59 || f[5] > 59) return null;
  if (parsed.justTime) {
    // LocalDate.now(zoneId)
    const nowSecond = Math.floor(Date.now() / 1000);
    const today = Math.floor((nowSecond + zone.offsetAt(nowSecond)) / SECONDS_PER_DAY);
    return zone.utcFromLocal(today * SECONDS_PER_DAY + f[3] * 3600 + f[4] * 60 + f[5]) * MICROS_PER_SECOND + f[6];
  }
  const year = f[0];
  const month = f[1];
  const day = f[2];
  if (!isValidDate(year, month, day)) return null;
  return localToMicros(year, month, day, f[3], f[4], f[5], f[6], zone);
}

/** SparkDateTimeUtils.stringToDate: days since 1970-01-01, or null. */
export function stringToDate(s: string): number | null {
  const seg = [1, 1, 1];
  const bounds = trimmedBounds(s);
  const end = bounds[1];
  let j = bounds[0];
  if (j === end) return null;
  let sign = 1;
  const first = s.charCodeAt(j);
  if (first === 45 || first === 43) {
    sign = first === 45 ? -1 : 1;
    j++;
  }
  let i = 0;
  let value = 0;
  let digits = 0;
  const valid = (segment: number, n: number): boolean =>
    (segment === 0 && n >= 4 && n <= 7) || (segment !== 0 && n > 0 && n <= 2);
  while (j < end && i < 3) {
    const b = s.charCodeAt(j);
    if (b === 32 || b === 84) break;
    if (i < 2 && b === 45) {
      if (!valid(i, digits)) return null;
      seg[i] = value;
      value = 0;
      digits = 0;
      i++;
    } else {
      const d = b - 48;
      if (d < 0 || d > 9) return null;
      value = value * 10 + d;
      digits++;
    }
    j++;
  }
  if (!valid(i, digits)) return null;
  // For `yyyy` and `yyyy-[m]m` the whole input must be consumed.
  if (i < 2 && j < end) return null;
  seg[i] = value;
  const year = sign * seg[0];
  if (!isValidDate(year, seg[1], seg[2])) return null;
  return daysFromCivil(year, seg[1], seg[2]);
}

/** DateTimeUtils.cleanLegacyTimestampStr: the 1.x/2.0 fallback drops every "GMT". */
export function cleanLegacyTimestampStr(s: string): string {
  return s.includes('GMT') ? s.split('GMT').join('') : s;
}
