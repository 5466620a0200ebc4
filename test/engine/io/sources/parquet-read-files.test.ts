/**
 * A damaged Parquet file in a file source: FAILED_READ_FILE.NO_HINT naming the file, or
 * skipped with a warning under ignoreCorruptFiles (FileScanRDD), while good files still read.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ColumnBatch } from '../../../../engine/batch/column-batch';
import { ParquetReader } from '../../../../engine/io/formats/parquet-reader';
import { ParquetWriter } from '../../../../engine/io/formats/parquet-writer';
import { readFiles } from '../../../../engine/io/sources/read-files';
import { parseDDL } from '../../../../engine/types/ddl';

const schema = parseDDL('id INT');
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tidemark-parquet-read-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('reading Parquet files with a damaged one among them', () => {
  it('fails naming the file, or skips it with ignoreCorruptFiles', async () => {
    const good = join(dir, 'good.parquet');
    const bad = join(dir, 'bad.parquet');
    writeFileSync(good, new ParquetWriter().encode(ColumnBatch.fromRows(schema, [{ id: 1 }, { id: 2 }])));
    const whole = new ParquetWriter().encode(ColumnBatch.fromRows(schema, [{ id: 3 }]));
    writeFileSync(bad, whole.subarray(0, whole.length - 9)); // a cut file: no footer

    await expect(readFiles([good, bad], new ParquetReader(), schema, { ignoreMissingFiles: false })).rejects.toThrow(
      /FAILED_READ_FILE\.NO_HINT.*bad\.parquet/s,
    );
    const r = await readFiles([good, bad], new ParquetReader(), schema, {
      ignoreMissingFiles: false,
      ignoreCorruptFiles: true,
    });
    expect(r.batch.toRows()).toEqual([{ id: 1 }, { id: 2 }]);
    expect(r.files).toEqual([good]);
    expect(r.warnings.map((w) => w.file)).toEqual([bad]);
  });
});
