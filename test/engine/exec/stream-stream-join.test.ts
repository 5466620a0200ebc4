import { afterEach, describe, expect, it } from 'vitest';
import { ColumnBatch } from '../../../engine/batch/column-batch';
import { AnalysisException } from '../../../engine/errors';
import { compilePlan } from '../../../engine/exec/compile';
import { stateValueWatermarkMs } from '../../../engine/exec/join-condition-terms';
import type { BatchContext, OutputMode } from '../../../engine/exec/physical-plan';
import { parseExpr } from '../../../engine/expr/parser';
import { expr } from '../../../engine/functions';
import type { LogicalPlan, SourceNode } from '../../../engine/plan/logical-plan';
import { WATERMARK_DELAY_KEY } from '../../../engine/plan/resolve-time-window';
import { T } from '../../../engine/types/data-types';
import { StructType } from '../../../engine/types/struct-type';
import { StreamHarness, sortRows } from '../stream/watermark-stream-harness';
import { analysisSession } from './analysis-session';

const spark = analysisSession();
const leftSchema = new StructType().add('key', T.int).add('leftValue', T.int);
const rightSchema = new StructType().add('key', T.int).add('rightValue', T.int);
const source = (id: string, schema: StructType): SourceNode => ({
  op: 'source',
  id,
  format: 'memory',
  schema: schema.jsonValue(),
  options: {},
  streaming: true,
});
const joinOnKey: LogicalPlan = {
  op: 'join',
  left: source('left-0', leftSchema),
  right: source('right-0', rightSchema),
  how: 'inner',
  using: ['key'],
};
const ctx = (batchId: number, outputMode: OutputMode = 'append'): BatchContext => ({
  batchId,
  watermarkUs: 0,
  batchTimestampUs: 0,
  outputMode,
  noData: false,
});
/** MemoryStream[Int] mapped as StreamingJoinSuite does: (key, key * 2) on the left, (key, key * 3) on the right. */
const inputs = (left: number[], right: number[]) =>
  new Map([
    ['left-0', ColumnBatch.fromRows(leftSchema, left.map((key) => ({ key, leftValue: key * 2 })))],
    ['right-0', ColumnBatch.fromRows(rightSchema, right.map((key) => ({ key, rightValue: key * 3 })))],
  ]);

