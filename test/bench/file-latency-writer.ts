/**
 * The writer side of the file-to-table latency benchmark (file-latency.ts), run as a child
 * process so that its timers are never held up by the engine's work on the measuring
 * process's event loop. It writes `files` files of `rowsPerFile` lab sensor rows at
 * `filesPerSecond`, each the way a well-behaved producer does: the bytes go to a temp
 * file outside the watched folder, then one rename puts the complete file in. Just after
 * each rename it prints `{"file": name, "renamedAtMs": t}` on stdout, `t` on the wall
 * clock (`performance.timeOrigin + performance.now()`, sub-millisecond), the clock the
 * measuring side and Python's `time.time()` also read.
 *
 * Rows are numbered across files (`Index` = i·rowsPerFile + row), so the reader can tell
 * which file a row came from without any file-name column.
 *
 * Usage: file-latency-writer.ts '{"folder":…,"stagingDir":…,"files":…,"rowsPerFile":…,"filesPerSecond":…}'
 */
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SensorRecordGenerator } from '../../engine/io/simulator/index';

interface WriterPlan {
  readonly folder: string;
  /** Same file system as `folder` (a rename across file systems is a copy). */
  readonly stagingDir: string;
  readonly files: number;
  readonly rowsPerFile: number;
  readonly filesPerSecond: number;
}

interface RenameRecord {
  readonly file: string;
  readonly renamedAtMs: number;
}

const wallClockMs = (): number => performance.timeOrigin + performance.now();

/** file-latency.ts reads the file number back from the name. */
function latencyFileName(i: number): string {
  return `part-${String(i).padStart(6, '0')}.json`;
}

async function main(): Promise<void> {
  const plan = JSON.parse(process.argv[2] ?? '{}') as WriterPlan;
  const generator = new SensorRecordGenerator({ seed: 7, malformedFraction: 0, nullFraction: 0 });
  const periodMs = 1000 / plan.filesPerSecond;
  const start = wallClockMs() + 20;
  for (let i = 0; i < plan.files; i++) {
    // Each file is generated before its slot, so the slot holds only the write and the rename.
    const lines: string[] = [];
    for (let r = 0; r < plan.rowsPerFile; r++) lines.push(generator.nextLine());
    const bytes = lines.join('\n') + '\n';
    const wait = start + i * periodMs - wallClockMs();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const name = latencyFileName(i);
    const staged = join(plan.stagingDir, name);
    writeFileSync(staged, bytes);
    renameSync(staged, join(plan.folder, name));
    const record: RenameRecord = { file: name, renamedAtMs: wallClockMs() };
    process.stdout.write(JSON.stringify(record) + '\n');
  }
}

void main();
