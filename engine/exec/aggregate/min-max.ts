/**
 * min / max (Min.scala, Max.scala): nulls ignored, NULL for a group without values;
 * ordering as Spark's (NaN greatest, strings by code point). Numbers are compared in
 * typed arrays, strings through a rank of the batch dictionary computed once; other
 * orderable types (structs, arrays) through compareValues.
 */
import { valueAt } from '../../batch/values';
import { compareNumbers, compareValues, dictionaryRanks } from '../compare-values';
import type { AggregateFunction } from './aggregate-function';

export function minMaxFunction(isMax: boolean): AggregateFunction<unknown> {
  const better = (candidate: unknown, current: unknown): boolean => {
    const c = compareValues(candidate, current);
    return isMax ? c > 0 : c < 0;
  };
  return {
    accumulate(numGroups, gids, args, n) {
      const v = args[0];
      const validity = v.validity;
      const has = new Uint8Array(numGroups);
      if (v.storage === 'int32' || v.storage === 'float64' || v.storage === 'bool') {
        const values = v.values;
        const best = new Float64Array(numGroups);
        for (let i = 0; i < n; i++) {
          const g = gids[i];
          if (g < 0 || (validity !== null && validity[i] === 0)) continue;
          const x = values[i];
          if (!has[g]) {
            best[g] = x;
            has[g] = 1;
          } else {
            const c = compareNumbers(x, best[g]);
            if (isMax ? c > 0 : c < 0) best[g] = x;
          }
        }
        const asBool = v.storage === 'bool';
        return (g) => (has[g] ? (asBool ? best[g] === 1 : best[g]) : null);
      }
      if (v.storage === 'string') {
        const rank = dictionaryRanks(v.dict);
        const best = new Int32Array(numGroups);
        for (let i = 0; i < n; i++) {
          const g = gids[i];
          if (g < 0 || (validity !== null && validity[i] === 0)) continue;
          const code = v.codes[i];
          if (!has[g]) {
            best[g] = code;
            has[g] = 1;
          } else if (isMax ? rank[code] > rank[best[g]] : rank[code] < rank[best[g]]) {
            best[g] = code;
          }
        }
        return (g) => (has[g] ? v.dict[best[g]] : null);
      }
      const best: unknown[] = new Array(numGroups).fill(null);
      for (let i = 0; i < n; i++) {
        const g = gids[i];
        if (g < 0 || (validity !== null && validity[i] === 0)) continue;
        const x = valueAt(v, i);
        if (!has[g] || better(x, best[g])) {
          best[g] = x;
          has[g] = 1;
        }
      }
      return (g) => (has[g] ? best[g] : null);
    },
    merge: (stored, partial) => {
      if (stored === null || stored === undefined) return partial;
      if (partial === null) return stored;
      return better(partial, stored) ? partial : stored;
    },
    evaluate: (b) => b,
  };
}
