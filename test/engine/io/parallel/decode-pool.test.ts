/**
 * The decode pool's life: a worker that dies mid-batch fails the batch with a clear error
 * naming a file (never a hang) and the next batch runs on a fresh worker; shutdown ends every
 * worker and leaves no handle behind.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SparkRuntimeException } from '../../../../engine/errors';
import { readerFor } from '../../../../engine/io/formats/registry';
import { decodePool, shutdownDecodePool } from '../../../../engine/io/parallel/decode-pool';
import { readFiles } from '../../../../engine/io/sources/read-files';
import { parseDDL } from '../../../../engine/types/ddl';
import { JSON_DDL, writeJsonFiles } from './parallel-fixtures';

const conf = { timeZone: 'UTC', columnNameOfCorruptRecord: '_corrupt_record' };
const schema = parseDDL(JSON_DDL);
let dir: string;
let paths: string[];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tidemark-decode-pool-'));
  paths = writeJsonFiles(dir, 8, 4000);
});
afterAll(async () => {
  await shutdownDecodePool();
  rmSync(dir, { recursive: true, force: true });
});

const read = (threads: number) =>
  readFiles(paths, readerFor('json', {}, conf), schema, { ignoreMissingFiles: false, parseThreads: threads });

describe('a decode worker that dies', () => {
  it('fails the batch with PARSE_WORKER_EXITED naming a file; the next batch works', async () => {
    const expected = await read(1);
    const pending = read(2);
    const failed = pending.then(
      () => null,
      (e: unknown) => e,
    );
    // Kill a worker while it holds files (each file takes it a while to decode).
    await vi.waitFor(() => expect(decodePool().busyThreads().length).toBeGreaterThan(0), { timeout: 60_000, interval: 1 });
    const victim = decodePool().busyThreads()[0];
    await victim.terminate();
    const error = await failed;
    expect(error).toBeInstanceOf(SparkRuntimeException);
    const e = error as SparkRuntimeException;
    expect(e.errorClass).toBe('PARSE_WORKER_EXITED');
    expect(e.message).toMatch(/The thread decoding file:.*part-\d\.json stopped before it finished/);
    expect(e.message).toContain('spark.tidemark.source.parseThreads');
    expect(decodePool().threads).not.toContain(victim);

    const again = await read(2);
    expect(again.batch.toRows()).toStrictEqual(expected.batch.toRows());
    expect(again.numCorruptRecords).toBe(expected.numCorruptRecords);
  });
});

describe('shutdownDecodePool', () => {
  it('ends every worker and leaves no handle', async () => {
    const before = process.getActiveResourcesInfo().filter((r) => r !== 'Timeout').length;
    await read(2);
    const workers = [...decodePool().threads];
    expect(workers.length).toBe(2);
    await shutdownDecodePool();
    for (const w of workers) expect(w.threadId).toBe(-1);
    expect(process.getActiveResourcesInfo().filter((r) => r !== 'Timeout').length).toBeLessThanOrEqual(before);
    // A new pool starts on demand after a shutdown.
    const r = await read(2);
    expect(r.batch.numRows).toBe(32_000);
    expect(decodePool().threads.length).toBe(2);
  });
});
