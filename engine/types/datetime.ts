/**
 * Dates and timestamps as Spark handles them: timestamps are µs since the epoch (UTC), dates
 * are days since 1970-01-01, both in the Proleptic Gregorian calendar; the session time zone
 * (spark.sql.session.timeZone) decides how local text maps to instants.
 *
 * This module is the entry point; the work lives in datetime-cast (CAST string rules),
 * datetime-pattern* (Spark datetime patterns), datetime-zones and datetime-calendar.
 */
import { MICROS_PER_SECOND, SECONDS_PER_DAY, civilFromDays, daysFromCivil, isValidDate, type CivilDate } from './datetime-calendar';
import { localToMicros } from './datetime-cast';
import { emptyLocalFields, formatYear, pad2, toLocalFields, trimmedFraction } from './datetime-fields';
import { UTC, zoneRules } from './datetime-zones';

export { stringToTimestamp, stringToDate, parseTimestampString, cleanLegacyTimestampStr } from './datetime-cast';
export { compileDateTimePattern, type DateTimePattern, type CompileOptions } from './datetime-pattern';
export { SparkIllegalArgumentException } from './datetime-pattern-tokens';
export { parseZoneId, zoneRules, type TimeZoneRules } from './datetime-zones';
export { daysFromCivil, civilFromDays, isLeapYear, daysInMonth, isoDayOfWeek } from './datetime-calendar';
export { MICROS_PER_SECOND, MICROS_PER_DAY, SECONDS_PER_DAY } from './datetime-calendar';

const scratch = emptyLocalFields();

/**
 * CAST(timestamp AS STRING): `yyyy-MM-dd HH:mm:ss[.fraction]` in the zone, fraction without
 * trailing zeros (DateTimeFormatterHelper.fractionFormatter); years past 9999 print a `+`,
 * negative years a `-` (java.time's EXCEEDS_PAD).
 */
export function formatTimestamp(us: number, timeZone: string): string {
  const f = toLocalFields(us, timeZone === 'UTC' ? UTC : zoneRules(timeZone), scratch);
  return (
    `${formatYear(f.year, 4)}-${pad2(f.month)}-${pad2(f.day)} ` +
    `${pad2(f.hour)}:${pad2(f.minute)}:${pad2(f.second)}${trimmedFraction(f.micros)}`
  );
}

const scratchDate: CivilDate = { year: 0, month: 0, day: 0 };

/** CAST(date AS STRING): `yyyy-MM-dd`. */
export function formatDate(days: number): string {
  const d = civilFromDays(days, scratchDate);
  return `${formatYear(d.year, 4)}-${pad2(d.month)}-${pad2(d.day)}`;
}

export interface TimestampFields {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** Microseconds within the second. */
  readonly micros: number;
  /** ISO day of week: 1 = Monday … 7 = Sunday (Spark's `dayofweek` is Sunday = 1: convert). */
  readonly dayOfWeek: number;
  readonly dayOfYear: number;
}

/** The local fields of a timestamp in a zone (`year(ts)`, `hour(ts)`, … in the session zone). */
export function timestampFields(us: number, timeZone: string): TimestampFields {
  const f = toLocalFields(us, timeZone === 'UTC' ? UTC : zoneRules(timeZone), emptyLocalFields());
  return {
    year: f.year,
    month: f.month,
    day: f.day,
    hour: f.hour,
    minute: f.minute,
    second: f.second,
    micros: f.micros,
    dayOfWeek: f.dayOfWeek,
    dayOfYear: f.dayOfYear,
  };
}

/**
 * A local date-time in a zone → µs since the epoch (make_timestamp, date → timestamp casts).
 * Null when the fields do not form a valid date-time. Gaps move later, overlaps take the
 * earlier offset (ZonedDateTime.of).
 */
export function fromFields(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  micros: number,
  timeZone: string,
): number | null {
  if (!isValidDate(year, month, day)) return null;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return null;
  if (micros < 0 || micros >= MICROS_PER_SECOND) return null;
  return localToMicros(year, month, day, hour, minute, second, micros, zoneRules(timeZone));
}

/** Days since the epoch of a timestamp in a zone (CAST(ts AS DATE)). */
export function timestampToDays(us: number, timeZone: string): number {
  const f = toLocalFields(us, timeZone === 'UTC' ? UTC : zoneRules(timeZone), scratch);
  return daysFromCivil(f.year, f.month, f.day);
}

/** Start of a day in a zone as µs (CAST(date AS TIMESTAMP)). */
export function daysToTimestamp(days: number, timeZone: string): number {
  return zoneRules(timeZone).utcFromLocal(days * SECONDS_PER_DAY) * MICROS_PER_SECOND;
}
