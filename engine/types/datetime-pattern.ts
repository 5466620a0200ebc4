/**
 * A compiled Spark datetime pattern (the `timestampFormat` / `dateFormat` options,
 * `date_format`, `to_timestamp`): Spark's TimestampFormatter / DateFormatter over
 * java.time's DateTimeFormatter, STRICT resolution, Proleptic Gregorian calendar.
 */
import { SECONDS_PER_DAY, daysFromCivil, isLeapYear, isValidDate } from './datetime-calendar';
import { emptyLocalFields, toLocalFields } from './datetime-fields';
import { localToMicros } from './datetime-cast';
import { formatNodes } from './datetime-pattern-format';
import { emptyParsed, parseNodes, type ParsedFields } from './datetime-pattern-parse';
import { tokenizePattern, type PatternNode } from './datetime-pattern-tokens';
import { UTC, fixedOffsetZone, zoneRules, type TimeZoneRules } from './datetime-zones';

export interface DateTimePattern {
  readonly pattern: string;
  /** Text → µs since the epoch; the session `timeZone` applies when the text has no zone. Null when it does not match. */
  parse(s: string, timeZone: string): number | null;
  /** µs since the epoch → text in `timeZone`. */
  format(us: number, timeZone: string): string;
  /** DateFormatter.parse: text → days since 1970-01-01 (time and zone fields ignored). */
  parseDate(s: string): number | null;
  /** DateFormatter.format: days since 1970-01-01 → text. */
  formatDate(days: number): string;
}

export interface CompileOptions {
  /** Check the pattern for parsing too (`E F q Q` are then illegal, as in Spark). Default true. */
  readonly forParsing?: boolean;
}

const cache = new Map<string, DateTimePattern>();

export function compileDateTimePattern(pattern: string, options: CompileOptions = {}): DateTimePattern {
  const forParsing = options.forParsing ?? true;
  const key = (forParsing ? 'p:' : 'f:') + pattern;
  const hit = cache.get(key);
  if (hit) return hit;
  const compiled = new CompiledPattern(pattern, tokenizePattern(pattern, forParsing), forParsing);
  if (cache.size > 256) cache.clear();
  cache.set(key, compiled);
  return compiled;
}

class CompiledPattern implements DateTimePattern {
  private readonly fields = emptyLocalFields();

  constructor(
    readonly pattern: string,
    private readonly nodes: readonly PatternNode[],
    private readonly forParsing: boolean,
  ) {}

  parse(s: string, timeZone: string): number | null {
    const p = this.parseFields(s);
    if (p === null) return null;
    const zone: TimeZoneRules = p.zone ?? (Number.isNaN(p.offsetSeconds) ? zoneRules(timeZone) : fixedOffsetZone(p.offsetSeconds));
    const date = resolveDate(p);
    const time = resolveTime(p);
    if (date === null || time === null) return null;
    const [h, m, sec, us] = time;
    return localToMicros(date[0], date[1], date[2], h, m, sec, us, zone);
  }

  parseDate(s: string): number | null {
    const p = this.parseFields(s);
    if (p === null) return null;
    const date = resolveDate(p);
    return date === null ? null : daysFromCivil(date[0], date[1], date[2]);
  }

  format(us: number, timeZone: string): string {
    const zone = zoneRules(timeZone);
    return formatNodes(this.nodes, toLocalFields(us, zone, this.fields), zone);
  }

  formatDate(days: number): string {
    return formatNodes(this.nodes, toLocalFields(days * SECONDS_PER_DAY * 1e6, UTC, this.fields), UTC);
  }

  private parseFields(s: string): ParsedFields | null {
    if (!this.forParsing) throw new Error(`Pattern '${this.pattern}' was compiled for formatting only`);
    const p = emptyParsed();
    const end = parseNodes(this.nodes, s, 0, p);
    return end === s.length ? p : null;
  }
}

function present(v: number): boolean {
  return !Number.isNaN(v);
}

/** Spark's toLocalDate with STRICT validation: [year, month, day] or null. */
function resolveDate(p: ParsedFields): [number, number, number] | null {
  let year = p.year;
  if (!present(year) && present(p.yearOfEra)) {
    if (p.yearOfEra < 1) return null;
    year = p.era === 0 ? 1 - p.yearOfEra : p.yearOfEra;
  }
  if (!present(year)) year = 1970;
  if (present(p.month) && (p.month < 1 || p.month > 12)) return null;
  if (present(p.day) && (p.day < 1 || p.day > 31)) return null;
  if (present(p.dayOfYear)) {
    const max = isLeapYear(year) ? 366 : 365;
    if (p.dayOfYear < 1 || p.dayOfYear > max) return null;
    const days = daysFromCivil(year, 1, 1) + p.dayOfYear - 1;
    const probe = toLocalFields(days * SECONDS_PER_DAY * 1e6, UTC, emptyLocalFields());
    // verifyLocalDate: a month or day given alongside must agree with the day of year.
    if (present(p.month) && p.month !== probe.month) return null;
    if (present(p.day) && p.day !== probe.day) return null;
    return [probe.year, probe.month, probe.day];
  }
  const month = present(p.month) ? p.month : 1;
  const day = present(p.day) ? p.day : 1;
  return isValidDate(year, month, day) ? [year, month, day] : null;
}

/** Spark's toLocalTime after java.time's STRICT hour resolution: [h, m, s, µs] or null. */
function resolveTime(p: ParsedFields): [number, number, number, number] | null {
  let hourOfDay = p.hourOfDay;
  if (present(hourOfDay) && (hourOfDay < 0 || hourOfDay > 23)) return null;
  if (present(p.clockHourOfDay)) {
    if (p.clockHourOfDay < 1 || p.clockHourOfDay > 24) return null;
    const h = p.clockHourOfDay === 24 ? 0 : p.clockHourOfDay;
    if (present(hourOfDay) && hourOfDay !== h) return null;
    hourOfDay = h;
  }
  let hourOfAmPm = p.hourOfAmPm;
  if (present(hourOfAmPm) && (hourOfAmPm < 0 || hourOfAmPm > 11)) return null;
  if (present(p.clockHourOfAmPm)) {
    if (p.clockHourOfAmPm < 1 || p.clockHourOfAmPm > 12) return null;
    const h = p.clockHourOfAmPm === 12 ? 0 : p.clockHourOfAmPm;
    if (present(hourOfAmPm) && hourOfAmPm !== h) return null;
    hourOfAmPm = h;
  }
  let hour: number;
  if (present(hourOfDay)) hour = hourOfDay;
  else if (present(hourOfAmPm)) hour = present(p.amPm) ? p.amPm * 12 + hourOfAmPm : hourOfAmPm;
  else hour = p.amPm === 1 ? 12 : 0;
  const minute = present(p.minute) ? p.minute : 0;
  const second = present(p.second) ? p.second : 0;
  if (minute > 59 || second > 59) return null;
  return [hour, minute, second, present(p.micros) ? p.micros : 0];
}
