/**
 * The first-launch demo: the lab's Hand-on 2 ("Activity count") running live. A sensor
 * simulator writes a JSON file into a folder every ~2 seconds (the lab's S3 bucket, played
 * locally) and a streaming query counts rows per activity:
 *
 *   activity_count = spark.readStream.schema(schema).json(dir).groupBy('gt').count()
 *   activity_count.writeStream.format('memory').outputMode('complete')
 *                 .queryName('activity_count').start()
 *
 * so the window shows a growing Result Table within seconds of opening.
 */
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { SensorSimulator } from '../io/simulator/sensor-simulator';
import type { Session } from '../session';
import type { StreamingQuery } from '../stream/streaming-query';
import { parseDDL } from '../types/ddl';
import type { StructType } from '../types/struct-type';

export const DEMO_QUERY_NAME = 'activity_count';

/** The lab's IoT schema, spelled as the lab does (including its `_corrupt_reccord`). */
export function labSensorSchema(): StructType {
  return parseDDL(
    'Arrival_Time TIMESTAMP, Creation_Time TIMESTAMP, Device STRING, Index BIGINT, Model STRING, ' +
      'User STRING, _corrupt_reccord STRING, gt STRING, x DOUBLE, y DOUBLE, z DOUBLE',
  );
}

export interface LabDemoOptions {
  /** The sensor folder; files from an earlier demo run in it are removed first. */
  readonly dir: string;
  /** Default 0.5: one file every 2 seconds. */
  readonly filesPerSecond?: number;
  /** Default 50. */
  readonly rowsPerFile?: number;
  readonly seed?: number;
}

/**
 * Prepares the sensor folder: removes an earlier demo's files, writes one file (so the
 * query's first trigger already has rows to count) and returns the simulator, not yet
 * started. Timed mode (`simulator.start()`) then adds a file every 1/filesPerSecond s.
 */
export async function prepareSensorFolder(options: LabDemoOptions): Promise<SensorSimulator> {
  await clearSensorFiles(options.dir);
  const simulator = new SensorSimulator({
    dir: options.dir,
    filesPerSecond: options.filesPerSecond ?? 0.5,
    rowsPerFile: options.rowsPerFile ?? 50,
    seed: options.seed ?? 42,
    atomic: true,
  });
  await simulator.writeFile();
  return simulator;
}

/** Starts the lab's activity-count query over `dir` (synchronously, as `start()` is). */
export function startActivityCount(session: Session, dir: string): StreamingQuery {
  return session.readStream
    .schema(labSensorSchema())
    .json(dir)
    .groupBy('gt')
    .count()
    .writeStream.format('memory')
    .outputMode('complete')
    .queryName(DEMO_QUERY_NAME)
    .start();
}

/**
 * Removes what an earlier demo wrote (only the simulator's own `part-N.json` files and their
 * temporaries), so every demo starts from an empty table.
 */
async function clearSensorFiles(dir: string): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  for (const name of await fs.readdir(dir)) {
    if (/^\.?part-\d+\.json(\.tmp)?$/.test(name)) await fs.rm(join(dir, name), { force: true });
  }
}
