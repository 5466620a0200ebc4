/**
 * Formatting with a Spark datetime pattern (DateTimeFormatter.format after Spark's pattern
 * conversion): numbers padded as java.time's NumberPrinterParser does (EXCEEDS_PAD years get a
 * `+` past their width), English text (Locale.US), offsets as OffsetIdPrinterParser.
 */
import type { FieldNode, PatternNode } from './datetime-pattern-tokens';
import { formatYear, pad2, type LocalFields } from './datetime-fields';
import type { TimeZoneRules } from './datetime-zones';

export const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
export const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const QUARTER_NAMES = ['1st quarter', '2nd quarter', '3rd quarter', '4th quarter'];

export function formatNodes(nodes: readonly PatternNode[], f: LocalFields, zone: TimeZoneRules): string {
  let out = '';
  for (const n of nodes) {
    if (n.kind === 'literal') out += n.text;
    else if (n.kind === 'optional') out += formatNodes(n.nodes, f, zone);
    else out += formatField(n, f, zone);
  }
  return out;
}

function num(value: number, count: number): string {
  return count === 1 ? String(value) : String(value).padStart(count, '0');
}

function formatField(n: FieldNode, f: LocalFields, zone: TimeZoneRules): string {
  const c = n.count;
  switch (n.letter) {
    case 'G':
      return c === 4 ? (f.year >= 1 ? 'Anno Domini' : 'Before Christ') : f.year >= 1 ? 'AD' : 'BC';
    case 'u':
      if (c === 2) return pad2(((f.year % 100) + 100) % 100);
      return c < 4 ? (f.year < 0 ? '-' + num(-f.year, c) : num(f.year, c)) : formatYear(f.year, c);
    case 'y': {
      const yoe = f.year >= 1 ? f.year : 1 - f.year;
      if (c === 2) return pad2(yoe % 100);
      return c < 4 ? num(yoe, c) : formatYear(yoe, c);
    }
    case 'D':
      return num(f.dayOfYear, c);
    case 'M':
    case 'L':
      return c <= 2 ? num(f.month, c) : c === 3 ? MONTHS[f.month - 1].slice(0, 3) : MONTHS[f.month - 1];
    case 'd':
      return num(f.day, c);
    case 'Q':
    case 'q': {
      const q = Math.floor((f.month - 1) / 3) + 1;
      return c <= 2 ? num(q, c) : c === 3 ? 'Q' + q : QUARTER_NAMES[q - 1];
    }
    case 'E':
      return c === 4 ? DAYS[f.dayOfWeek - 1] : DAYS[f.dayOfWeek - 1].slice(0, 3);
    case 'F':
      return String(((f.day - 1) % 7) + 1);
    case 'a':
      return f.hour < 12 ? 'AM' : 'PM';
    case 'H':
      return num(f.hour, c);
    case 'k':
      return num(f.hour === 0 ? 24 : f.hour, c);
    case 'K':
      return num(f.hour % 12, c);
    case 'h':
      return num(f.hour % 12 === 0 ? 12 : f.hour % 12, c);
    case 'm':
      return num(f.minute, c);
    case 's':
      return num(f.second, c);
    case 'S':
      return String(f.micros).padStart(6, '0').padEnd(9, '0').slice(0, c);
    case 'V':
      return zone.id;
    case 'z':
      return zoneName(zone, f.offsetSeconds, c === 4);
    case 'O':
      return localizedOffset(f.offsetSeconds, c === 4);
    case 'X':
      return f.offsetSeconds === 0 ? 'Z' : isoOffset(f.offsetSeconds, c);
    case 'x':
      return isoOffset(f.offsetSeconds, c);
    case 'Z':
      if (c <= 3) return isoOffset(f.offsetSeconds, 2);
      if (c === 4) return localizedOffset(f.offsetSeconds, true);
      return f.offsetSeconds === 0 ? 'Z' : isoOffset(f.offsetSeconds, 5);
    default:
      return '';
  }
}

/**
 * X/x widths: 1 `+HHmm` (minutes only when non-zero), 2 `+HHMM`, 3 `+HH:MM`, 4 `+HHMMss`,
 * 5 `+HH:MM:ss` (seconds only when non-zero).
 */
export function isoOffset(offsetSeconds: number, width: number): string {
  const sign = offsetSeconds < 0 ? '-' : '+';
  const abs = Math.abs(offsetSeconds);
  const h = Math.floor(abs / 3600);
  const m = Math.floor((abs % 3600) / 60);
  const s = abs % 60;
  switch (width) {
    case 1:
      return sign + pad2(h) + (m !== 0 ? pad2(m) : '');
    case 2:
      return sign + pad2(h) + pad2(m);
    case 3:
      return `${sign}${pad2(h)}:${pad2(m)}`;
    case 4:
      return sign + pad2(h) + pad2(m) + (s !== 0 ? pad2(s) : '');
    default:
      return `${sign}${pad2(h)}:${pad2(m)}` + (s !== 0 ? ':' + pad2(s) : '');
  }
}

/** `O` → `GMT+1`, `GMT+5:30`; `OOOO` → `GMT+01:00`; zero → `GMT`. */
function localizedOffset(offsetSeconds: number, full: boolean): string {
  if (offsetSeconds === 0) return 'GMT';
  const sign = offsetSeconds < 0 ? '-' : '+';
  const abs = Math.abs(offsetSeconds);
  const h = Math.floor(abs / 3600);
  const m = Math.floor((abs % 3600) / 60);
  const s = abs % 60;
  if (full) return `GMT${sign}${pad2(h)}:${pad2(m)}` + (s !== 0 ? ':' + pad2(s) : '');
  return `GMT${sign}${h}` + (m !== 0 || s !== 0 ? ':' + pad2(m) : '') + (s !== 0 ? ':' + pad2(s) : '');
}

const zoneNameFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * `z`: fixed zones print their id; region zones take Intl's English name (Java's own
 * abbreviation table, e.g. `CET`, is not available to us; Intl may print `GMT+1`).
 */
function zoneName(zone: TimeZoneRules, offsetSeconds: number, full: boolean): string {
  if (zone.fixedOffsetSeconds !== null) return zone.id === 'Z' ? 'Z' : zone.id;
  const key = zone.id + (full ? '/long' : '/short');
  let fmt = zoneNameFormats.get(key);
  if (fmt === undefined) {
    fmt = new Intl.DateTimeFormat('en-US', { timeZone: zone.id, timeZoneName: full ? 'long' : 'short' });
    zoneNameFormats.set(key, fmt);
  }
  // Name the offset period, not the instant (the instant may be outside Date's range).
  const probe = Date.UTC(2020, 0, 1) + (offsetSeconds === zone.offsetAt(Date.UTC(2020, 0, 1) / 1000) ? 0 : 182 * 86_400_000);
  const part = fmt.formatToParts(new Date(probe)).find((p) => p.type === 'timeZoneName');
  return part?.value ?? zone.id;
}
