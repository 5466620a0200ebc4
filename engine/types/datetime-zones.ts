/**
 * Time zones as Spark resolves them (SparkDateTimeUtils.getZoneId → java.time.ZoneId.of with
 * ZoneId.SHORT_IDS): `Z`, offsets `±h`, `±hh`, `±hh:mm`, `±hhmm`, `±hh:mm:ss`, `±hhmmss`
 * (plus Spark's pre-3.0 `±h:mm` and `±hh:m`), `UTC`/`GMT`/`UT` with an optional offset suffix,
 * the short ids (`PST`, `EST`, …) and region ids (`Europe/Paris`), whose rules come from Intl.
 *
 * Offsets of region zones are looked up through one cached Intl.DateTimeFormat per zone and
 * memoised per 15-minute bucket (a bucket whose two ends disagree holds a transition and is
 * computed exactly each time), because readers convert timestamps row by row.
 */
import { IllegalArgumentException } from '../errors';
import { SECONDS_PER_DAY, daysFromCivil } from './datetime-calendar';

export interface TimeZoneRules {
  /** The id as given (after Spark's normalisation), e.g. `Europe/Paris`, `+01:00`, `UTC`. */
  readonly id: string;
  /** The offset in seconds when it never changes (UTC, fixed offsets), else null. */
  readonly fixedOffsetSeconds: number | null;
  /** Offset from UTC in seconds at an instant (epoch seconds). */
  offsetAt(epochSecond: number): number;
  /**
   * The instant of a local date-time (seconds since 1970-01-01T00:00 local), as
   * ZonedDateTime.of: in a gap the time moves later by the gap's length, in an overlap the
   * earlier offset wins.
   */
  utcFromLocal(localSecond: number): number;
}

class FixedOffsetZone implements TimeZoneRules {
  constructor(
    readonly id: string,
    readonly fixedOffsetSeconds: number,
  ) {}
  offsetAt(): number {
    return this.fixedOffsetSeconds;
  }
  utcFromLocal(localSecond: number): number {
    return localSecond - this.fixedOffsetSeconds;
  }
}

const BUCKET_SECONDS = 900;
const MAX_CACHED_BUCKETS = 200_000;
// Intl (like Date) covers ±8.64e12 s; tzdb has no transitions before 1800, so earlier instants
// all take the offset of year 1000, and later ones are folded back by whole 400-year cycles
// (which repeat the Gregorian calendar exactly, so recurring DST rules land on the same days).
const EARLIEST_RULE_SECOND = daysFromCivil(1000, 1, 1) * SECONDS_PER_DAY;
const LATEST_INTL_SECOND = 8.64e12 - 2 * SECONDS_PER_DAY;
const SECONDS_PER_400_YEARS = 146_097 * SECONDS_PER_DAY;

class RegionZone implements TimeZoneRules {
  readonly fixedOffsetSeconds = null;
  private readonly format: Intl.DateTimeFormat;
  private readonly buckets = new Map<number, number>();

  constructor(readonly id: string) {
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone: id,
      calendar: 'iso8601',
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  }

  offsetAt(epochSecond: number): number {
    let s = Math.floor(epochSecond);
    if (s < EARLIEST_RULE_SECOND) s = EARLIEST_RULE_SECOND;
    else if (s > LATEST_INTL_SECOND) s -= Math.ceil((s - LATEST_INTL_SECOND) / SECONDS_PER_400_YEARS) * SECONDS_PER_400_YEARS;
    const bucket = Math.floor(s / BUCKET_SECONDS);
    const cached = this.buckets.get(bucket);
    if (cached !== undefined && !Number.isNaN(cached)) return cached;
    if (cached === undefined) {
      const start = bucket * BUCKET_SECONDS;
      const a = this.intlOffset(start);
      const b = this.intlOffset(start + BUCKET_SECONDS - 1);
      if (this.buckets.size >= MAX_CACHED_BUCKETS) this.buckets.clear();
      this.buckets.set(bucket, a === b ? a : NaN);
      if (a === b) return a;
    }
    return this.intlOffset(s);
  }

  utcFromLocal(localSecond: number): number {
    // At most one transition is assumed within a day of the local time (true of tzdb).
    const before = this.offsetAt(localSecond - SECONDS_PER_DAY);
    const after = this.offsetAt(localSecond + SECONDS_PER_DAY);
    if (before === after) return localSecond - before;
    const beforeValid = this.offsetAt(localSecond - before) === before;
    const afterValid = this.offsetAt(localSecond - after) === after;
    if (beforeValid) return localSecond - before; // overlap (both valid) or plain: earlier offset
    if (afterValid) return localSecond - after;
    return localSecond - before; // gap: same instant as local + gap length at the later offset
  }

  private intlOffset(epochSecond: number): number {
    const parts = this.format.formatToParts(new Date(epochSecond * 1000));
    let year = 0;
    let month = 0;
    let day = 0;
    let hour = 0;
    let minute = 0;
    let second = 0;
    for (const p of parts) {
      switch (p.type) {
        case 'year':
          year = Number(p.value);
          break;
        case 'month':
          month = Number(p.value);
          break;
        case 'day':
          day = Number(p.value);
          break;
        case 'hour':
          hour = Number(p.value);
          break;
        case 'minute':
          minute = Number(p.value);
          break;
        case 'second':
          second = Number(p.value);
          break;
      }
    }
    const local = daysFromCivil(year, month, day) * SECONDS_PER_DAY + hour * 3600 + minute * 60 + second;
    return local - epochSecond;
  }
}

