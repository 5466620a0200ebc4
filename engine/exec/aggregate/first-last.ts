/**
 * first / last (First.scala, Last.scala): the first or last row's value of each group in
 * input order — NULL included unless ignoreNulls (`first(x, true)`). Across batches the
 * state keeps the earliest `first` and the latest `last` (StreamingAggregationSuite
 * "SPARK-22230: last should change").
 */
import { valueAt } from '../../batch/values';
import type { AggregateFunction } from './aggregate-function';

/** null = no row seen yet; otherwise the chosen value (possibly null). */
type Slot = { readonly v: unknown } | null;

export function firstLastFunction(isLast: boolean, ignoreNulls: boolean): AggregateFunction<Slot> {
  return {
    accumulate(numGroups, gids, args, n) {
      const v = args[0];
      const validity = v.validity;
      const row = new Int32Array(numGroups).fill(-1);
      for (let i = 0; i < n; i++) {
        const g = gids[i];
        if (g < 0) continue;
        if (ignoreNulls && validity !== null && validity[i] === 0) continue;
        if (isLast || row[g] < 0) row[g] = i;
      }
      return (g) => (row[g] < 0 ? null : { v: valueAt(v, row[g]) });
    },
    merge: (stored, partial) => {
      if (stored === null || stored === undefined) return partial;
      if (partial === null) return stored;
      return isLast ? partial : stored;
    },
    evaluate: (b) => (b === null ? null : b.v),
  };
}
