/**
 * var_samp, var_pop, stddev_samp, stddev_pop (CentralMomentAgg.scala): count, mean and
 * the sum of squared deviations, updated per row (Welford) and merged across batches with
 * Chan's formula. With Spark 3+'s default (spark.sql.legacy.statisticalAggregate=false)
 * a sample statistic of one value is NULL, as is any statistic of no values.
 */
import { numericValues, type AggregateFunction } from './aggregate-function';

type Moments = [n: number, mean: number, m2: number];

export function centralMomentFunction(
  kind: 'var_samp' | 'var_pop' | 'stddev_samp' | 'stddev_pop',
): AggregateFunction<Moments> {
  const sample = kind.endsWith('_samp');
  const root = kind.startsWith('stddev');
  return {
    accumulate(numGroups, gids, args, n) {
      const count = new Float64Array(numGroups);
      const mean = new Float64Array(numGroups);
      const m2 = new Float64Array(numGroups);
      const v = args[0];
      const values = numericValues(v);
      const validity = v.validity;
      for (let i = 0; i < n; i++) {
        const g = gids[i];
        if (g < 0 || (validity !== null && validity[i] === 0)) continue;
        const x = values[i];
        const c = ++count[g];
        const delta = x - mean[g];
        mean[g] += delta / c;
        m2[g] += delta * (x - mean[g]);
      }
      return (g) => [count[g], mean[g], m2[g]];
    },
    merge: (a, b) => {
      if (!a || a[0] === 0) return b;
      if (b[0] === 0) return a;
      const n = a[0] + b[0];
      const delta = b[1] - a[1];
      return [n, a[1] + (delta * b[0]) / n, a[2] + b[2] + (delta * delta * a[0] * b[0]) / n];
    },
    evaluate: ([n, , m2]) => {
      if (n === 0 || (sample && n === 1)) return null;
      const variance = m2 / (sample ? n - 1 : n);
      return root ? Math.sqrt(variance) : variance;
    },
  };
}
