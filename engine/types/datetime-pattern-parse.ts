/**
 * Parsing with a Spark datetime pattern, as Spark's Iso8601TimestampFormatter does with a
 * java.time formatter built case-insensitively, STRICT, and with variable-length second
 * fractions (`SSS` takes 1–3 digits, DateTimeFormatterHelper.createBuilderWithVarLengthSecondFraction).
 * The whole text must match. Missing fields default as Spark's toLocalDate / toLocalTime do
 * (year 1970, month 1, day 1, midnight; `h` without `a` is AM; a bare PM is 12:00).
 * Adjacent numbers (`yyyyMMdd`) work as java.time's adjacent value parsing: a variable-width
 * field leaves the digits the following fixed-width fields need.
 */
import type { FieldNode, PatternNode } from './datetime-pattern-tokens';
import { MONTHS } from './datetime-pattern-format';
import { parseOffset, parseZoneId, type TimeZoneRules } from './datetime-zones';

/** Parsed field values; NaN = not present. */
export interface ParsedFields {
  year: number;
  yearOfEra: number;
  era: number;
  month: number;
  day: number;
  dayOfYear: number;
  hourOfDay: number;
  clockHourOfDay: number;
  hourOfAmPm: number;
  clockHourOfAmPm: number;
  amPm: number;
  minute: number;
  second: number;
  micros: number;
  offsetSeconds: number;
  zone: TimeZoneRules | null;
}

export function emptyParsed(): ParsedFields {
  return {
    year: NaN, yearOfEra: NaN, era: NaN, month: NaN, day: NaN, dayOfYear: NaN, hourOfDay: NaN,
    clockHourOfDay: NaN, hourOfAmPm: NaN, clockHourOfAmPm: NaN, amPm: NaN, minute: NaN, second: NaN,
    micros: NaN, offsetSeconds: NaN, zone: null,
  };
}

/** Width of a field that always takes exactly that many digits, else 0. */
function fixedWidth(n: PatternNode): number {
  if (n.kind !== 'field') return 0;
  switch (n.letter) {
    case 'u':
    case 'y':
      return n.count === 2 ? 2 : 0;
    case 'M':
    case 'L':
    case 'Q':
    case 'q':
      return n.count === 2 ? 2 : 0;
    case 'D':
      return n.count === 3 ? 3 : 0;
    case 'd':
    case 'H':
    case 'h':
    case 'K':
    case 'k':
    case 'm':
    case 's':
      return n.count === 2 ? 2 : 0;
    default:
      return 0;
  }
}

/** Parses `nodes` at `pos`; returns the end position or -1. */
export function parseNodes(nodes: readonly PatternNode[], text: string, pos: number, out: ParsedFields): number {
  for (let k = 0; k < nodes.length; k++) {
    const n = nodes[k];
    if (n.kind === 'literal') {
      if (text.length - pos < n.text.length) return -1;
      if (text.substr(pos, n.text.length).toLowerCase() !== n.text.toLowerCase()) return -1;
      pos += n.text.length;
    } else if (n.kind === 'optional') {
      const saved = { ...out };
      const end = parseNodes(n.nodes, text, pos, out);
      if (end < 0) Object.assign(out, saved);
      else pos = end;
    } else {
      let reserve = 0;
      for (let r = k + 1; r < nodes.length && fixedWidth(nodes[r]) > 0; r++) reserve += fixedWidth(nodes[r]);
      pos = parseField(n, text, pos, reserve, out);
      if (pos < 0) return -1;
    }
  }
  return pos;
}

function countDigits(text: string, pos: number, max: number): number {
  let n = 0;
  while (n < max && pos + n < text.length) {
    const c = text.charCodeAt(pos + n);
    if (c < 48 || c > 57) break;
    n++;
  }
  return n;
}

/** Reads an unsigned number of min..max digits, leaving `reserve` digits for what follows. */
function readNumber(text: string, pos: number, min: number, max: number, reserve: number): [number, number] | null {
  const available = countDigits(text, pos, max + reserve);
  const take = Math.min(max, Math.max(min, available - reserve));
  if (available < take || take < min) return null;
  return [Number(text.substr(pos, take)), pos + take];
}

function matchText(text: string, pos: number, candidates: readonly string[]): [number, number] | null {
  let best = -1;
  let bestLen = 0;
  const lower = text.toLowerCase();
  for (let i = 0; i < candidates.length; i++) {
    const cand = candidates[i].toLowerCase();
    if (cand.length > bestLen && lower.startsWith(cand, pos)) {
      best = i;
      bestLen = cand.length;
    }
  }
  return best < 0 ? null : [best, pos + bestLen];
}

const SHORT_MONTHS = MONTHS.map((m) => m.slice(0, 3));

