/**
 * The queries the crash campaign runs, each a json file sink in append mode over a folder
 * of sensor files (the lab's schema), and what each must output for a set of input
 * records — computed here independently of the engine, so the uninterrupted run the
 * campaign compares against is itself checked.
 *
 * - `stateless`: filter + select. Every input row that passes appears once.
 * - `windowed`: 10-second tumbling counts on Creation_Time with a 30-second watermark.
 *   The simulator's late rows are 5 s late, well inside the watermark, so no row is ever
 *   dropped and a window is emitted once the final watermark passes its end, whatever the
 *   batches were; a run with crashes must therefore match one without exactly.
 */
import {
  col,
  window,
  type DataFrame,
  type DataStreamWriter,
  type Session,
} from '../../engine/index';
import type { SensorRecord, SensorSimulatorOptions } from '../../engine/io/simulator/index';
import { labSchema } from '../fixtures/lab-schema';

export type CrashQueryName = 'stateless' | 'windowed';

export interface QueryPaths {
  readonly input: string;
  readonly output: string;
  readonly checkpoint: string;
}

const WINDOW_MS = 10_000;
const WATERMARK_MS = 30_000;

/** Simulator settings the expectations below rely on (late rows stay inside the watermark). */
export const CRASH_INPUT: Omit<SensorSimulatorOptions, 'dir' | 'seed'> = {
  rowsPerFile: 40,
  clockStepMs: 500,
  lateFraction: 0.1,
  lateBySeconds: 5,
  malformedFraction: 0,
  nullFraction: 0.02,
};

function sensorStream(session: Session, input: string): DataFrame {
  return session.readStream
    .schema(labSchema())
    .option('timestampUnit', 'Creation_Time:ns,Arrival_Time:ms')
    .option('fileStableMs', '0')
    .option('maxFilesPerTrigger', '2')
    .json(input);
}

export function crashQuery(
  session: Session,
  name: CrashQueryName,
  paths: QueryPaths,
): DataStreamWriter {
  const stream = sensorStream(session, paths.input);
  const df =
    name === 'stateless'
      ? stream.where('gt IS NOT NULL AND x > 0').select('Index', 'Device', 'gt', 'x')
      : stream
          .withWatermark('Creation_Time', `${WATERMARK_MS / 1000} seconds`)
          .groupBy(window(col('Creation_Time'), `${WINDOW_MS / 1000} seconds`))
          .count();
  return df.writeStream
    .format('json')
    .outputMode('append')
    .option('path', paths.output)
    .option('checkpointLocation', paths.checkpoint);
}

/** The schema the query writes, for reading its sink folder back. */
export function outputSchema(name: CrashQueryName): string {
  return name === 'stateless'
    ? 'Index BIGINT, Device STRING, gt STRING, x DOUBLE'
    : 'window STRUCT<start: TIMESTAMP, end: TIMESTAMP>, count BIGINT';
}

/**
 * The rows the query must have written once all `records` are processed, each as its
 * comparison key (rowKey). Keys, not rows: a window's bounds come back from json as strings.
 */
export function referenceKeys(name: CrashQueryName, records: readonly SensorRecord[]): string[] {
  const rows = records.filter((r) => r.malformed === null).map((r) => r.row);
  if (name === 'stateless') {
    return rows.filter((r) => r.gt !== null && r.x !== null && r.x > 0).map((r) => `${r.Index}`);
  }
  const eventMs = rows.map((r) => Number(r.Creation_Time / 1_000_000n));
  const finalWatermark = Math.max(...eventMs) - WATERMARK_MS;
  const counts = new Map<number, number>();
  for (const ms of eventMs) {
    const start = Math.floor(ms / WINDOW_MS) * WINDOW_MS;
    if (start + WINDOW_MS <= finalWatermark) counts.set(start, (counts.get(start) ?? 0) + 1);
  }
  return [...counts].map(([start, n]) => `${start}:${n}`);
}

/** The comparison key of an output row read back from the sink folder. */
export function rowKey(name: CrashQueryName, row: Record<string, unknown>): string {
  if (name === 'stateless') return `${String(row.Index)}`;
  // Timestamps come back as microseconds since the epoch (TimestampType's physical value).
  const start = Number((row.window as { start: number | bigint }).start) / 1000;
  return `${start}:${String(row.count)}`;
}
