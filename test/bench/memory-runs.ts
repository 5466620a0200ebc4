/**
 * The memory part: the 10M-row windowed run with a watermark (append) and without (update),
 * each in a fresh child process (memory-child.ts) so neither inherits the other's heap;
 * watermark first, each mode the median of BENCH_RUNS runs. RSS growth = peak RSS − RSS before the query started; "steady growth"
 * = RSS at the last batch − RSS once a tenth of the batches have run, which separates
 * warm-up (JIT, buffers, first state) from memory that keeps growing with the input.
 */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchFolder, BenchWorkspace } from './bench-data';
import { RESULT_PREFIX, type MemoryChildResult } from './memory-result';

const root = resolve(fileURLToPath(import.meta.url), '../../..');

export interface MemoryRun extends MemoryChildResult {
  readonly name: string;
  readonly rssGrowthMb: number;
  readonly steadyGrowthMb: number;
  /** Every timed run's growth (peak − before), in run order; this run is their median. */
  readonly growthRunsMb: readonly number[];
}

function runChild(
  folder: BenchFolder,
  checkpoint: string,
  watermark: boolean,
): Promise<MemoryChildResult> {
  const args = [
    '--expose-gc',
    '--import',
    'tsx',
    join(root, 'test/bench/memory-child.ts'),
    folder.dir,
    checkpoint,
    String(folder.rows),
    watermark ? 'watermark' : 'no-watermark',
  ];
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', reject);
    child.once('close', (code) => {
      const line = stdout.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
      if (code !== 0 || line === undefined) {
        reject(
          new Error(
            `memory-child.ts (${watermark ? 'watermark' : 'no watermark'}) exited ${code}:\n${stderr.trim().split('\n').slice(-8).join('\n')}`,
          ),
        );
        return;
      }
      resolvePromise(JSON.parse(line.slice(RESULT_PREFIX.length)) as MemoryChildResult);
    });
  });
}

/**
 * Each mode runs `runs` times after one warm-up run (a fresh process each, so the warm-up
 * only warms the disk cache), as every figure of the bench is a median: the peak of a run
 * depends on when V8's first full collection falls, and runs of the same code spread by
 * ±12 MB. The run with the median growth is reported whole, with every run's growth.
 */
export async function memoryRuns(
  folder: BenchFolder,
  workspace: BenchWorkspace,
  runs: number,
): Promise<MemoryRun[]> {
  const out: MemoryRun[] = [];
  for (const watermark of [true, false]) {
    const mode = watermark ? 'with' : 'without';
    console.log(`  memory runs ${mode} watermark: 1 warm-up + ${runs}…`);
    await runChild(folder, workspace.fresh('memory-checkpoint'), watermark);
    const measured: MemoryRun[] = [];
    for (let i = 0; i < runs; i++) {
      const r = await runChild(folder, workspace.fresh('memory-checkpoint'), watermark);
      const tenth = r.trace[Math.floor(r.trace.length / 10)];
      const last = r.trace[r.trace.length - 1];
      measured.push({
        ...r,
        name: watermark ? 'Tidemark: 1 min watermark, append' : 'Tidemark: no watermark, update',
        rssGrowthMb: r.peakRssMb - r.rssBeforeMb,
        steadyGrowthMb: tenth !== undefined && last !== undefined ? last.rssMb - tenth.rssMb : NaN,
        growthRunsMb: [],
      });
      console.log(`    run ${i + 1}: RSS growth ${(r.peakRssMb - r.rssBeforeMb).toFixed(1)} MB`);
    }
    const growths = measured.map((m) => m.rssGrowthMb);
    const median = [...measured].sort((a, b) => a.rssGrowthMb - b.rssGrowthMb)[Math.floor((measured.length - 1) / 2)];
    out.push({ ...median, growthRunsMb: growths });
  }
  return out;
}
