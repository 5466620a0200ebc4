/**
 * Writes sensor files into a folder the way an upstream job would, for demos and tests.
 *
 * Options (besides the row options of SensorGeneratorOptions: seed, clockStartMs,
 * clockStepMs, lateFraction, lateBySeconds, malformedFraction, nullFraction):
 * - `dir`            the folder (created if missing)
 * - `rowsPerFile`    rows per file (default 100)
 * - `filesPerSecond` timed mode rate (default 1); `start()` begins, `stop()` ends
 * - `maxFiles`       timed mode stops by itself after this many files
 * - `atomic`         write `.part-N.json.tmp` then rename to `part-N.json` (default true),
 *                    so a reader never sees a half-written file; false writes in place
 * - `onFile`         called after each file (the CLI prints it)
 *
 * Step mode: `writeFile()` writes one file and returns exactly what it wrote, so a test can
 * compare a query's input with the rows the simulator produced. Files are named
 * `part-<seq>.json` (zero-padded to 5 digits, so name order is write order); numbering
 * continues after the highest part number already in the folder. Same seed and options →
 * same bytes in every file.
 */
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import {
  SensorRecordGenerator,
  type SensorGeneratorOptions,
  type SensorRecord,
  type SensorRow,
} from './sensor-records';

export interface SensorSimulatorOptions extends SensorGeneratorOptions {
  readonly dir: string;
  readonly rowsPerFile?: number;
  readonly filesPerSecond?: number;
  readonly maxFiles?: number;
  readonly atomic?: boolean;
  readonly onFile?: (file: WrittenSensorFile) => void;
  /** Timed mode: a write failed (the simulator stops). */
  readonly onError?: (error: unknown) => void;
}

export interface WrittenSensorFile {
  readonly path: string;
  readonly name: string;
  readonly seq: number;
  readonly bytes: number;
  readonly records: readonly SensorRecord[];
}

export class SensorSimulator {
  private readonly generator: SensorRecordGenerator;
  private readonly rowsPerFile: number;
  private readonly intervalMs: number;
  private nextSeq: Promise<number> | null = null;
  private seqOffset = 0;
  private written = 0;
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private inFlight: Promise<unknown> = Promise.resolve();
  private finished: Promise<void> = Promise.resolve();
  private resolveFinished: () => void = () => undefined;

  constructor(private readonly options: SensorSimulatorOptions) {
    this.generator = new SensorRecordGenerator(options);
    this.rowsPerFile = options.rowsPerFile ?? 100;
    const rate = options.filesPerSecond ?? 1;
    if (!(rate > 0)) throw new RangeError(`filesPerSecond must be positive, got ${rate}`);
    if (!(this.rowsPerFile >= 0) || !Number.isInteger(this.rowsPerFile)) {
      throw new RangeError(`rowsPerFile must be a whole number, got ${this.rowsPerFile}`);
    }
    this.intervalMs = 1000 / rate;
  }

  get filesWritten(): number {
    return this.written;
  }

  /** Writes one file now and returns exactly what it holds. */
  async writeFile(rows = this.rowsPerFile): Promise<WrittenSensorFile> {
    const seq = await this.takeSeq();
    const records: SensorRecord[] = new Array(rows);
    for (let i = 0; i < rows; i++) records[i] = this.generator.next();
    const text = records.map((r) => r.line + '\n').join('');
    const name = `part-${String(seq).padStart(5, '0')}.json`;
    const path = join(this.options.dir, name);
    if (this.options.atomic ?? true) {
      const tmp = join(this.options.dir, `.${name}.tmp`);
      await fs.writeFile(tmp, text);
      await fs.rename(tmp, path);
    } else {
      await fs.writeFile(path, text);
    }
    this.written++;
    const file: WrittenSensorFile = { path, name, seq, bytes: Buffer.byteLength(text), records };
    this.options.onFile?.(file);
    return file;
  }

  /** Timed mode: one file every 1/filesPerSecond s until stop() or maxFiles. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.finished = new Promise((r) => (this.resolveFinished = r));
    const startedAt = Date.now();
    let ticks = 0;
    const tick = (): void => {
      if (!this.running) return;
      const write = this.writeFile().then(
        () => {
          ticks++;
          const max = this.options.maxFiles;
          if (max !== undefined && this.written >= max) return void this.stop();
          // Scheduled against the start time, so slow writes do not make the rate drift.
          const due = startedAt + ticks * this.intervalMs;
          if (this.running) this.timer = setTimeout(tick, Math.max(0, due - Date.now()));
        },
        (e: unknown) => {
          this.options.onError?.(e);
          void this.stop();
        },
      );
      this.inFlight = write;
    };
    tick();
  }

  /** Stops timed mode after the file being written (if any) is complete. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    await this.inFlight.catch(() => undefined);
    this.resolveFinished();
  }

  /** Resolves when timed mode has stopped (stop() or maxFiles reached). */
  done(): Promise<void> {
    return this.finished;
  }

  /** Sequence numbers are handed out synchronously, so concurrent writeFile calls never collide. */
  private async takeSeq(): Promise<number> {
    this.nextSeq ??= fs
      .mkdir(this.options.dir, { recursive: true })
      .then(() => highestPartNumber(this.options.dir))
      .then((max) => max + 1);
    const offset = this.seqOffset++;
    return (await this.nextSeq) + offset;
  }
}

async function highestPartNumber(dir: string): Promise<number> {
  let max = -1;
  for (const name of await fs.readdir(dir)) {
    const m = /^part-(\d+)\.json$/.exec(name);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return max;
}

/** The rows of written files, in write order (malformed lines excluded). */
export function wellFormedRows(files: readonly WrittenSensorFile[]): SensorRow[] {
  return files.flatMap((f) => f.records.filter((r) => r.malformed === null).map((r) => r.row));
}
