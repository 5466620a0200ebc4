/**
 * Day-time interval literals, as Spark's parser reads them (AstBuilder.visitInterval):
 *   INTERVAL 1 HOUR, INTERVAL '1' HOUR, INTERVAL 1 HOUR 30 MINUTES, INTERVAL '1 hour 30 minutes',
 *   INTERVAL '0 01:30:00' DAY TO SECOND (the form Tidemark prints back).
 * The value is microseconds; units are week, day, hour, minute, second, millisecond,
 * microsecond (singular or plural). Year and month intervals are not supported.
 */
import { ParseException } from '../errors';

const UNIT_MICROS: Readonly<Record<string, number>> = {
  week: 7 * 86_400_000_000,
  day: 86_400_000_000,
  hour: 3_600_000_000,
  minute: 60_000_000,
  second: 1_000_000,
  millisecond: 1_000,
  microsecond: 1,
};

/** Micros per unit for a unit word (`hours`, `MINUTE`, …), or undefined. */
export function intervalUnitMicros(word: string): number | undefined {
  const w = word.toLowerCase();
  return UNIT_MICROS[w] ?? UNIT_MICROS[w.endsWith('s') ? w.slice(0, -1) : w];
}

export function isYearMonthUnit(word: string): boolean {
  return /^(years?|months?)$/i.test(word);
}

/** `'1 hour 30 minutes'` → micros; `null` when the text is not in that form. */
export function parseIntervalText(text: string): number | null {
  const parts = text.trim().split(/\s+/);
  if (parts.length === 0 || parts.length % 2 !== 0) return null;
  let total = 0;
  for (let i = 0; i < parts.length; i += 2) {
    const n = Number(parts[i]);
    const unit = intervalUnitMicros(parts[i + 1]);
    if (!Number.isFinite(n) || unit === undefined) return null;
    total += n * unit;
  }
  return total;
}

/** `'[-]d hh:mm:ss[.ffffff]'` (DAY TO SECOND) → micros, or null. */
export function parseDayToSecond(text: string): number | null {
  const m = /^\s*([+-])?(\d+) (\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.(\d{1,9}))?\s*$/.exec(text);
  if (!m) return null;
  const fraction = Number((m[6] ?? '').padEnd(6, '0').slice(0, 6));
  const micros = ((Number(m[2]) * 24 + Number(m[3])) * 60 + Number(m[4])) * 60_000_000 + Number(m[5]) * 1_000_000 + fraction;
  return m[1] === '-' ? -micros : micros;
}

/** Spark's DAY TO SECOND literal text for micros: `INTERVAL '0 01:30:00' DAY TO SECOND`. */
export function intervalSQL(micros: number): string {
  const sign = micros < 0 ? '-' : '';
  let rest = Math.abs(micros);
  const days = Math.floor(rest / 86_400_000_000);
  rest -= days * 86_400_000_000;
  const hours = Math.floor(rest / 3_600_000_000);
  rest -= hours * 3_600_000_000;
  const minutes = Math.floor(rest / 60_000_000);
  rest -= minutes * 60_000_000;
  const seconds = Math.floor(rest / 1_000_000);
  const fraction = rest - seconds * 1_000_000;
  const two = (n: number): string => String(n).padStart(2, '0');
  const frac = fraction > 0 ? '.' + String(fraction).padStart(6, '0') : '';
  return `INTERVAL '${sign}${days} ${two(hours)}:${two(minutes)}:${two(seconds)}${frac}' DAY TO SECOND`;
}

export function unsupportedInterval(text: string, start: number, stop: number, what: string): ParseException {
  return new ParseException('UNSUPPORTED_FEATURE.INTERVAL', `${what} is not supported: Tidemark supports day-time intervals (week, day, hour, minute, second, millisecond, microsecond).`, {
    sqlState: '0A000',
    context: { text, start, stop },
  });
}
