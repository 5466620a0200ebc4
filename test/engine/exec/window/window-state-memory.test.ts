/**
 * State stays bounded with a watermark: 10 million events through a 1-minute window
 * count. With a 1-minute watermark in append mode the state holds only the windows the
 * watermark has not passed (EventTimeWatermarkSuite's premise: watermarks bound state);
 * the same query in update mode without a watermark keeps every window ever seen.
 */
import { describe, expect, it } from 'vitest';
import { ColumnBatch } from '../../../../engine/batch/column-batch';
import type { Float64Vector } from '../../../../engine/batch/vector';
import { compilePlan } from '../../../../engine/exec/compile';
import type { OutputMode } from '../../../../engine/exec/physical-plan';
import type { Expr } from '../../../../engine/expr/ast';
import type { LogicalPlan, SourceNode } from '../../../../engine/plan/logical-plan';
import { WatermarkTracker } from '../../../../engine/stream/watermark-tracker';
import { T } from '../../../../engine/types/data-types';
import { StructType } from '../../../../engine/types/struct-type';
import { analysisSession } from '../analysis-session';

const schema = new StructType().add('ts', T.timestamp);
const source: SourceNode = { op: 'source', id: 'events', format: 'memory', schema: schema.jsonValue(), options: {}, streaming: true };
const windowCount = (input: LogicalPlan): LogicalPlan => ({
  op: 'aggregate',
  input,
  groupBy: [{ kind: 'call', name: 'window', args: [{ kind: 'column', name: ['ts'] }, { kind: 'literal', value: '1 minute', dataType: 'string' } as Expr] }],
  aggregates: [{ kind: 'call', name: 'count', args: [] }],
  kind: 'groupBy',
});

const BATCHES = 100;
const ROWS = 100_000;
const STEP_US = 10_000; // one event every 10 ms: 10 M events span 100,000 s, 1,667 one-minute windows

function batch(b: number): ColumnBatch {
  const values = new Float64Array(ROWS);
  for (let i = 0; i < ROWS; i++) values[i] = (b * ROWS + i) * STEP_US;
  const v: Float64Vector = { storage: 'float64', type: T.timestamp, length: ROWS, validity: null, values };
  return new ColumnBatch(schema, [v], ROWS);
}

function run(plan: LogicalPlan, mode: OutputMode): { totals: number[]; emitted: number } {
  const physical = compilePlan(plan, analysisSession());
  const tracker = new WatermarkTracker();
  const totals: number[] = [];
  let emitted = 0;
  let batchId = 0;
  const once = (input: Map<string, ColumnBatch>) => {
    const r = physical.runBatch(input, { batchId: batchId++, watermarkUs: tracker.currentWatermarkMs * 1000, batchTimestampUs: 0, outputMode: mode, noData: input.size === 0 });
    tracker.updateWatermark(r.eventTime);
    totals.push(r.stateOperators[0].numRowsTotal);
    if (mode === 'append') emitted += r.output.numRows;
  };
  for (let b = 0; b < BATCHES; b++) {
    once(new Map([['events', batch(b)]]));
    if (physical.needsNoDataBatch(tracker.currentWatermarkMs * 1000, mode)) once(new Map());
  }
  return { totals, emitted };
}

describe('state size with and without a watermark', () => {
  it('10 M events, 1-minute windows: bounded by the open windows with a 1-minute watermark, growing without', () => {
    const withWatermark = run(windowCount({ op: 'watermark', input: source, column: 'ts', delay: '1 minute' }), 'append');
    // A batch spans 1000 s (17 windows); state holds at most those plus the two the
    // 1-minute watermark still covers, never the history.
    expect(Math.max(...withWatermark.totals)).toBeLessThanOrEqual(19);
    expect(withWatermark.totals[withWatermark.totals.length - 1]).toBeLessThanOrEqual(2);
    // Every window the watermark passed was emitted once: all 1,667 but the last two at most.
    expect(withWatermark.emitted).toBeGreaterThanOrEqual(1665);
    expect(withWatermark.emitted).toBeLessThanOrEqual(1667);
    const without = run(windowCount(source), 'update');
    expect(without.totals[without.totals.length - 1]).toBe(1667);
    expect(without.totals).toEqual([...without.totals].sort((a, b) => a - b));
  });
});
