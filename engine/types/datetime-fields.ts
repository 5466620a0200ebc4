/**
 * The local date-time fields of a timestamp in a zone (what `hour(ts)`, `date_format` and
 * CAST(ts AS STRING) see), and the way back. Timestamps are µs since the epoch held in a
 * double; far values (a misread epoch-nanosecond number) still split exactly enough, since
 * the calendar math is pure arithmetic.
 */
import {
  MICROS_PER_SECOND,
  SECONDS_PER_DAY,
  civilFromDays,
  dayOfYear as dayOfYearOf,
  isoDayOfWeek,
  type CivilDate,
} from './datetime-calendar';
import type { TimeZoneRules } from './datetime-zones';

export interface LocalFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** Microseconds within the second, 0–999999. */
  micros: number;
  /** 1 = Monday … 7 = Sunday (java.time.DayOfWeek). */
  dayOfWeek: number;
  dayOfYear: number;
  /** Offset from UTC in effect, in seconds. */
  offsetSeconds: number;
}

export function emptyLocalFields(): LocalFields {
  return { year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0, micros: 0, dayOfWeek: 4, dayOfYear: 1, offsetSeconds: 0 };
}

const scratchDate: CivilDate = { year: 0, month: 0, day: 0 };

/** Fills `out` with the fields of `us` in `zone` (Instant.atZone(zone).toLocalDateTime). */
export function toLocalFields(us: number, zone: TimeZoneRules, out: LocalFields): LocalFields {
  let epochSecond = Math.floor(us / MICROS_PER_SECOND);
  let micros = us - epochSecond * MICROS_PER_SECOND;
  // Beyond 2^53 the subtraction can land just outside [0, 1e6); keep the split consistent.
  if (micros < 0) {
    epochSecond -= 1;
    micros += MICROS_PER_SECOND;
  } else if (micros >= MICROS_PER_SECOND) {
    epochSecond += 1;
    micros -= MICROS_PER_SECOND;
  }
  const offset = zone.fixedOffsetSeconds ?? zone.offsetAt(epochSecond);
  const local = epochSecond + offset;
  const days = Math.floor(local / SECONDS_PER_DAY);
  const secOfDay = local - days * SECONDS_PER_DAY;
  civilFromDays(days, scratchDate);
  out.year = scratchDate.year;
  out.month = scratchDate.month;
  out.day = scratchDate.day;
  out.hour = Math.floor(secOfDay / 3600);
  out.minute = Math.floor((secOfDay % 3600) / 60);
  out.second = secOfDay % 60;
  out.micros = Math.floor(micros);
  out.dayOfWeek = isoDayOfWeek(days);
  out.dayOfYear = dayOfYearOf(out.year, out.month, out.day);
  out.offsetSeconds = offset;
  return out;
}

/** Java's zero-padded number printing with EXCEEDS_PAD sign style (years in `yyyy`). */
export function formatYear(year: number, width: number): string {
  const abs = Math.abs(year);
  const digits = String(abs).padStart(width, '0');
  if (year < 0) return '-' + digits;
  return abs >= 10 ** width ? '+' + digits : digits;
}

export function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

/** Fraction digits of a micros-of-second with trailing zeros dropped ("" for 0). */
export function trimmedFraction(micros: number): string {
  if (micros === 0) return '';
  let s = String(micros).padStart(6, '0');
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 48) end--;
  s = s.slice(0, end);
  return '.' + s;
}
