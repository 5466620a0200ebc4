/**
 * Rows shaped like the lab's dataset (Heterogeneity Activity Recognition, phone
 * accelerometers), one JSON object per line:
 *
 *   {"Arrival_Time":1424686735175,"Creation_Time":1424686733176178965,"Device":"nexus4_1",
 *    "Index":35,"Model":"nexus4","User":"g","gt":"stand","x":0.0014038086,"y":5.0354E-4,"z":-0.0124053955}
 *
 * - `Creation_Time` is the event time in **nanoseconds** (19 digits, beyond 2^53, so rows
 *   carry it as a bigint and lines print it exactly); `Arrival_Time` is milliseconds.
 * - The simulated clock starts at `clockStartMs` and advances `clockStepMs` per row; a row's
 *   event time is the clock, its arrival 1–2000 ms later.
 * - `lateFraction` of rows are late: their Creation_Time is `lateBySeconds` older than the
 *   clock (they test watermarks). `nullFraction` of rows have 1–3 fields set to JSON null.
 *   About 4 % of rows have `gt: null` (unlabelled samples, as in the dataset).
 * - `malformedFraction` of lines are broken: a truncated object, a field of the wrong type
 *   (`"x":"0.31"`, `"Index":"35"`, `"Arrival_Time":true`), or a line that is not JSON.
 * - `Index` is a sequence number over all rows the generator made (malformed ones too), so
 *   every row is identifiable when a test checks that each was read exactly once.
 */
import { Mulberry32 } from './mulberry32';

export const SENSOR_MODELS = ['nexus4', 's3', 's3mini', 'samsungold'] as const;
export const SENSOR_USERS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'] as const;
export const SENSOR_ACTIVITIES = [
  'stand',
  'sit',
  'walk',
  'bike',
  'stairsup',
  'stairsdown',
] as const;
const DEVICES = SENSOR_MODELS.flatMap((m) => [`${m}_1`, `${m}_2`]);
/** Spread of the accelerometer per activity (m/s² around 0), so averages differ by gt. */
const ACTIVITY_SPREAD: Readonly<Record<string, number>> = {
  stand: 0.02,
  sit: 0.01,
  walk: 1.5,
  bike: 1.0,
  stairsup: 2.0,
  stairsdown: 2.2,
};
const UNLABELLED_FRACTION = 0.04;
const NULLABLE_FIELDS = ['Device', 'Model', 'User', 'gt', 'x', 'y', 'z'] as const;

export interface SensorRow {
  readonly Arrival_Time: number;
  readonly Creation_Time: bigint;
  readonly Device: string | null;
  readonly Index: number;
  readonly Model: string | null;
  readonly User: string | null;
  readonly gt: string | null;
  readonly x: number | null;
  readonly y: number | null;
  readonly z: number | null;
}

export type MalformedKind = 'truncated' | 'wrong-type' | 'not-json';

export interface SensorRecord {
  /** The values the line was made from (for a malformed line: what it would have held). */
  readonly row: SensorRow;
  /** The exact line written, without the newline. */
  readonly line: string;
  readonly late: boolean;
  readonly malformed: MalformedKind | null;
}

export interface SensorGeneratorOptions {
  readonly seed?: number;
  /** Simulated clock start, ms since the epoch (default 2015-02-23T10:18:55Z, the lab's sample). */
  readonly clockStartMs?: number;
  /** Simulated clock advance per row, ms (default 10: 100 rows cover one second). */
  readonly clockStepMs?: number;
  readonly lateFraction?: number;
  /** How far behind the clock a late row's event time is, seconds (default 60). */
  readonly lateBySeconds?: number;
  readonly malformedFraction?: number;
  readonly nullFraction?: number;
}

/** One drawn row before it becomes an object or a line (keeps the fast path allocation-free). */
interface Draw {
  late: boolean;
  creationMs: number;
  subMsNs: number;
  arrivalMs: number;
  index: number;
  device: string | null;
  model: string | null;
  user: string | null;
  gt: string | null;
  x: number | null;
  y: number | null;
  z: number | null;
}

export class SensorRecordGenerator {
  private readonly rng: Mulberry32;
  private clockMs: number;
  private index = 0;
  private readonly stepMs: number;
  private readonly lateFraction: number;
  private readonly lateByMs: number;
  private readonly malformedFraction: number;
  private readonly nullFraction: number;
  private readonly d: Draw = {
    late: false,
    creationMs: 0,
    subMsNs: 0,
    arrivalMs: 0,
    index: 0,
    device: null,
    model: null,
    user: null,
    gt: null,
    x: null,
    y: null,
    z: null,
  };

  constructor(options: SensorGeneratorOptions = {}) {
    this.rng = new Mulberry32(options.seed ?? 42);
    this.clockMs = options.clockStartMs ?? 1424686735000;
    this.stepMs = options.clockStepMs ?? 10;
    this.lateFraction = fraction(options.lateFraction, 'lateFraction');
    this.lateByMs = (options.lateBySeconds ?? 60) * 1000;
    this.malformedFraction = fraction(options.malformedFraction, 'malformedFraction');
    this.nullFraction = fraction(options.nullFraction, 'nullFraction');
  }

  /** The simulated clock (ms) the next row will carry. */
  get clock(): number {
    return this.clockMs;
  }

