/**
 * Valid plans built the way users build them: random chains of DataFrame calls
 * (filter, select, withColumn, groupBy/agg, withWatermark, dropDuplicates, join with a
 * static frame, union) over a static or streaming frame. A step the analyzer refuses
 * (Spark's streaming rules, a column an earlier step dropped) is skipped, so every chain
 * ends in a plan that analyzed.
 */
import fc from 'fast-check';
import { TidemarkError } from '../../../engine/errors';
import { col, count, expr, lit, max } from '../../../engine/functions';
import type { DataFrame } from '../../../engine/plan/dataframe';
import type { Session } from '../../../engine/session';

export type Step =
  | { readonly op: 'filter'; readonly text: string }
  | { readonly op: 'select'; readonly keep: number }
  | { readonly op: 'withColumn'; readonly name: string; readonly text: string }
  | { readonly op: 'groupByAgg'; readonly key: number }
  | { readonly op: 'watermark'; readonly delay: string }
  | { readonly op: 'dropDuplicates'; readonly key: number }
  | { readonly op: 'joinStatic'; readonly how: 'inner' | 'left' | 'left_semi' }
  | { readonly op: 'union' };

const CONDITIONS = ['x > 1', 'x IS NOT NULL', "s LIKE 'a%'", 'x BETWEEN -1 AND 10 OR s IN (\'a\', \'b\')', 'NOT (d < 0.5)', 'CASE WHEN x > 0 THEN true ELSE false END'];
const PROJECTIONS = ['x + 1', 'upper(s)', 'CAST(x AS STRING)', "coalesce(s, 'none')", 'd * 2.5', "concat(s, '-', CAST(x AS STRING))", 'abs(x) % 3'];

export const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.constantFrom(...CONDITIONS).map((text): Step => ({ op: 'filter', text })),
  fc.nat(3).map((keep): Step => ({ op: 'select', keep })),
  fc.record({ name: fc.constantFrom('x', 'y', 'z', 's2'), text: fc.constantFrom(...PROJECTIONS) }).map(({ name, text }): Step => ({ op: 'withColumn', name, text })),
  fc.nat(3).map((key): Step => ({ op: 'groupByAgg', key })),
  fc.constantFrom('10 seconds', '1 minute', '2 hours').map((delay): Step => ({ op: 'watermark', delay })),
  fc.nat(3).map((key): Step => ({ op: 'dropDuplicates', key })),
  fc.constantFrom('inner', 'left', 'left_semi' as const).map((how): Step => ({ op: 'joinStatic', how })),
  fc.constant<Step>({ op: 'union' }),
);

function applyStep(df: DataFrame, step: Step, lookup: DataFrame): DataFrame {
  const names = df.columns;
  const pick = (i: number): string => names[i % names.length];
  switch (step.op) {
    case 'filter':
      return df.filter(step.text);
    case 'select':
      return df.select(...names.slice(0, step.keep + 1).map((n) => col(`\`${n}\``)));
    case 'withColumn':
      return df.withColumn(step.name, expr(step.text));
    case 'groupByAgg':
      return df.groupBy(col(`\`${pick(step.key)}\``)).agg(count(lit(1)).alias('n'), max(col(`\`${pick(step.key + 1)}\``)).alias('top'));
    case 'watermark':
      return df.withWatermark('ts', step.delay);
    case 'dropDuplicates':
      return df.dropDuplicates([pick(step.key)]);
    case 'joinStatic':
      return df.join(lookup, 'x', step.how);
    case 'union':
      return df.union(df);
  }
}

/** Applies the steps in order, skipping those the analyzer refuses with a Spark error. */
export function buildChain(start: DataFrame, steps: readonly Step[], session: Session): DataFrame {
  const lookup = session.createDataFrame([[1, 'one'], [2, 'two']], 'x int, label string');
  let df = start;
  for (const step of steps) {
    try {
      df = applyStep(df, step, lookup);
    } catch (e) {
      if (!(e instanceof TidemarkError)) throw e;
    }
  }
  return df;
}
