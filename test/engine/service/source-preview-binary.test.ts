/**
 * The source preview on binary formats: Parquet and Arrow IPC files are read whole through
 * the real readers, the schema comes from the first file, no corrupt-record column is added,
 * and a damaged file is skipped with a warning instead of failing the preview.
 */
import { tableFromIPC } from 'apache-arrow';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ColumnBatch } from '../../../engine/batch/column-batch';
import type { ReaderConf } from '../../../engine/io/formats/format';
import { ParquetWriter } from '../../../engine/io/formats/parquet-writer';
import { toArrowIPCFile } from '../../../engine/service/arrow-ipc-file';
import { previewSource } from '../../../engine/service/source-preview';
import { parseDDL } from '../../../engine/types/ddl';

const conf: ReaderConf = { timeZone: 'UTC', columnNameOfCorruptRecord: '_corrupt_record' };
const schema = parseDDL('device STRING, x DOUBLE');
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tidemark-preview-binary-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function put(name: string, data: Uint8Array, ageS: number): void {
  const path = join(dir, name);
  writeFileSync(path, data);
  const t = Date.now() / 1000 - ageS;
  utimesSync(path, t, t);
}

const batchOf = (rows: Record<string, unknown>[]) => ColumnBatch.fromRows(schema, rows);

describe('previewSource on binary formats', () => {
  it('parquet: infers the footer schema, shows the rows, skips a damaged file with a warning', async () => {
    put('a.parquet', new ParquetWriter().encode(batchOf([{ device: 'a', x: 1 }])), 300);
    put('b.parquet', new TextEncoder().encode('not parquet at all\n'), 200);
    put('c.parquet', new ParquetWriter().encode(batchOf([{ device: 'c', x: 2.5 }])), 100);
    const p = await previewSource({ path: dir, format: 'parquet', schema: null, options: {} }, 10, conf);
    expect(p.schemaDDL).toBe('`device` STRING, `x` DOUBLE');
    expect(p.sampledFiles).toEqual(['a.parquet', 'c.parquet']);
    expect(tableFromIPC(p.ipc).toArray().map((r) => r.toJSON())).toEqual([
      { device: 'a', x: 1 },
      { device: 'c', x: 2.5 },
    ]);
    expect(p.corrupt).toEqual([]);
    expect(p.warnings.map((w) => w.message).join('\n')).toContain('b.parquet');
  });

  it('arrow: reads an Arrow IPC file with a declared schema', async () => {
    put('a.arrow', toArrowIPCFile(batchOf([{ device: 'a', x: 1 }, { device: null, x: null }]), {}), 100);
    const p = await previewSource(
      { path: dir, format: 'arrow', schema: 'DEVICE STRING', options: {} },
      10,
      conf,
    );
    expect(p.inferred).toBe(false);
    expect(tableFromIPC(p.ipc).toArray().map((r) => r.toJSON())).toEqual([{ DEVICE: 'a' }, { DEVICE: null }]);
  });
});
