/**
 * Window assignment (TimeWindowing; DataFrameTimeWindowingSuite), through compilePlan on a
 * static plan: tumbling and sliding windows, startTime, timestamps before 1970 (SPARK-39347
 * floor-mod), NULL times, millisecond windows, and TimeWindow's argument checks.
 */
import { describe, expect, it } from 'vitest';
import { compilePlan } from '../../../../engine/exec/compile';
import type { Expr } from '../../../../engine/expr/ast';
import type { LogicalPlan } from '../../../../engine/plan/logical-plan';
import { StructType } from '../../../../engine/types/struct-type';
import { T } from '../../../../engine/types/data-types';
import { analysisSession } from '../analysis-session';

const spark = analysisSession();
const schema = new StructType().add('time', T.timestamp).add('value', T.int);
const lit = (value: string): Expr => ({ kind: 'literal', value, dataType: 'string' });
const at = (iso: string): number => Date.parse(iso + 'Z') * 1000;
const iso = (us: number): string => new Date(us / 1000).toISOString().slice(0, 19).replace('T', ' ');

function windows(times: (number | null)[], ...args: string[]): string[][] {
  const plan: LogicalPlan = {
    op: 'aggregate',
    input: { op: 'localRelation', schema: schema.jsonValue(), rows: times.map((t, i) => [t, i]) },
    groupBy: [{ kind: 'call', name: 'window', args: [{ kind: 'column', name: ['time'] }, ...args.map(lit)] }],
    aggregates: [{ kind: 'alias', name: 'n', arg: { kind: 'call', name: 'count', args: [] } }],
    kind: 'groupBy',
  };
  const r = compilePlan(plan, spark).runBatch(new Map(), { batchId: 0, watermarkUs: 0, batchTimestampUs: 0, outputMode: 'complete', noData: false });
  expect(r.output.schema.fields[0].name).toBe('window');
  return r.output
    .toRows()
    .map((row) => {
      const w = row.window as { start: number; end: number };
      return [iso(w.start), iso(w.end), String(row.n)];
    })
    .sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

describe('window(): bucket bounds (DataFrameTimeWindowingSuite)', () => {
  it('"tumbling window": [start, end), a row on a boundary opens the next window', () => {
    expect(windows([at('2016-03-27 19:39:30'), at('2016-03-27 19:39:34'), at('2016-03-27 19:39:40')], '10 seconds')).toEqual([
      ['2016-03-27 19:39:30', '2016-03-27 19:39:40', '2'],
      ['2016-03-27 19:39:40', '2016-03-27 19:39:50', '1'],
    ]);
  });

  it('"sliding window": a row belongs to every window containing it (19:39:27 in 4 windows of 10 s every 3 s)', () => {
    const starts = windows([at('2016-03-27 19:39:27')], '10 seconds', '3 seconds').map((w) => w[0].slice(11));
    expect(starts).toEqual(['19:39:18', '19:39:21', '19:39:24', '19:39:27']);
    expect(windows([at('2016-03-27 19:39:34')], '10 seconds', '3 seconds')).toHaveLength(3);
  });

  it('"time window with startTime" and "negative timestamps" (SPARK-39347): 00:00:02 → [23:59:55, 00:00:05)', () => {
    expect(windows([at('1970-01-01 00:00:02'), at('1970-01-01 00:00:12')], '10 seconds', '10 seconds', '5 seconds')).toEqual([
      ['1969-12-31 23:59:55', '1970-01-01 00:00:05', '1'],
      ['1970-01-01 00:00:05', '1970-01-01 00:00:15', '1'],
    ]);
    expect(windows([at('1969-12-31 23:59:41')], '10 seconds')).toEqual([['1969-12-31 23:59:40', '1969-12-31 23:59:50', '1']]);
  });

  it('rows with a NULL time fall in no window; millisecond windows work', () => {
    expect(windows([null, at('2016-03-27 19:39:30')], '10 seconds')).toHaveLength(1);
    expect(windows([at('2016-03-27 19:39:30') + 210_000], '200 milliseconds', '40 milliseconds')).toHaveLength(5);
  });

  it('TimeWindow.checkInputDataTypes: slide longer than window, |startTime| >= slide, month intervals', () => {
    expect(() => windows([0], '10 seconds', '20 seconds')).toThrow(
      'The `slide_duration`(20000000L) must be <= the `window_duration`(10000000L).',
    );
    expect(() => windows([0], '10 seconds', '5 seconds', '5 seconds')).toThrow(
      'The `abs(start_time)`(5000000L) must be < the `slide_duration`(5000000L).',
    );
    expect(() => windows([0], '1 month')).toThrow('Intervals greater than a month is not supported (1 month).');
    expect(() => windows([0], '10 parsecs')).toThrow(/CANNOT_PARSE_INTERVAL/);
  });
});
