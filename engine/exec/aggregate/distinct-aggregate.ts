/**
 * DISTINCT aggregates (count(DISTINCT x), countDistinct(a, b), sum(DISTINCT x)). The buffer
 * is the group's set of distinct argument tuples, so merging batches stays exact: a value
 * seen in two batches counts once. The wrapped aggregate is evaluated over that set.
 *
 * Spark rejects distinct aggregations on streams (UnsupportedOperationChecker); Tidemark
 * runs them exactly — its state grows with the number of distinct values per group —
 * unless spark.tidemark.sparkCompatible=true asks for Spark's rejection.
 */
import { ColumnBatch } from '../../batch/column-batch';
import { valueAt } from '../../batch/values';
import { makeBuilder } from '../../batch/vector-builder';
import type { DataType } from '../../types/data-types';
import { StructField, StructType } from '../../types/struct-type';
import type { AggregateFunction } from './aggregate-function';
import { encodeStateKey } from './state-key';

/** JSON-safe: the distinct tuples and their encoded keys, in first-seen order. */
export interface DistinctBuffer {
  readonly keys: string[];
  readonly tuples: unknown[][];
}

const lookups = new WeakMap<DistinctBuffer, Set<string>>();

function lookup(b: DistinctBuffer): Set<string> {
  let s = lookups.get(b);
  if (s === undefined) lookups.set(b, (s = new Set(b.keys)));
  return s;
}

export function distinctAggregate(
  inner: AggregateFunction,
  argTypes: readonly DataType[],
): AggregateFunction<DistinctBuffer> {
  const schema = new StructType(argTypes.map((t, i) => new StructField(`a${i}`, t, true)));
  return {
    accumulate(numGroups, gids, args, n) {
      const buffers: DistinctBuffer[] = Array.from({ length: numGroups }, () => ({ keys: [], tuples: [] }));
      for (let i = 0; i < n; i++) {
        const g = gids[i];
        if (g < 0) continue;
        const tuple = args.map((a) => valueAt(a, i));
        const key = encodeStateKey(tuple);
        const b = buffers[g];
        const seen = lookup(b);
        if (seen.has(key)) continue;
        seen.add(key);
        b.keys.push(key);
        b.tuples.push(tuple);
      }
      return (g) => buffers[g];
    },
    merge(stored, partial) {
      if (stored === undefined) return partial;
      const keys = [...stored.keys];
      const tuples = [...stored.tuples];
      const seen = new Set(keys);
      partial.keys.forEach((k, i) => {
        if (seen.has(k)) return;
        seen.add(k);
        keys.push(k);
        tuples.push(partial.tuples[i]);
      });
      const merged = { keys, tuples };
      lookups.set(merged, seen);
      return merged;
    },
    evaluate(buffer) {
      const builders = schema.fields.map((f) => makeBuilder(f.dataType));
      for (const t of buffer.tuples) t.forEach((v, c) => builders[c].append(v));
      const batch = new ColumnBatch(schema, builders.map((b) => b.finish()), buffer.tuples.length);
      const gids = new Int32Array(batch.numRows);
      const partial = inner.accumulate(1, gids, batch.columns, batch.numRows);
      return inner.evaluate(inner.merge(undefined, partial(0)));
    },
  };
}