describe('StreamStreamJoinExec (StreamingJoinSuite / StreamingInnerJoinSuite)', () => {
  it('stream stream inner join on non-time column: rows of both sides join across batches', () => {
    const plan = compilePlan(joinOnKey, spark);
    expect(plan.isStateful).toBe(true);
    expect(plan.runBatch(inputs([1], []), ctx(0)).output.numRows).toBe(0);
    // 1 arrived on the left first, then on the right: joins.
    expect(plan.runBatch(inputs([], [1, 10]), ctx(1)).output.toRows()).toEqual([{ key: 1, leftValue: 2, rightValue: 3 }]);
    // 10 arrived on the right first, then on the left.
    expect(plan.runBatch(inputs([10], []), ctx(2)).output.toRows()).toEqual([{ key: 10, leftValue: 20, rightValue: 30 }]);
    // Another 1 on the right joins the buffered left 1.
    expect(plan.runBatch(inputs([], [1]), ctx(3)).output.toRows()).toEqual([{ key: 1, leftValue: 2, rightValue: 3 }]);
    // Both right 1s are kept in state: a new left 1 joins twice.
    const r = plan.runBatch(inputs([1], []), ctx(4));
    expect(r.output.toRows()).toEqual([
      { key: 1, leftValue: 2, rightValue: 3 },
      { key: 1, leftValue: 2, rightValue: 3 },
    ]);
    // Without a watermark nothing is ever removed: left 1, 10, 1 and right 1, 10, 1.
    expect(r.stateOperators[0]).toMatchObject({ operatorName: 'symmetricHashJoin', numRowsTotal: 6, numRowsUpdated: 1, numRowsRemoved: 0 });
    // New rows of both sides in one batch join each other exactly once.
    expect(plan.runBatch(inputs([100], [100]), ctx(5)).output.toRows()).toEqual([{ key: 100, leftValue: 200, rightValue: 300 }]);
    expect(plan.needsNoDataBatch(1e12, 'append')).toBe(false);
  });

  it('a condition join hashes on its equality conjuncts and filters pairs by the rest; NULL keys never match', () => {
    const plan = compilePlan(
      {
        op: 'join',
        left: source('left-0', new StructType().add('lk', T.int).add('leftValue', T.int)),
        right: source('right-0', new StructType().add('rk', T.int).add('rightValue', T.int)),
        how: 'inner',
        condition: parseExpr('lk = rk AND leftValue < rightValue'),
      },
      spark,
    );
    const batch = (name: string, v: string, rows: [number | null, number][]) =>
      ColumnBatch.fromRows(
        new StructType().add(name, T.int).add(v, T.int),
        rows.map(([k, x]) => ({ [name]: k, [v]: x })),
      );
    const run = (id: number, l: [number | null, number][], r: [number | null, number][]) =>
      plan.runBatch(new Map([['left-0', batch('lk', 'leftValue', l)], ['right-0', batch('rk', 'rightValue', r)]]), ctx(id));
    expect(run(0, [[1, 5], [null, 1]], [[null, 9]]).output.numRows).toBe(0);
    const r = run(1, [], [[1, 4], [1, 6], [2, 9]]);
    expect(r.output.toRows()).toEqual([{ lk: 1, leftValue: 5, rk: 1, rightValue: 6 }]);
    // NULL keys are not buffered: 1 left row + 3 right rows.
    expect(r.stateOperators[0].numRowsTotal).toBe(4);
  });

  it('Append mode only: other modes fail with UnsupportedOperationChecker’s message', () => {
    const plan = compilePlan(joinOnKey, spark);
    for (const mode of ['update', 'complete'] as const) {
      const run = () => plan.runBatch(inputs([1], [1]), ctx(0, mode));
      expect(run).toThrow(AnalysisException);
      expect(run).toThrow(
        `Join between two streaming DataFrames/Datasets is not supported in ${mode === 'update' ? 'Update' : 'Complete'} output mode, only in Append output mode`,
      );
    }
  });

  it('outer stream–stream joins are refused even without the start-time check', () => {
    const plan = compilePlan({ ...joinOnKey, how: 'left' } as LogicalPlan, spark);
    expect(() => plan.runBatch(inputs([1], [1]), ctx(0))).toThrow(
      'Stream-stream left join between two streaming DataFrames/Datasets is not supported by Tidemark; only inner joins are',
    );
  });

  it('stream stream inner join on windows - with watermark: a watermarked join key evicts state and drops late rows', () => {
    const schema = new StructType().add('key', T.int).add('t', T.timestamp);
    const side = (id: string): LogicalPlan => ({ op: 'watermark', input: source(id, schema), column: 't', delay: '0 seconds' });
    const plan = compilePlan({ op: 'join', left: side('left-0'), right: side('right-0'), how: 'inner', using: ['key', 't'] }, spark);
    const rows = (xs: [number, number][]) => ColumnBatch.fromRows(schema, xs.map(([key, s]) => ({ key, t: s * 1e6 })));
    const run = (id: number, wmSeconds: number, l: [number, number][], r: [number, number][]) =>
      plan.runBatch(new Map([['left-0', rows(l)], ['right-0', rows(r)]]), {
        ...ctx(id),
        watermarkUs: wmSeconds * 1e6,
        lateEventsWatermarkUs: wmSeconds * 1e6,
      });
    const r0 = run(0, 0, [[1, 10], [2, 40]], [[2, 40]]);
    expect(r0.output.toRows()).toEqual([{ key: 2, t: 40e6 }]);
    expect(r0.stateOperators[0]).toMatchObject({ numRowsTotal: 3, numRowsUpdated: 3 });
    expect(plan.needsNoDataBatch(20e6, 'append')).toBe(true);
    // Watermark 20 s: the right (1, 10 s) is late; the left (1, 10 s) is evicted (key time <= 20 s).
    const r1 = run(1, 20, [], [[1, 10], [1, 30]]);
    expect(r1.output.numRows).toBe(0);
    expect(r1.stateOperators[0]).toMatchObject({ numRowsTotal: 3, numRowsUpdated: 1, numRowsRemoved: 1, numRowsDroppedByWatermark: 1 });
    expect(plan.needsNoDataBatch(20e6, 'append')).toBe(false);
  });
});

describe('state value watermark (StreamingJoinHelperSuite)', () => {
  const wm = { [WATERMARK_DELAY_KEY]: 10_000 };
  const terms = {
    left: new StructType().add('leftTime', T.timestamp, true, wm).add('leftOther', T.timestamp),
    right: new StructType().add('rightTime', T.timestamp, true, wm),
    caseSensitive: false,
  };
  const solve = (cond: string, side: 'left' | 'right', watermarkMs = 20_000) =>
    stateValueWatermarkMs(parseExpr(cond), side, watermarkMs, terms);

  it('solves `leftTime + c1 < rightTime + c2` and its variants for the side asked', () => {
    // rightTime > leftTime + 5 s: future right rows come after the watermark, so right rows <= wm + 5 s can go.
    expect(solve('CAST(leftTime AS LONG) < CAST(rightTime AS LONG) - 5', 'right')).toBe(25_000);
    // A non-strict bound keeps the boundary itself: W - 1 ms.
    expect(solve('CAST(leftTime AS LONG) <= CAST(rightTime AS LONG) - 5', 'right')).toBe(24_999);
    expect(solve('CAST(rightTime AS LONG) - 5 > CAST(leftTime AS LONG)', 'right')).toBe(25_000);
    // The same conjunct bounds nothing on the left (leftTime is not bounded below by rightTime).
    expect(solve('CAST(leftTime AS LONG) < CAST(rightTime AS LONG) - 5', 'left')).toBeUndefined();
    // A range condition bounds both sides; the smallest bound wins per side.
    const range = 'leftTime >= rightTime AND CAST(leftTime AS LONG) <= CAST(rightTime AS LONG) + 3600';
    expect(solve(range, 'left')).toBe(19_999);
    expect(solve(range, 'right')).toBe(20_000 - 3_600_000 - 1);
    expect(solve('leftTime BETWEEN rightTime AND rightTime', 'left')).toBe(19_999);
  });

  it('gives nothing for unsolvable conjuncts', () => {
    // Two left time columns, a function call, a non-watermarked column of the other side.
    expect(solve('leftTime + leftOther > rightTime', 'left')).toBeUndefined();
    expect(solve('unix_micros(leftTime) > unix_micros(rightTime)', 'left')).toBeUndefined();
    expect(solve('leftOther > leftTime', 'right')).toBeUndefined();
    expect(solve('leftTime = rightTime', 'left')).toBeUndefined();
  });
});

