/**
 * collect_list / collect_set (Collect.scala): the group's non-null values as an array,
 * in input order; the set keeps each value once (equality as grouping: NaN = NaN).
 * An empty group gives an empty array, never NULL.
 */
import { valueAt } from '../../batch/values';
import type { AggregateFunction } from './aggregate-function';
import { encodeStateKey } from './state-key';

export function collectFunction(isSet: boolean): AggregateFunction<unknown[]> {
  const dedupe = (values: readonly unknown[]): unknown[] => {
    const seen = new Set<string>();
    const out: unknown[] = [];
    for (const x of values) {
      const k = encodeStateKey([x]);
      if (!seen.has(k)) {
        seen.add(k);
        out.push(x);
      }
    }
    return out;
  };
  return {
    accumulate(numGroups, gids, args, n) {
      const v = args[0];
      const validity = v.validity;
      const lists: unknown[][] = Array.from({ length: numGroups }, () => []);
      for (let i = 0; i < n; i++) {
        const g = gids[i];
        if (g < 0 || (validity !== null && validity[i] === 0)) continue;
        lists[g].push(valueAt(v, i));
      }
      return (g) => (isSet ? dedupe(lists[g]) : lists[g]);
    },
    merge: (stored, partial) =>
      stored ? (isSet ? dedupe([...stored, ...partial]) : [...stored, ...partial]) : partial,
    evaluate: (b) => b,
  };
}
