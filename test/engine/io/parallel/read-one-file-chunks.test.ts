/**
 * Local JSON-lines files larger than one chunk (line-chunks.ts, 1 MiB) read through
 * readOneFile: the same batch as decoding the whole bytes, in the query's thread ('async')
 * and in a decode worker's way ('blocking'); FAILFAST names the right line in a later chunk;
 * missing and unreadable files follow FileScanRDD's rules as before.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JsonReader } from '../../../../engine/io/formats/json-reader';
import { CHUNK_BYTES } from '../../../../engine/io/parallel/line-chunks';
import { readOneFile, type FileReadRules } from '../../../../engine/io/parallel/read-one-file';
import { parseDDL } from '../../../../engine/types/ddl';

const conf = { timeZone: 'UTC', columnNameOfCorruptRecord: '_corrupt_record' };
const schema = parseDDL('User STRING, gt STRING, x DOUBLE, Creation_Time TIMESTAMP, _corrupt_record STRING');
const rules: FileReadRules = { ignoreMissingFiles: false, ignoreCorruptFiles: false };

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tidemark-chunks-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** About 2.5 chunks of records with CRLF, a BOM, non-ASCII text and one malformed line. */
function bigFile(badLine?: number): { path: string; bytes: Buffer; lines: number } {
  const lines: string[] = [];
  for (let i = 0, size = 0; size < CHUNK_BYTES * 2.5; i++) {
    lines.push(JSON.stringify({ User: `u${i % 7}`, gt: i % 3 === 0 ? 'sit' : 'stand é', x: i / 8, Creation_Time: 1424686735175 + i }));
    size += Buffer.byteLength(lines[i]) + 2;
  }
  if (badLine !== undefined) lines[badLine - 1] = '{"User": "broken",';
  const bytes = Buffer.from('\ufeff' + lines.join('\r\n') + '\r\n', 'utf8');
  const path = join(dir, 'big.json');
  writeFileSync(path, bytes);
  return { path, bytes, lines: lines.length };
}

describe('readOneFile in chunks', () => {
  it('gives the batch of the whole file, in the calling thread and blocking', async () => {
    const { path, bytes, lines } = bigFile(20_000);
    const reader = new JsonReader({ timestampUnit: 'ms' }, conf);
    const whole = reader.read(path, bytes, schema);
    for (const io of ['async', 'blocking'] as const) {
      const { result, warnings } = await readOneFile(path, reader, schema, rules, io);
      expect(warnings).toEqual([]);
      expect(result!.numCorruptRecords).toBe(1);
      expect(result!.batch.numRows).toBe(lines);
      expect(result!.batch.toRows()).toEqual(whole.batch.toRows());
    }
    expect(reader.stats.fastRecords).toBeGreaterThan(lines * 2);
  });

  it('names the malformed line of a later chunk (FAILFAST)', async () => {
    const { path, lines } = bigFile();
    const bad = lines - 3;
    const { path: badPath } = bigFile(bad);
    expect(badPath).toBe(path);
    const reader = new JsonReader({ mode: 'FAILFAST' }, conf);
    await expect(readOneFile(path, reader, schema, rules)).rejects.toMatchObject({
      errorClass: 'MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION',
      context: { file: path, line: bad },
    });
  });

  it('reads an empty file as no rows', async () => {
    const path = join(dir, 'empty.json');
    writeFileSync(path, '');
    const { result } = await readOneFile(path, new JsonReader({}, conf), schema, rules);
    expect(result!.batch.numRows).toBe(0);
  });

  it('fails or skips a missing file and a folder as before', async () => {
    const reader = new JsonReader({}, conf);
    const missing = join(dir, 'gone.json');
    await expect(readOneFile(missing, reader, schema, rules)).rejects.toMatchObject({ errorClass: 'FAILED_READ_FILE.FILE_NOT_EXIST' });
    const skipped = await readOneFile(missing, reader, schema, { ...rules, ignoreMissingFiles: true });
    expect(skipped.result).toBeNull();
    expect(skipped.warnings.map((w) => w.code)).toEqual(['FILE_NOT_EXIST']);

    const folder = join(dir, 'folder.json');
    mkdirSync(folder);
    for (const io of ['async', 'blocking'] as const) {
      await expect(readOneFile(folder, reader, schema, rules, io)).rejects.toMatchObject({
        errorClass: 'FAILED_READ_FILE.NO_HINT',
        message: expect.stringContaining('EISDIR'),
      });
      const corrupt = await readOneFile(folder, reader, schema, { ...rules, ignoreCorruptFiles: true }, io);
      expect(corrupt.result).toBeNull();
      expect(corrupt.warnings.map((w) => w.code)).toEqual(['FAILED_READ_FILE']);
    }
  });
});
