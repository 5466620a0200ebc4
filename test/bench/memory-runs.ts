/**
 * The memory part: the 10M-row windowed run with a watermark (append) and without (update),
 * each in a fresh child process (memory-child.ts) so neither inherits the other's heap;
 * watermark first. RSS growth = peak RSS − RSS before the query started; "steady growth"
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

export async function memoryRuns(
  folder: BenchFolder,
  workspace: BenchWorkspace,
): Promise<MemoryRun[]> {
  const out: MemoryRun[] = [];
  for (const watermark of [true, false]) {
    console.log(`  memory run ${watermark ? 'with' : 'without'} watermark…`);
    const r = await runChild(folder, workspace.fresh('memory-checkpoint'), watermark);
    const tenth = r.trace[Math.floor(r.trace.length / 10)];
    const last = r.trace[r.trace.length - 1];
    out.push({
      ...r,
      name: watermark ? 'Tidemark: 1 min watermark, append' : 'Tidemark: no watermark, update',
      rssGrowthMb: r.peakRssMb - r.rssBeforeMb,
      steadyGrowthMb: tenth !== undefined && last !== undefined ? last.rssMb - tenth.rssMb : NaN,
    });
  }
  return out;
}
