/**
 * Writes a whole folder of sensor files at once (benchmarks, large demos): e.g. 1M rows in
 * 20 files. Lines go straight into one byte buffer per file (joining 50k strings costs more
 * than generating them), and one file is written while the next is generated, so I/O
 * overlaps generation without holding the whole folder in memory.
 * Files are written in order (`part-00000.json`, …), so their mtimes ascend.
 */
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { SensorRecordGenerator, type SensorGeneratorOptions } from './sensor-records';

export interface WriteSensorFolderOptions extends SensorGeneratorOptions {
  readonly dir: string;
  readonly files: number;
  readonly rowsPerFile: number;
}

export interface SensorFolder {
  readonly files: string[];
  readonly rows: number;
  readonly bytes: number;
}

export async function writeSensorFolder(options: WriteSensorFolderOptions): Promise<SensorFolder> {
  await fs.mkdir(options.dir, { recursive: true });
  const generator = new SensorRecordGenerator(options);
  const files: string[] = [];
  let bytes = 0;
  let previous: Promise<void> = Promise.resolve();
  for (let f = 0; f < options.files; f++) {
    const data = fileBytes(generator, options.rowsPerFile);
    const path = join(options.dir, `part-${String(f).padStart(5, '0')}.json`);
    bytes += data.length;
    files.push(path);
    await previous;
    previous = fs.writeFile(path, data);
  }
  await previous;
  return { files, rows: options.files * options.rowsPerFile, bytes };
}

const NEWLINE = 10;

/** `rows` lines, each ending in a newline. Lines are ASCII, so latin1 writes are exact. */
function fileBytes(generator: SensorRecordGenerator, rows: number): Buffer {
  let buf = Buffer.allocUnsafe(Math.max(256, rows * 220));
  let offset = 0;
  for (let i = 0; i < rows; i++) {
    const line = generator.nextLine();
    if (offset + line.length + 1 > buf.length) {
      const grown = Buffer.allocUnsafe(buf.length * 2 + line.length);
      buf.copy(grown, 0, 0, offset);
      buf = grown;
    }
    offset += buf.write(line, offset, 'latin1');
    buf[offset++] = NEWLINE;
  }
  return buf.subarray(0, offset);
}
