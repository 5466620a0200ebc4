/**
 * cube / rollup / grouping sets as Spark's Expand: every input row is repeated once per
 * grouping set, with the keys outside the set replaced by NULL and a grouping-id key
 * added (bit n-1-i set when key i is aggregated away), so the hash aggregate downstream
 * is the plain one.
 */
import { concatVectors } from '../../batch/vector-ops';
import { nullVector, type Float64Vector, type Vector } from '../../batch/vector';
import { T } from '../../types/data-types';

export function expandGroupingSets(
  keys: readonly Vector[],
  args: readonly (readonly Vector[])[],
  sets: readonly (readonly number[])[],
  numRows: number,
): { keys: Vector[]; args: Vector[][]; numRows: number } {
  const n = keys.length;
  const total = numRows * sets.length;
  const keyParts: Vector[][] = keys.map(() => []);
  const gidParts: Vector[] = [];
  for (const set of sets) {
    let gid = 0;
    keys.forEach((k, i) => {
      const grouped = set.includes(i);
      if (!grouped) gid |= 1 << (n - 1 - i);
      keyParts[i].push(grouped ? k : nullVector(k.type, numRows));
    });
    const gv: Float64Vector = {
      storage: 'float64',
      type: T.long,
      length: numRows,
      validity: null,
      values: new Float64Array(numRows).fill(gid),
    };
    gidParts.push(gv);
  }
  const outKeys = keyParts.map((parts) => (total === 0 ? parts[0] : concatVectors(parts, total)));
  outKeys.push(total === 0 ? gidParts[0] : concatVectors(gidParts, total));
  const outArgs = args.map((list) =>
    list.map((a) =>
      total === 0
        ? a
        : concatVectors(
            sets.map(() => a),
            total,
          ),
    ),
  );
  return { keys: outKeys, args: outArgs, numRows: total };
}
