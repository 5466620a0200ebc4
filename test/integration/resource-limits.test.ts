/**
 * Issue 7 §6: resource limits. A query whose state or memory-sink table grows past its cap
 * stops with an error that names the operator (or table), the size, the cap and the conf key
 * to raise it — before the batch is committed, so the checkpoint restarts with a larger cap
 * and finishes with the right answer; nearing a cap shows a warning in progress
 * (`tidemark.warnings`), which the app folds into the query's input health.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Session, type DataFrame, type StreamingQuery } from '../../engine/index';
import { TidemarkError } from '../../engine/errors';
import { EngineService } from '../../engine/service/engine-service';
import type { HostResponse, QueryInfo, RequestBody } from '../../engine/service/protocol';

const dirs: string[] = [];
const queries: StreamingQuery[] = [];
afterEach(async () => {
  for (const q of queries.splice(0)) await q.stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tidemark-limits-'));
  dirs.push(dir);
  return dir;
}

const spark = Session.builder().appName('resource-limits').getOrCreate();

let files = 0;
/** Writes rows as a JSON-lines file the way a producer should: under a hidden name, then renamed. */
function writeRows(dir: string, rows: readonly Record<string, unknown>[]): void {
  mkdirSync(dir, { recursive: true });
  const name = `part-${String(files++).padStart(5, '0')}.json`;
  writeFileSync(join(dir, `.${name}.tmp`), rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  renameSync(join(dir, `.${name}.tmp`), join(dir, name));
}

/** `n` users named u00000… from `from` on, each once. */
const users = (from: number, n: number) =>
  Array.from({ length: n }, (_, i) => ({ user: `u${String(from + i).padStart(5, '0')}` }));

function stream(input: string, ddl: string): DataFrame {
  mkdirSync(input, { recursive: true });
  return spark.readStream.schema(ddl).option('fileStableMs', '0').json(input);
}

/** Runs what is available; a query that fails on it ends with its exception set. */
async function runAvailable(q: StreamingQuery): Promise<void> {
  await q.processAllAvailable().catch(() => undefined);
}

const inputRows = (q: StreamingQuery) => q.recentProgress.reduce((n, p) => n + p.numInputRows, 0);

/**
 * Writes a file and runs the query until it has read it or failed: a listing that ran just
 * before the rename can let processAllAvailable() resolve without the file, so ask again.
 */
async function feed(q: StreamingQuery, input: string, rows: readonly Record<string, unknown>[]): Promise<void> {
  const expected = inputRows(q) + rows.length;
  writeRows(input, rows);
  for (let i = 0; i < 400 && q.exception() === null && inputRows(q) < expected; i++) {
    await runAvailable(q);
    if (q.exception() === null && inputRows(q) < expected) await new Promise((r) => setTimeout(r, 5));
  }
}

/** The error a failed query's STREAM_FAILED wraps. */
function causeOf(q: StreamingQuery): TidemarkError {
  const failure = q.exception();
  expect(failure?.errorClass).toBe('STREAM_FAILED');
  const cause = failure?.cause;
  if (!(cause instanceof TidemarkError)) throw new Error(`not a Tidemark error: ${String(cause)}`);
  return cause;
}

function warningCodes(q: StreamingQuery): string[] {
  return q.lastProgress?.tidemark.warnings.map((w) => w.code) ?? [];
}

async function tableRows(name: string): Promise<Record<string, unknown>[]> {
  return spark.sql(`SELECT * FROM ${name}`).collect();
}

describe('state memory limit (spark.tidemark.state.maxMemoryBytes)', () => {
  it('fails the batch that takes state past a 64 KB cap, leaves the checkpoint at the last batch, and a restart with a larger cap finishes with the right counts', async () => {
    const dir = tempDir();
    const input = join(dir, 'in');
    const checkpoint = join(dir, 'checkpoint');
    const start = (cap: string) => {
      const q = stream(input, 'user STRING')
        .groupBy('user')
        .count()
        .writeStream.format('memory')
        .queryName('user_counts')
        .outputMode('complete')
        .option('checkpointLocation', checkpoint)
        .option('spark.tidemark.state.maxMemoryBytes', cap)
        .start();
      queries.push(q);
      return q;
    };

    const first = start('64k');
    await feed(first, input, users(0, 100));
    expect(first.exception()).toBeNull();
    expect(first.lastProgress?.stateOperators[0].numRowsTotal).toBe(100);

    await feed(first, input, users(0, 2000));
    await first.awaitTermination().catch(() => undefined);
    const cause = causeOf(first);
    expect(cause.errorClass).toBe('STATE_MEMORY_LIMIT_EXCEEDED');
    expect(cause.message).toContain('stateStoreSave (operatorId 0)');
    expect(cause.message).toContain('above the state memory limit of 64.0 KiB (spark.tidemark.state.maxMemoryBytes)');
    expect(cause.message).toContain('The batch was not committed');

    // Batch 1 was planned (offsets/1) but neither its state (version 2) nor its commit was written.
    expect(existsSync(join(checkpoint, 'offsets', '1'))).toBe(true);
    expect(existsSync(join(checkpoint, 'commits', '0'))).toBe(true);
    expect(existsSync(join(checkpoint, 'commits', '1'))).toBe(false);
    const stateFiles = readdirSync(join(checkpoint, 'state'), { recursive: true }).map(String);
    expect(stateFiles.some((f) => f.endsWith('1.delta'))).toBe(true);
    expect(stateFiles.some((f) => f.endsWith('2.delta') || f.endsWith('2.snapshot'))).toBe(false);

    const second = start('16m');
    await runAvailable(second);
    expect(second.exception()).toBeNull();
    expect(second.lastProgress?.batchId).toBe(1);
    const counts = new Map((await tableRows('user_counts')).map((r) => [r.user, r.count]));
    expect(counts.size).toBe(2000);
    expect(counts.get('u00000')).toBe(2);
    expect(counts.get('u00099')).toBe(2);
    expect(counts.get('u00100')).toBe(1);
    expect(counts.get('u01999')).toBe(1);
  });

  it('warns (STATE_MEMORY_HIGH) once state reaches warnFraction of the cap, and the query goes on', async () => {
    const dir = tempDir();
    const input = join(dir, 'in');
    const q = stream(input, 'user STRING')
      .groupBy('user')
      .count()
      .writeStream.format('memory')
      .queryName('warned_counts')
      .outputMode('complete')
      .option('spark.tidemark.state.maxMemoryBytes', '64k')
      .option('spark.tidemark.state.warnFraction', '0.5')
      .start();
    queries.push(q);

    await feed(q, input, users(0, 10));
    expect(warningCodes(q)).toEqual([]);
    // Every key has the same length, so each holds the same estimate: aim at 75% of the cap.
    const perKey = q.lastProgress!.stateOperators[0].memoryUsedBytes / 10;
    const keys = Math.ceil((0.75 * 65_536) / perKey);
    await feed(q, input, users(10, keys - 10));

    expect(q.exception()).toBeNull();
    expect(q.isActive).toBe(true);
    const state = q.lastProgress!.stateOperators[0];
    expect(state.memoryUsedBytes).toBeGreaterThanOrEqual(0.5 * 65_536);
    expect(state.memoryUsedBytes).toBeLessThanOrEqual(65_536);
    const [warning] = q.lastProgress!.tidemark.warnings;
    expect(warning.code).toBe('STATE_MEMORY_HIGH');
    expect(warning.message).toContain('limit of 64.0 KiB (spark.tidemark.state.maxMemoryBytes)');
    expect(warning.message).toContain('stateStoreSave (operatorId 0)');
    expect(warning.message).toContain('add a watermark');
  });

  it('no out-of-memory: deduplicating ever-new ids stops with the error after a few batches, the heap bounded', async () => {
    const dir = tempDir();
    const input = join(dir, 'in');
    const q = stream(input, 'id STRING')
      .dropDuplicates(['id'])
      .writeStream.format('noop')
      .option('spark.tidemark.state.maxMemoryBytes', '4m')
      .start();
    queries.push(q);
    const heapBefore = process.memoryUsage().heapUsed;
    let batches = 0;
    while (q.exception() === null && batches < 40) {
      await feed(q, input, Array.from({ length: 20_000 }, (_, i) => ({ id: `id-${batches}-${i}` })));
      batches++;
    }
    expect(causeOf(q).errorClass).toBe('STATE_MEMORY_LIMIT_EXCEEDED');
    expect(causeOf(q).message).toContain('dedupe (operatorId 0)');
    // 4 MiB of estimated state is a few batches of 20,000 ids, far from the 40 allowed.
    expect(batches).toBeLessThan(20);
    // A sanity bound only: the cap kept state near 4 MiB, nowhere near the heap limit.
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(512 * 1024 * 1024);
  });
});

describe('memory sink limits (spark.tidemark.memorySink.maxRows / maxBytes)', () => {
  it('append: the table may hold 5 rows in all; a warning at 80%, then the batch past it fails and the table keeps its rows', async () => {
    const dir = tempDir();
    const input = join(dir, 'in');
    const q = stream(input, 'user STRING')
      .writeStream.format('memory')
      .queryName('raw_users')
      .outputMode('append')
      .option('spark.tidemark.memorySink.maxRows', '5')
      .start();
    queries.push(q);
    await feed(q, input, users(0, 4));
    expect(warningCodes(q)).toEqual(['MEMORY_SINK_HIGH']);
    await feed(q, input, users(4, 2));
    const cause = causeOf(q);
    expect(cause.errorClass).toBe('MEMORY_SINK_LIMIT_EXCEEDED');
    expect(cause.message).toContain("Batch 1 would bring the memory sink's table to 6 rows");
    expect(cause.message).toContain('(spark.tidemark.memorySink.maxRows)');
    expect(await tableRows('raw_users')).toHaveLength(4);
  });

  it('complete: the cap (set in the session conf) applies to the replacing table, not to the rows written over time', async () => {
    const dir = tempDir();
    const input = join(dir, 'in');
    spark.conf.set('spark.tidemark.memorySink.maxRows', '3');
    let q: StreamingQuery;
    try {
      q = stream(input, 'user STRING')
        .groupBy('user')
        .count()
        .writeStream.format('memory')
        .queryName('capped_counts')
        .outputMode('complete')
        .start();
    } finally {
      spark.conf.unset('spark.tidemark.memorySink.maxRows');
    }
    queries.push(q);
    for (const batch of [users(0, 2), users(1, 2), users(0, 3)]) {
      await feed(q, input, batch);
    }
    // Three batches wrote 2 + 3 + 3 rows; the table never held more than 3.
    expect(q.exception()).toBeNull();
    expect(q.recentProgress.map((p) => p.sink.numOutputRows)).toEqual([2, 3, 3]);
    await feed(q, input, users(3, 1));
    expect(causeOf(q).errorClass).toBe('MEMORY_SINK_LIMIT_EXCEEDED');
    expect(causeOf(q).message).toContain('In complete mode the table is the whole result of each batch');
    expect(await tableRows('capped_counts')).toHaveLength(3);
  });
});

describe('the app: warnings in the query’s input health, the failure with the conf key to change', () => {
  it('a query started through the host API shows STATE_MEMORY_HIGH, then fails with STATE_MEMORY_LIMIT_EXCEEDED', async () => {
    const dir = tempDir();
    const input = join(dir, 'in');
    const service = new EngineService({ session: spark, onEvent: () => undefined });
    let nextId = 1;
    const call = async (body: RequestBody): Promise<unknown> => {
      const r: HostResponse = await service.handle({ ...body, id: nextId++ } as never);
      if (!r.ok) throw new Error(r.error.message);
      return r.result;
    };
    const info = async (id: string): Promise<QueryInfo> =>
      ((await call({ type: 'listQueries' })) as QueryInfo[]).find((q) => q.id === id)!;
    try {
      const df = stream(input, 'user STRING').dropDuplicates(['user']);
      const sink = df.writeStream
        .format('noop')
        .outputMode('append')
        .option('spark.tidemark.state.maxMemoryBytes', '32k')
        .option('spark.tidemark.state.warnFraction', '0.1')
        .toSinkSpec();
      writeRows(input, users(0, 120));
      const started = (await call({ type: 'startQuery', spec: { plan: df.plan, sink } })) as QueryInfo;
      await expect
        .poll(async () => (await info(started.id)).inputHealth.warnings.map((w) => w.code), { timeout: 20_000 })
        .toEqual(['STATE_MEMORY_HIGH']);
      expect((await info(started.id)).inputHealth.warnings[0]).toMatchObject({ column: null, numFiles: 0 });

      writeRows(input, users(120, 2000));
      await expect.poll(async () => (await info(started.id)).exception !== null, { timeout: 20_000 }).toBe(true);
      const failed = await info(started.id);
      expect(failed.isActive).toBe(false);
      expect(failed.exception?.errorClass).toBe('STREAM_FAILED');
      expect(failed.exception?.sqlState).toBeNull();
      expect(failed.exception?.message).toContain('[STATE_MEMORY_LIMIT_EXCEEDED]');
      expect(failed.exception?.message).toContain('spark.conf.set("spark.tidemark.state.maxMemoryBytes"');
    } finally {
      await service.stop();
    }
  });
});
