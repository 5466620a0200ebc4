/**
 * Files big enough for read-files.ts to hand them to the decode pool (over
 * PARALLEL_MIN_BYTES together), in every readable format, with corrupt records sprinkled in
 * at known places. Generated, not stored: a few MiB of text.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ColumnBatch } from '../../../../engine/batch/column-batch';
import { ParquetWriter } from '../../../../engine/io/formats/parquet-writer';
import { toArrowIPCFile } from '../../../../engine/service/arrow-ipc-file';
import { parseDDL } from '../../../../engine/types/ddl';

export const JSON_DDL =
  'id INT, name STRING, score DOUBLE, tags ARRAY<STRING>, attrs MAP<STRING, INT>, bin BINARY, ts TIMESTAMP, d DATE, p STRUCT<x: INT, label: STRING>, _corrupt_record STRING';

function jsonLine(file: number, i: number): string {
  const id = file * 100_000 + i;
  // Every 997th line is broken JSON, every 1009th has a string where an int belongs.
  if (i % 997 === 5) return `{"id": ${id}, "name": "broken`;
  if (i % 1009 === 7) return JSON.stringify({ id: `x${id}`, name: `n${i % 50}` });
  return JSON.stringify({
    id,
    name: i % 13 === 0 ? null : `name-${i % 50}`,
    score: i / 7,
    tags: i % 3 === 0 ? ['a', `t${i % 5}`] : [],
    attrs: { k: i % 11, [`v${i % 4}`]: i },
    bin: Buffer.from([i & 255, (i >> 8) & 255, 7]).toString('base64'),
    ts: new Date(Date.UTC(2024, 2, 1) + id * 1000).toISOString(),
    d: '2024-03-0' + ((i % 9) + 1),
    p: i % 17 === 0 ? null : { x: i, label: `l${i % 7}` },
  });
}

/** `files` JSON files of `lines` lines each (the folder is made if needed); returns their paths in order. */
export function writeJsonFiles(dir: string, files: number, lines: number): string[] {
  mkdirSync(dir, { recursive: true });
  return Array.from({ length: files }, (_, f) => {
    const path = join(dir, `part-${f}.json`);
    writeFileSync(path, Array.from({ length: lines }, (_, i) => jsonLine(f, i)).join('\n') + '\n');
    return path;
  });
}

export const CSV_DDL = 's STRING, i INT, v DOUBLE, _corrupt_record STRING';

export function writeCsvFiles(dir: string, files: number, lines: number): string[] {
  return Array.from({ length: files }, (_, f) => {
    const path = join(dir, `part-${f}.csv`);
    const rows = Array.from({ length: lines }, (_, i) => {
      if (i % 991 === 3) return `bad-${i},not-a-number,1.0`;
      if (i % 983 === 4) return `extra-${i},${i},2.5,surplus`;
      return `row-${f}-${i % 40},${i},${(i / 3).toFixed(3)}`;
    });
    writeFileSync(path, rows.join('\n') + '\n');
    return path;
  });
}

export function writeTextFiles(dir: string, files: number, lines: number): string[] {
  return Array.from({ length: files }, (_, f) => {
    const path = join(dir, `part-${f}.txt`);
    writeFileSync(path, Array.from({ length: lines }, (_, i) => `line ${f}:${i} ${'é'.repeat(i % 4)}`).join('\n') + '\n');
    return path;
  });
}

export const COLUMNAR_DDL =
  'id INT, name STRING, big BIGINT, ts TIMESTAMP, d DATE, tags ARRAY<STRING>, attrs MAP<STRING, INT>, point STRUCT<x: INT, label: STRING>, bin BINARY';

function columnarRows(file: number, n: number): Record<string, unknown>[] {
  return Array.from({ length: n }, (_, i) => ({
    id: file * 100_000 + i,
    name: i % 11 === 0 ? null : `name-${file}-${i}-${'z'.repeat(i % 9)}`,
    big: 2 ** 40 + i,
    ts: (Date.UTC(2024, 2, 1) + i * 1000) * 1000 + 123,
    d: 19_000 + (i % 400),
    tags: i % 5 === 0 ? null : [`a${i % 3}`, `b${i}`],
    attrs: new Map([[`k${i % 6}`, i]]),
    point: i % 7 === 0 ? null : { x: i, label: `p${i % 13}` },
    bin: new Uint8Array([i & 255, 1, 2, 3]),
  }));
}

export function writeParquetFiles(dir: string, files: number, rows: number): string[] {
  const schema = parseDDL(COLUMNAR_DDL);
  return Array.from({ length: files }, (_, f) => {
    const path = join(dir, `part-${f}.parquet`);
    writeFileSync(path, new ParquetWriter().encode(ColumnBatch.fromRows(schema, columnarRows(f, rows))));
    return path;
  });
}

export function writeArrowFiles(dir: string, files: number, rows: number): string[] {
  const schema = parseDDL(COLUMNAR_DDL);
  return Array.from({ length: files }, (_, f) => {
    const path = join(dir, `part-${f}.arrow`);
    writeFileSync(path, toArrowIPCFile(ColumnBatch.fromRows(schema, columnarRows(f, rows)), {}));
    return path;
  });
}
