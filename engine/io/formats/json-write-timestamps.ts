/**
 * Timestamps and dates as the JSON writer quotes them (`timestampFormat` in the session time
 * zone, `dateFormat`), without re-deriving the zone and calendar fields for every value.
 *
 * Every pattern field except the fraction `S` depends only on the epoch second (in a given
 * zone), so the text is cut into pieces: runs of non-`S` nodes, formatted (escaped, UTF-8)
 * once per distinct second, and `S` runs written from the micros directly. Sensor rows are
 * milliseconds apart, so consecutive values share a second and cost only the fraction
 * digits. The result is exactly DateTimePattern.format's: same node formatter (formatNodes),
 * same second/micros split as toLocalFields, same `S` digits.
 */
import { emptyLocalFields, toLocalFields } from '../../types/datetime-fields';
import { formatNodes } from '../../types/datetime-pattern-format';
import { tokenizePattern, type PatternNode } from '../../types/datetime-pattern-tokens';
import { zoneRules, type DateTimePattern, type TimeZoneRules } from '../../types/datetime';
import { JsonByteBuffer, quotedBytes } from './json-write-buffer';

const MICROS_PER_SECOND = 1_000_000;

/** A run of non-fraction nodes, or a fraction field of `count` digits. */
type Piece = { readonly nodes: readonly PatternNode[] } | { readonly fractionDigits: number };

function flatten(nodes: readonly PatternNode[], out: PatternNode[]): PatternNode[] {
  for (const n of nodes) {
    // formatNodes always prints an optional section's content when formatting.
    if (n.kind === 'optional') flatten(n.nodes, out);
    else out.push(n);
  }
  return out;
}

function piecesOf(pattern: string): Piece[] {
  const pieces: Piece[] = [];
  let run: PatternNode[] = [];
  for (const n of flatten(tokenizePattern(pattern, false), [])) {
    if (n.kind === 'field' && n.letter === 'S') {
      if (run.length > 0) pieces.push({ nodes: run });
      run = [];
      pieces.push({ fractionDigits: n.count });
    } else run.push(n);
  }
  if (run.length > 0) pieces.push({ nodes: run });
  return pieces;
}

/** Writes `"<timestamp text>"` for µs values; one instance per writer and time zone. */
export class TimestampJsonText {
  private readonly pieces: readonly Piece[];
  /** Each non-fraction piece's escaped UTF-8 text for `second` (null at fraction pieces). */
  private readonly texts: (Uint8Array | null)[];
  private second = NaN;
  private zone: TimeZoneRules | null = null;
  private readonly fields = emptyLocalFields();

  constructor(
    pattern: DateTimePattern,
    private readonly timeZone: string,
  ) {
    this.pieces = piecesOf(pattern.pattern);
    this.texts = this.pieces.map(() => null);
  }

  write(out: JsonByteBuffer, us: number): void {
    // The split of toLocalFields, so the cached second and the fraction agree with it.
    let epochSecond = Math.floor(us / MICROS_PER_SECOND);
    let micros = us - epochSecond * MICROS_PER_SECOND;
    if (micros < 0) {
      epochSecond -= 1;
      micros += MICROS_PER_SECOND;
    } else if (micros >= MICROS_PER_SECOND) {
      epochSecond += 1;
      micros -= MICROS_PER_SECOND;
    }
    if (epochSecond !== this.second) this.prepare(us, epochSecond);
    const whole = Math.floor(micros);
    out.byte(34);
    for (let i = 0; i < this.pieces.length; i++) {
      const text = this.texts[i];
      if (text !== null) out.raw(text);
      else this.fraction(out, whole, (this.pieces[i] as { fractionDigits: number }).fractionDigits);
    }
    out.byte(34);
  }

  private prepare(us: number, epochSecond: number): void {
    // Resolved at the first value, as DateTimePattern.format did (an invalid zone fails there).
    this.zone ??= zoneRules(this.timeZone);
    const f = toLocalFields(us, this.zone, this.fields);
    for (let i = 0; i < this.pieces.length; i++) {
      const p = this.pieces[i];
      if ('nodes' in p) this.texts[i] = quotedBytes(formatNodes(p.nodes, f, this.zone)).subarray(1, -1);
    }
    this.second = epochSecond;
  }

  /** `S`×count: the micros as six digits, then zeros, cut to `count` (formatField's 'S'). */
  private fraction(out: JsonByteBuffer, micros: number, count: number): void {
    if (!(micros >= 0 && micros < MICROS_PER_SECOND)) {
      out.text(String(micros).padStart(6, '0').padEnd(9, '0').slice(0, count));
      return;
    }
    out.ensure(count);
    const b = out.bytes;
    let p = out.pos;
    let div = 100_000;
    for (let k = 0; k < count; k++) {
      if (k < 6) {
        b[p++] = 48 + (Math.floor(micros / div) % 10);
        div /= 10;
      } else b[p++] = 48;
    }
    out.pos = p;
  }
}

/** Writes `"<date text>"` for days values, reusing the text while the day repeats. */
export class DateJsonText {
  private day = NaN;
  private text: Uint8Array = new Uint8Array(0);

  constructor(private readonly pattern: DateTimePattern) {}

  write(out: JsonByteBuffer, days: number): void {
    if (days !== this.day) {
      this.text = quotedBytes(this.pattern.formatDate(days));
      this.day = days;
    }
    out.raw(this.text);
  }
}
