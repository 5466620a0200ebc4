/**
 * The proleptic Gregorian calendar as pure arithmetic, as java.time's IsoChronology (which
 * Spark 3+ uses for every date and timestamp): no Julian cutover, year 0 exists, years are
 * unbounded. Everything here is integer math so it runs per row without allocation and works
 * for the far years that a misread epoch number produces (JS Date stops at ±275760).
 */

export const SECONDS_PER_DAY = 86_400;
export const MICROS_PER_SECOND = 1_000_000;
export const MICROS_PER_DAY = 86_400_000_000;

/** Java's Math.floorDiv for doubles holding integers. */
export function floorDiv(a: number, b: number): number {
  return Math.floor(a / b);
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : MONTH_DAYS[month - 1];
}

/** Days since 1970-01-01 of a valid year/month/day (LocalDate.toEpochDay). */
export function daysFromCivil(year: number, month: number, day: number): number {
  // Shift the year so it starts in March: leap days then fall at the end of a "year".
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** Reused by civilFromDays callers that only need to read the three fields at once. */
export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

/** LocalDate.ofEpochDay: writes year/month/day of `days` into `out` (no allocation). */
export function civilFromDays(days: number, out: CivilDate): CivilDate {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  out.year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  out.month = month;
  out.day = day;
  return out;
}

/** ISO day of week, 1 = Monday … 7 = Sunday (java.time.DayOfWeek.getValue). 1970-01-01 was a Thursday. */
export function isoDayOfWeek(days: number): number {
  return ((((days + 3) % 7) + 7) % 7) + 1;
}

/** 1-based day of the year. */
export function dayOfYear(year: number, month: number, day: number): number {
  return daysFromCivil(year, month, day) - daysFromCivil(year, 1, 1) + 1;
}

/** True when year/month/day name a real date (LocalDate.of would not throw). */
export function isValidDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}
