/**
 * A streaming query end to end with spark.tidemark.source.parseThreads=2 gives what it gives
 * with 1: the same table (an aggregation and a projection whose row order follows the files),
 * the same corrupt-record handling, and the same failure under FAILFAST.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodePool } from '../../../../engine/io/parallel/decode-pool';
import { Session } from '../../../../engine/session';
import { JSON_DDL, writeJsonFiles } from './parallel-fixtures';

let session: Session;
let dir: string;
let input: string;

beforeAll(() => {
  session = Session.builder().appName('parallel-stream-test').getOrCreate();
  dir = mkdtempSync(join(tmpdir(), 'tidemark-parallel-stream-'));
  input = join(dir, 'in');
  writeJsonFiles(input, 3, 3000);
});
afterAll(async () => {
  await session.stop();
  rmSync(dir, { recursive: true, force: true });
});

let runs = 0;

/** Runs the query to completion with availableNow and returns the memory table's rows. */
async function run(threads: string, shape: 'count' | 'project', mode = 'PERMISSIVE'): Promise<unknown[]> {
  session.conf.set('spark.tidemark.source.parseThreads', threads);
  const name = `parallel_${shape}_${runs++}`;
  const events = session.readStream.schema(JSON_DDL).option('mode', mode).json(input);
  const q =
    shape === 'count'
      ? events.groupBy('name').count().writeStream.format('memory').queryName(name).outputMode('complete')
      : events.select('id', 'name', 'tags', 'attrs', 'bin', 'p', '_corrupt_record').writeStream.format('memory').queryName(name);
  const query = q.trigger({ availableNow: true }).start();
  await query.awaitTermination().catch(() => undefined);
  const failure = query.exception();
  if (failure !== null) throw failure;
  const sql = shape === 'count' ? `SELECT name, count FROM ${name} ORDER BY name` : `SELECT * FROM ${name}`;
  return (await session.sql(sql).collect()).map((r) => ({ ...r }));
}

describe('a streaming query with parseThreads=2', () => {
  it('counts exactly as with parseThreads=1, decoding on the pool', async () => {
    const one = await run('1', 'count');
    const two = await run('2', 'count');
    expect(decodePool().threads.length).toBe(2);
    expect(two).toStrictEqual(one);
    expect(one.reduce((n: number, r) => n + Number((r as { count: number }).count), 0)).toBe(9000);
  });

  it('appends the same rows in the same order, corrupt records included', async () => {
    const one = await run('1', 'project');
    const two = await run('2', 'project');
    expect(two.length).toBe(9000);
    expect(two).toStrictEqual(one);
    expect(one.filter((r) => (r as { _corrupt_record: unknown })._corrupt_record !== null).length).toBeGreaterThan(0);
  });

  it('fails alike under FAILFAST', async () => {
    const failure = (threads: string) =>
      run(threads, 'count', 'FAILFAST').then(
        () => null,
        (e: Error) => e.message.replace(/id = [\w-]+, runId = [\w-]+/, 'id, runId'),
      );
    const one = await failure('1');
    expect(one).toMatch(/MALFORMED_RECORD_IN_PARSING.*part-0\.json/s);
    expect(await failure('2')).toBe(one);
  });

  it('Session.stop ends the decode threads; the next session starts new ones', async () => {
    await run('2', 'count');
    const workers = [...decodePool().threads];
    expect(workers.length).toBe(2);
    await session.stop();
    for (const w of workers) expect(w.threadId).toBe(-1);
    session = Session.builder().appName('parallel-stream-test').getOrCreate();
    expect((await run('2', 'count')).length).toBeGreaterThan(0);
    expect(decodePool().threads.length).toBe(2);
  });
});