function parseField(n: FieldNode, text: string, pos: number, reserve: number, out: ParsedFields): number {
  const c = n.count;
  const numeric = (min: number, max: number): [number, number] | null => readNumber(text, pos, min, max, reserve);
  let r: [number, number] | null;
  switch (n.letter) {
    case 'u': {
      if (c === 2) {
        r = numeric(2, 2);
        if (r) out.year = 2000 + r[0];
        break;
      }
      const sign = text[pos];
      const signed = sign === '+' || sign === '-';
      // Strict NORMAL style takes no '+'; EXCEEDS_PAD needs one for more digits than the width.
      if (sign === '+' && c < 4) return -1;
      r = readNumber(text, signed ? pos + 1 : pos, c === 1 ? 1 : c, 19, reserve);
      if (r === null) return -1;
      const digits = r[1] - (signed ? pos + 1 : pos);
      if (c >= 4 && !signed && digits > c) return -1;
      if (c >= 4 && sign === '+' && digits <= c) return -1;
      out.year = sign === '-' ? -r[0] : r[0];
      return r[1];
    }
    case 'y':
      r = c === 2 ? numeric(2, 2) : numeric(c === 1 ? 1 : c, 19);
      if (r) out.yearOfEra = c === 2 ? 2000 + r[0] : r[0];
      break;
    case 'G':
      r = matchText(text, pos, c === 4 ? ['Before Christ', 'Anno Domini'] : ['BC', 'AD']);
      if (r) out.era = r[0];
      break;
    case 'D':
      r = numeric(c, c === 1 ? 19 : 3);
      if (r) out.dayOfYear = r[0];
      break;
    case 'M':
    case 'L':
      r = c <= 2 ? numeric(c, c === 1 ? 19 : 2) : matchText(text, pos, c === 3 ? SHORT_MONTHS : MONTHS);
      if (r) out.month = c <= 2 ? r[0] : r[0] + 1;
      break;
    case 'd':
      r = numeric(c, c === 1 ? 19 : 2);
      if (r) out.day = r[0];
      break;
    case 'a':
      r = matchText(text, pos, ['AM', 'PM']);
      if (r) out.amPm = r[0];
      break;
    case 'H':
      r = numeric(c, c === 1 ? 19 : 2);
      if (r) out.hourOfDay = r[0];
      break;
    case 'k':
      r = numeric(c, c === 1 ? 19 : 2);
      if (r) out.clockHourOfDay = r[0];
      break;
    case 'K':
      r = numeric(c, c === 1 ? 19 : 2);
      if (r) out.hourOfAmPm = r[0];
      break;
    case 'h':
      r = numeric(c, c === 1 ? 19 : 2);
      if (r) out.clockHourOfAmPm = r[0];
      break;
    case 'm':
      r = numeric(c, c === 1 ? 19 : 2);
      if (r) out.minute = r[0];
      break;
    case 's':
      r = numeric(c, c === 1 ? 19 : 2);
      if (r) out.second = r[0];
      break;
    case 'S': {
      const digits = countDigits(text, pos, c);
      if (digits < 1) return -1;
      // Nanoseconds beyond the microsecond are dropped (Spark keeps µs).
      const frac = text.substr(pos, digits).padEnd(9, '0');
      out.micros = Number(frac.slice(0, 6));
      return pos + digits;
    }
    case 'X':
    case 'x':
    case 'Z':
      return parseIsoOffset(n, text, pos, out);
    case 'O':
      return parseLocalizedOffset(text, pos, out);
    case 'V':
    case 'z':
      return parseZoneText(text, pos, out);
    default:
      // E, F, q, Q never reach here: Spark rejects them for parsing.
      return -1;
  }
  return r === null ? -1 : r[1];
}

function parseIsoOffset(n: FieldNode, text: string, pos: number, out: ParsedFields): number {
  const ch = text[pos];
  if ((n.letter === 'X' || (n.letter === 'Z' && n.count === 5)) && (ch === 'Z' || ch === 'z')) {
    out.offsetSeconds = 0;
    return pos + 1;
  }
  if (n.letter === 'Z' && n.count === 4) return parseLocalizedOffset(text, pos, out);
  const width = n.letter === 'Z' ? (n.count <= 3 ? 2 : 5) : n.count;
  const forms: Record<number, RegExp> = {
    1: /^[+-]\d\d(\d\d)?/,
    2: /^[+-]\d\d\d\d/,
    3: /^[+-]\d\d:\d\d/,
    4: /^[+-]\d\d\d\d(\d\d)?/,
    5: /^[+-]\d\d:\d\d(:\d\d)?/,
  };
  const m = forms[width].exec(text.slice(pos, pos + 9));
  if (m === null) return -1;
  const off = parseOffset(m[0]);
  if (off === null) return -1;
  out.offsetSeconds = off;
  return pos + m[0].length;
}

function parseLocalizedOffset(text: string, pos: number, out: ParsedFields): number {
  if (text.substr(pos, 3).toUpperCase() !== 'GMT') return -1;
  const m = /^[+-]\d{1,2}(:\d\d(:\d\d)?)?/.exec(text.slice(pos + 3, pos + 12));
  if (m === null) {
    out.offsetSeconds = 0;
    return pos + 3;
  }
  const off = parseOffset(m[0].replace(/^([+-])(\d):/, '$10$2:'));
  if (off === null) return -1;
  out.offsetSeconds = off;
  return pos + 3 + m[0].length;
}

function parseZoneText(text: string, pos: number, out: ParsedFields): number {
  const m = /^[A-Za-z0-9~/._+:-]+/.exec(text.slice(pos));
  if (m === null) return -1;
  // Longest prefix that names a zone, so `UTC]` or `Europe/Paris)` still parse.
  for (let len = m[0].length; len > 0; len--) {
    const zone = parseZoneId(m[0].slice(0, len));
    if (zone !== null) {
      out.zone = zone;
      return pos + len;
    }
  }
  return -1;
}
