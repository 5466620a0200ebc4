// Shared by the file-source tests: temp folders, files with chosen mtimes, and a tiny
// line reader standing in for the format registry (one `value string` row per line).
import { mkdtempSync, promises as fs, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ColumnBatch } from '../../../../engine/batch/column-batch';
import { T } from '../../../../engine/types/data-types';
import { StructField, StructType } from '../../../../engine/types/struct-type';
import type { FormatReader } from '../../../../engine/io/formats/format';

export const VALUE_SCHEMA = new StructType([new StructField('value', T.string, true)]);

/** Lines as rows; a line starting with `!` counts as a corrupt record and yields no row. */
export const lineReader: FormatReader = {
  read(_path, data, schema) {
    const lines = Buffer.from(data)
      .toString('utf8')
      .split('\n')
      .filter((l) => l.length > 0);
    const good = lines.filter((l) => !l.startsWith('!'));
    return {
      batch: ColumnBatch.fromRows(
        schema,
        good.map((value) => ({ value })),
      ),
      numCorruptRecords: lines.length - good.length,
      warnings: [],
    };
  },
};

export class TempFolder {
  readonly path = mkdtempSync(join(tmpdir(), 'tidemark-src-'));

  at(...parts: string[]): string {
    return join(this.path, ...parts);
  }

  /** Writes a file and sets its mtime (ms) — in the past by default, so it is stable. */
  async write(name: string, text: string, mtimeMs = Date.now() - 10_000): Promise<string> {
    const p = this.at(name);
    await fs.mkdir(dirname(p), { recursive: true });
    await fs.writeFile(p, text);
    await fs.utimes(p, mtimeMs / 1000, mtimeMs / 1000);
    return p;
  }

  remove(): void {
    rmSync(this.path, { recursive: true, force: true });
  }
}

export function values(batch: ColumnBatch): unknown[] {
  return batch.toRows().map((r) => r.value);
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
