/**
 * Issue 7 §1: starting a changed query on an old checkpoint. Stateless changes (a filter
 * or projection added or removed, other sink options) keep the state and go on; a changed
 * stateful part fails at start with Spark's error class — an operator added, removed or
 * replaced (STREAMING_STATEFUL_OPERATOR_NOT_MATCH_IN_STATE_METADATA, as Spark's
 * OperatorStateMetadataSuite "Add/Replace/Remove stateful operator"), other grouping keys
 * (STATE_STORE_KEY_SCHEMA_NOT_COMPATIBLE) or other aggregates
 * (STATE_STORE_VALUE_SCHEMA_NOT_COMPATIBLE) — naming the change and asking for a new
 * checkpoint location.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { col, count, sum, type DataFrame } from '../../engine/index';
import type { TidemarkError } from '../../engine/errors';
import { RestartRun, sortRows, type Mode } from './restart-harness';

let run: RestartRun;
afterEach(async () => run.close());

const clicks = (r: RestartRun) => r.stream('user STRING, n INT');

/** Runs `first` over one file, stops, then starts `second` on the same checkpoint with another file. */
async function restartWith(first: DataFrame, second: () => DataFrame, mode: Mode): Promise<void> {
  run.start(first, mode);
  await run.step({ rows: [{ user: 'ann', n: 1 }, { user: 'bob', n: 2 }, { user: 'ann', n: 3 }] });
  await run.query!.stop();
  run.query = null;
  run.start(second(), mode);
  await run.step({ rows: [{ user: 'ann', n: 4 }, { user: 'cid', n: 5 }] }).catch(() => undefined);
}

function failure(): TidemarkError {
  const e = run.query!.exception();
  expect(e).not.toBeNull();
  return e!.cause as TidemarkError;
}

describe('a changed query on an old checkpoint', () => {
  it('writes the query metadata, Spark 4 operator metadata and the plan fingerprint', async () => {
    run = new RestartRun();
    run.start(clicks(run).groupBy('user').count(), 'complete');
    await run.step({ rows: [{ user: 'ann', n: 1 }] });
    const metadata = JSON.parse(readFileSync(join(run.checkpoint, 'metadata'), 'utf8')) as { id: string };
    expect(metadata.id).toBe(run.query!.id);
    const [v, op] = readFileSync(join(run.checkpoint, 'state', '0', '_metadata', 'metadata'), 'utf8').split('\n');
    expect(v).toBe('v1');
    expect(JSON.parse(op)).toEqual({
      operatorInfo: { operatorId: 0, operatorName: 'stateStoreSave' },
      stateStoreInfo: [{ storeName: 'default', numColsPrefixKey: 0, numPartitions: 1 }],
    });
    const plan = JSON.parse(readFileSync(join(run.checkpoint, 'state', '_metadata', 'plan'), 'utf8').split('\n')[1]) as {
      planHash: string;
      operators: { keySchema: unknown; valueSchema: unknown }[];
    };
    expect(plan.planHash).toMatch(/^[0-9a-f]{64}$/);
    expect(plan.operators[0].keySchema).toEqual([{ name: '__key_0', type: 'string' }]);
    expect(plan.operators[0].valueSchema).toEqual([{ name: 'count', type: 'bigint' }]);
    expect(existsSync(join(run.checkpoint, 'state', '0', '0', '1.delta'))).toBe(true);
  });

  it('a filter added before the aggregation and a renamed output column keep the state', async () => {
    run = new RestartRun();
    await restartWith(
      clicks(run).groupBy('user').count(),
      () => clicks(run).filter(col('n').gt(0)).groupBy('user').count().withColumnRenamed('count', 'clicks'),
      'complete',
    );
    expect(run.query!.exception()).toBeNull();
    expect(sortRows(run.lastResult())).toEqual([
      { user: 'ann', clicks: 3 },
      { user: 'bob', clicks: 1 },
      { user: 'cid', clicks: 1 },
    ]);
  });

  it('a projection removed from a deduplicating query keeps its seen keys', async () => {
    run = new RestartRun();
    await restartWith(
      clicks(run).selectExpr('user', 'n * 2 AS n2').dropDuplicates(['user']),
      () => clicks(run).dropDuplicates(['user']),
      'append',
    );
    expect(run.query!.exception()).toBeNull();
    expect(sortRows(run.allRows().map((r) => r.user))).toEqual(['ann', 'bob', 'cid']);
  });

  it.each([
    ['added', (r: RestartRun) => clicks(r).dropDuplicates(['user']).groupBy('user').count(), '(OperatorId: 0 -> OperatorName: stateStoreSave), (OperatorId: 1 -> OperatorName: dedupe)'],
    ['replaced', (r: RestartRun) => clicks(r).groupBy('user').count(), '(OperatorId: 0 -> OperatorName: stateStoreSave)'],
    ['removed', (r: RestartRun) => clicks(r), ''],
  ])('a stateful operator %s: STREAMING_STATEFUL_OPERATOR_NOT_MATCH_IN_STATE_METADATA', async (_change, second, inBatch) => {
    run = new RestartRun();
    await restartWith(clicks(run).dropDuplicates(['user']), () => second(run), 'update');
    const e = failure();
    expect(e.errorClass).toBe('STREAMING_STATEFUL_OPERATOR_NOT_MATCH_IN_STATE_METADATA');
    expect(e.messageParameters).toEqual({
      OpsInMetadataSeq: '(OperatorId: 0 -> OperatorName: dedupe)',
      OpsInCurBatchSeq: inBatch,
    });
    expect(e.message).toContain('new checkpoint location');
    // Nothing of the changed query ran: the old batch is still the last one.
    expect(existsSync(join(run.checkpoint, 'offsets', '1'))).toBe(false);
  });

  it('other grouping keys: STATE_STORE_KEY_SCHEMA_NOT_COMPATIBLE', async () => {
    run = new RestartRun();
    await restartWith(clicks(run).groupBy('user').count(), () => clicks(run).groupBy('n').count(), 'complete');
    const e = failure();
    expect(e.errorClass).toBe('STATE_STORE_KEY_SCHEMA_NOT_COMPATIBLE');
    expect(e.message).toContain('Existing key_schema=StructType(StructField(__key_0,string))');
    expect(e.message).toContain('new key_schema=StructType(StructField(__key_0,int))');
    expect(e.message).toContain('grouping or deduplication keys of operator 0 (stateStoreSave) changed');
  });

  it('another aggregate: STATE_STORE_VALUE_SCHEMA_NOT_COMPATIBLE', async () => {
    run = new RestartRun();
    await restartWith(
      clicks(run).groupBy('user').agg(count('*').alias('c')),
      () => clicks(run).groupBy('user').agg(count('*').alias('c'), sum('n').alias('total')),
      'complete',
    );
    const e = failure();
    expect(e.errorClass).toBe('STATE_STORE_VALUE_SCHEMA_NOT_COMPATIBLE');
    expect(e.message).toContain('aggregates or buffered columns of operator 0 (stateStoreSave) changed');
  });
});