describe('stream stream inner join with time range, through the micro-batch loop (StreamingInnerJoinSuite)', () => {
  let h: StreamHarness;
  afterEach(async () => {
    await h.close();
  });

  /** Adds rows to one input and runs until a batch took them. */
  const add = async (input: 'left' | 'right', rows: [number, number][]) => {
    const before = h.batches.length;
    h.addData(rows.map(([k, time]) => ({ k, time })), input);
    await h.query!.processAllAvailable();
    for (let i = 0; h.batches.length === before && i < 100; i++) {
      await new Promise((r) => setTimeout(r, 5));
      await h.query!.processAllAvailable();
    }
  };
  const fresh = (() => {
    let seen = 0;
    return () => {
      const rows = h.batches.slice(seen).flatMap((b) => b.rows);
      seen = h.batches.length;
      return sortRows(rows);
    };
  })();

  it('with watermark - one side condition: right state bounded, late rows dropped', async () => {
    h = new StreamHarness();
    const left = h
      .stream('k INT, time LONG', 'left')
      .selectExpr('k AS leftKey', 'timestamp_seconds(time) AS leftTime', 'k * 2 AS leftValue')
      .withWatermark('leftTime', '10 seconds');
    const right = h
      .stream('k INT, time LONG', 'right')
      .selectExpr('k AS rightKey', 'timestamp_seconds(time) AS rightTime', 'k * 3 AS rightValue')
      .withWatermark('rightTime', '10 seconds');
    // Spark writes `leftTime < rightTime - interval 5 seconds`; Tidemark's parser has no interval literals.
    const joined = left
      .join(right, expr('leftKey = rightKey AND CAST(leftTime AS LONG) < CAST(rightTime AS LONG) - 5'))
      .selectExpr('leftKey', 'CAST(leftTime AS INT) AS l', 'CAST(rightTime AS INT) AS r');
    h.start(joined, 'append');
    fresh();
    await add('left', [[1, 5]]);
    expect(fresh()).toEqual([]);
    await add('right', [[1, 11]]);
    expect(fresh()).toEqual([{ leftKey: 1, l: 5, r: 11 }]);
    await add('right', [[1, 10]]);
    expect(fresh()).toEqual([]); // 5 is not < 10 - 5
    expect(h.stateRows()).toMatchObject({ total: 3, updated: 3 });

    // Watermark → 20 s (min of both sides once both saw 30 s).
    await add('left', [[1, 3], [1, 30]]);
    expect(fresh()).toEqual(sortRows([{ leftKey: 1, l: 3, r: 10 }, { leftKey: 1, l: 3, r: 11 }]));
    expect(h.stateRows()).toMatchObject({ total: 5, updated: 2 });
    await add('right', [[0, 30]]);
    expect(fresh()).toEqual([]);
    // Right state constraint: 20 < leftTime < rightTime - 5 ⇒ rightTime > 25: (1, 10) and (1, 11) removed.
    expect(h.stateRows()).toMatchObject({ total: 4, updated: 1 });

    // (1, 20) is late; (1, 21) joins but is below the right state watermark 25, not stored; (1, 28) is stored.
    await add('right', [[1, 20], [1, 21], [1, 28]]);
    expect(fresh()).toEqual(
      sortRows([
        { leftKey: 1, l: 3, r: 21 },
        { leftKey: 1, l: 5, r: 21 },
        { leftKey: 1, l: 3, r: 28 },
        { leftKey: 1, l: 5, r: 28 },
      ]),
    );
    expect(h.stateRows()).toMatchObject({ total: 5, updated: 1, dropped: 1 });

    // Left rows at or below the watermark are late.
    await add('left', [[1, 20], [1, 21]]);
    expect(fresh()).toEqual([{ leftKey: 1, l: 21, r: 28 }]);
    expect(h.stateRows()).toMatchObject({ total: 6, updated: 1, dropped: 1 });
    expect(h.lastProgress.stateOperators[0].operatorName).toBe('symmetricHashJoin');
  });
});