  next(): SensorRecord {
    const d = this.draw();
    const row: SensorRow = {
      Arrival_Time: d.arrivalMs,
      Creation_Time: BigInt(d.creationMs) * 1_000_000n + BigInt(d.subMsNs),
      Device: d.device,
      Index: d.index,
      Model: d.model,
      User: d.user,
      gt: d.gt,
      x: d.x,
      y: d.y,
      z: d.z,
    };
    const line = drawnLine(d);
    const kind = this.malformedKind();
    return {
      row,
      line: kind === null ? line : this.breakLine(line, d, kind),
      late: d.late,
      malformed: kind,
    };
  }

  /** The same line `next()` would give, without building the row (bulk folder writes). */
  nextLine(): string {
    const d = this.draw();
    const line = drawnLine(d);
    const kind = this.malformedKind();
    return kind === null ? line : this.breakLine(line, d, kind);
  }

  private draw(): Draw {
    const r = this.rng;
    const d = this.d;
    d.late = r.chance(this.lateFraction);
    d.creationMs = this.clockMs - (d.late ? this.lateByMs : 0);
    const device = DEVICES[r.int(DEVICES.length)];
    d.gt = r.chance(UNLABELLED_FRACTION)
      ? null
      : SENSOR_ACTIVITIES[r.int(SENSOR_ACTIVITIES.length)];
    const spread = ACTIVITY_SPREAD[d.gt ?? 'stand'];
    d.arrivalMs = this.clockMs + 1 + r.int(2000);
    d.subMsNs = r.int(1_000_000);
    d.device = device;
    d.index = this.index++;
    d.model = device.slice(0, device.lastIndexOf('_'));
    d.user = SENSOR_USERS[r.int(SENSOR_USERS.length)];
    d.x = reading(r, spread);
    d.y = reading(r, spread);
    d.z = reading(r, spread);
    if (r.chance(this.nullFraction)) {
      const n = 1 + r.int(3);
      for (let i = 0; i < n; i++) setNull(d, NULLABLE_FIELDS[r.int(NULLABLE_FIELDS.length)]);
    }
    this.clockMs += this.stepMs;
    return d;
  }

  private malformedKind(): MalformedKind | null {
    if (!this.rng.chance(this.malformedFraction)) return null;
    return MALFORMED_KINDS[this.rng.int(MALFORMED_KINDS.length)];
  }

  private breakLine(line: string, d: Draw, kind: MalformedKind): string {
    const r = this.rng;
    switch (kind) {
      case 'truncated':
        // Cut somewhere inside the object: never a complete JSON value.
        return line.slice(0, 1 + r.int(line.length - 2));
      case 'wrong-type': {
        const which = r.int(3);
        if (which === 0) return line.replace(/"x":[^,}]*/, `"x":"${d.x ?? 0.31}"`);
        if (which === 1) return line.replace(/"Index":\d+/, `"Index":"${d.index}"`);
        return line.replace(/"Arrival_Time":\d+/, '"Arrival_Time":true');
      }
      case 'not-json':
        return `#sensor ${d.device ?? 'unknown'} offline at ${d.arrivalMs}`;
    }
  }
}

const MALFORMED_KINDS: readonly MalformedKind[] = ['truncated', 'wrong-type', 'not-json'];

function setNull(d: Draw, field: (typeof NULLABLE_FIELDS)[number]): void {
  if (field === 'Device') d.device = null;
  else if (field === 'Model') d.model = null;
  else if (field === 'User') d.user = null;
  else if (field === 'gt') d.gt = null;
  else d[field] = null;
}

function drawnLine(d: Draw): string {
  return (
    `{"Arrival_Time":${d.arrivalMs},"Creation_Time":${d.creationMs}${String(d.subMsNs).padStart(6, '0')},` +
    `"Device":${str(d.device)},"Index":${d.index},"Model":${str(d.model)},"User":${str(d.user)},` +
    `"gt":${str(d.gt)},"x":${num(d.x)},"y":${num(d.y)},"z":${num(d.z)}}`
  );
}

/** One row as the dataset's JSON line (keys in the dataset's order). */
export function sensorLine(row: SensorRow): string {
  return (
    `{"Arrival_Time":${row.Arrival_Time},"Creation_Time":${row.Creation_Time.toString()},` +
    `"Device":${str(row.Device)},"Index":${row.Index},"Model":${str(row.Model)},"User":${str(row.User)},` +
    `"gt":${str(row.gt)},"x":${num(row.x)},"y":${num(row.y)},"z":${num(row.z)}}`
  );
}

/** A reading around 0 with the activity's spread, 10 decimals like the dataset. */
function reading(r: Mulberry32, spread: number): number {
  const v = (r.next() + r.next() + r.next() - 1.5) * spread;
  const rounded = Math.round(v * 1e10) / 1e10;
  // Keep it a floating-point literal: an exact integer would print without a fraction.
  return Number.isInteger(rounded) ? rounded + 1e-9 : rounded;
}

/** Values are the fixed names above (no characters to escape). */
function str(v: string | null): string {
  return v === null ? 'null' : '"' + v + '"';
}

function num(v: number | null): string {
  return v === null ? 'null' : String(v);
}

function fraction(v: number | undefined, name: string): number {
  const f = v ?? 0;
  if (!(f >= 0 && f <= 1)) throw new RangeError(`${name} must be between 0 and 1, got ${v}`);
  return f;
}