/** java.time.ZoneId.SHORT_IDS, which Spark passes to ZoneId.of. */
const SHORT_IDS: Readonly<Record<string, string>> = {
  ACT: 'Australia/Darwin',
  AET: 'Australia/Sydney',
  AGT: 'America/Argentina/Buenos_Aires',
  ART: 'Africa/Cairo',
  AST: 'America/Anchorage',
  BET: 'America/Sao_Paulo',
  BST: 'Asia/Dhaka',
  CAT: 'Africa/Harare',
  CNT: 'America/St_Johns',
  CST: 'America/Chicago',
  CTT: 'Asia/Shanghai',
  EAT: 'Africa/Addis_Ababa',
  ECT: 'Europe/Paris',
  IET: 'America/Indiana/Indianapolis',
  IST: 'Asia/Kolkata',
  JST: 'Asia/Tokyo',
  MIT: 'Pacific/Apia',
  NET: 'Asia/Yerevan',
  NST: 'Pacific/Auckland',
  PLT: 'Asia/Karachi',
  PNT: 'America/Phoenix',
  PRT: 'America/Puerto_Rico',
  PST: 'America/Los_Angeles',
  SST: 'Pacific/Guadalcanal',
  VST: 'Asia/Ho_Chi_Minh',
  EST: '-05:00',
  MST: '-07:00',
  HST: '-10:00',
};

/**
 * ZoneOffset.of: `±h`, `±hh`, `±hh:mm`, `±hhmm`, `±hh:mm:ss`, `±hhmmss`, at most ±18:00.
 * Returns the offset in seconds or null.
 */
export function parseOffset(text: string): number | null {
  const m = OFFSET_FORMS.exec(text);
  if (m === null) return null;
  const hours = Number(m[2] ?? m[3] ?? m[4] ?? m[6] ?? m[8] ?? m[11]);
  const minutes = Number(m[5] ?? m[7] ?? m[9] ?? m[12] ?? 0);
  const seconds = Number(m[10] ?? m[13] ?? 0);
  if (hours > 18 || minutes > 59 || seconds > 59) return null;
  const total = hours * 3600 + minutes * 60 + seconds;
  if (total > 18 * 3600) return null;
  return m[1] === '-' ? -total : total;
}

// Sign, then one alternative per form: h | hh | hh:mm | hhmm | hh:mm:ss | hhmmss.
const OFFSET_FORMS =
  /^([+-])(?:(\d)|(\d\d)|(\d\d):(\d\d)|(\d\d)(\d\d)|(\d\d):(\d\d):(\d\d)|(\d\d)(\d\d)(\d\d))$/;

/** ZoneOffset.getId: `Z`, `+01:00`, `-05:30:15`. */
export function offsetId(seconds: number): string {
  if (seconds === 0) return 'Z';
  const abs = Math.abs(seconds);
  const h = Math.floor(abs / 3600);
  const m = Math.floor((abs % 3600) / 60);
  const s = abs % 60;
  const base = `${seconds < 0 ? '-' : '+'}${pad2(h)}:${pad2(m)}`;
  return s === 0 ? base : `${base}:${pad2(s)}`;
}

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

const cache = new Map<string, TimeZoneRules | null>();

/** Resolves a zone id as Spark's getZoneId does; null when java.time would reject it. */
export function parseZoneId(text: string): TimeZoneRules | null {
  const hit = cache.get(text);
  if (hit !== undefined) return hit;
  const rules = resolve(text);
  if (cache.size > 10_000) cache.clear();
  cache.set(text, rules);
  return rules;
}

/** Like parseZoneId, but an invalid id is an error (session time zone, options). */
export function zoneRules(id: string): TimeZoneRules {
  const rules = parseZoneId(id);
  if (rules === null) {
    throw new IllegalArgumentException(
      `Invalid time zone '${id}': use a region id such as 'Europe/Paris', an offset such as '+01:00', or 'UTC'.`,
    );
  }
  return rules;
}

export const UTC: TimeZoneRules = new FixedOffsetZone('UTC', 0);

/** The zone of a parsed offset (`+01:00`), as ZoneOffset.ofTotalSeconds. */
export function fixedOffsetZone(seconds: number): TimeZoneRules {
  return seconds === 0 ? UTC_OFFSET : new FixedOffsetZone(offsetId(seconds), seconds);
}
const UTC_OFFSET: TimeZoneRules = new FixedOffsetZone('Z', 0);

function resolve(raw: string): TimeZoneRules | null {
  // Spark's pre-3.0 forms: `+h:mm` → `+0h:mm`, `+hh:m` → `+hh:0m`.
  const id = raw.replace(/([+-])(\d):/, '$10$2:').replace(/([+-])(\d\d):(\d)$/, '$1$2:0$3');
  if (id === 'Z') return new FixedOffsetZone('Z', 0);
  if (id.startsWith('+') || id.startsWith('-')) {
    const off = parseOffset(id);
    return off === null ? null : new FixedOffsetZone(offsetId(off), off);
  }
  if (id === 'UTC' || id === 'GMT' || id === 'UT') return new FixedOffsetZone(id, 0);
  for (const prefix of ['UTC', 'GMT', 'UT']) {
    if (id.startsWith(prefix) && (id[prefix.length] === '+' || id[prefix.length] === '-')) {
      const off = parseOffset(id.slice(prefix.length));
      return off === null ? null : new FixedOffsetZone(off === 0 ? prefix : prefix + offsetId(off), off);
    }
  }
  const mapped = SHORT_IDS[id] ?? id;
  if (mapped.startsWith('-')) {
    const off = parseOffset(mapped);
    return off === null ? null : new FixedOffsetZone(mapped, off);
  }
  if (!/^[A-Za-z][A-Za-z0-9~/._+-]+$/.test(mapped)) return null;
  try {
    const zone = new RegionZone(mapped);
    return zone;
  } catch {
    return null;
  }
}
