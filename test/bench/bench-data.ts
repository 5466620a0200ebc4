/**
 * The simulator folders every part of the bench reads, generated once per run into one temp
 * dir (removed at the end by run.ts). Generation is not measured; the default generator
 * options are the lab's sample shape: ten users' phones, 10 ms apart, no malformed lines, so
 * every peer reads and counts exactly the same rows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSensorFolder, type SensorFolder } from '../../engine/io/simulator/index';

export interface BenchFolder extends SensorFolder {
  readonly dir: string;
}

export class BenchWorkspace {
  readonly root = mkdtempSync(join(tmpdir(), 'tidemark-bench-'));
  private next = 0;

  /** A new empty folder path under the workspace (checkpoints, outputs: one per run). */
  fresh(name: string): string {
    return join(this.root, 'runs', `${name}-${this.next++}`);
  }

  async sensorFolder(
    name: string,
    rows: number,
    files: number,
    clockStepMs: number,
  ): Promise<BenchFolder> {
    const dir = join(this.root, name);
    const t0 = performance.now();
    const folder = await writeSensorFolder({
      dir,
      files,
      rowsPerFile: Math.ceil(rows / files),
      seed: 7,
      malformedFraction: 0,
      nullFraction: 0,
      clockStepMs,
    });
    console.log(
      `generated ${folder.rows.toLocaleString()} rows (${(folder.bytes / 1e6).toFixed(0)} MB) in ${files} files in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    return { ...folder, dir };
  }

  /** Removes run outputs between measurements so the disk holds one run's files at a time. */
  clearRuns(): void {
    rmSync(join(this.root, 'runs'), { recursive: true, force: true });
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
