/**
 * count, sum, avg (Count.scala, Sum.scala, Average.scala): count(*) counts rows,
 * count(a, b) rows where every argument is non-null; sum ignores nulls and is NULL when
 * a group had no non-null input; avg is sum / count of non-null values, NULL for none.
 * A bigint sum beyond the 64-bit range is ARITHMETIC_OVERFLOW under ANSI (Spark 4's
 * default). Sums are kept in doubles, so bigint sums are exact up to 2^53.
 */
import { SparkArithmeticException } from '../../errors';
import type { AggregateCall } from '../../plan/resolved-plan';
import {
  isValid,
  numericValues,
  type AggregateConf,
  type AggregateFunction,
} from './aggregate-function';

export function countFunction(): AggregateFunction<number> {
  return {
    accumulate(numGroups, gids, args, n) {
      const counts = new Float64Array(numGroups);
      // Arguments without NULLs (count(1), a non-null column) never stop a row being counted.
      const nullable = args.filter((a) => a.validity !== null);
      if (nullable.length === 0) countRows(counts, gids, n);
      else {
        for (let i = 0; i < n; i++) {
          if (gids[i] < 0) continue;
          let all = true;
          for (let a = 0; a < nullable.length && all; a++) all = isValid(nullable[a], i);
          if (all) counts[gids[i]]++;
        }
      }
      return (g) => counts[g];
    },
    merge: (stored, partial) => (stored ?? 0) + partial,
    evaluate: (b) => b,
  };
}

/** count(*)'s row loop, on its own so V8 compiles it alone. */
function countRows(counts: Float64Array, gids: Int32Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const g = gids[i];
    if (g >= 0) counts[g]++;
  }
}

const LONG_LIMIT = 2 ** 63;

export function sumFunction(
  call: AggregateCall,
  conf: AggregateConf,
): AggregateFunction<number | null> {
  const isLong = call.dataType.typeName === 'long';
  const check = (x: number): number => {
    if (isLong && conf.ansi && (x >= LONG_LIMIT || x < -LONG_LIMIT)) {
      throw new SparkArithmeticException(
        'ARITHMETIC_OVERFLOW',
        `long overflow. Use 'try_add' to tolerate overflow and return NULL instead. If necessary set "spark.sql.ansi.enabled" to "false" to bypass this error.`,
        {
          messageParameters: {
            message: 'long overflow',
            alternative: " Use 'try_add' to tolerate overflow and return NULL instead.",
            config: '"spark.sql.ansi.enabled"',
          },
          sqlState: '22003',
        },
      );
    }
    return x;
  };
  return {
    accumulate(numGroups, gids, args, n) {
      const sums = new Float64Array(numGroups);
      const has = new Uint8Array(numGroups);
      const v = args[0];
      const values = numericValues(v);
      const validity = v.validity;
      for (let i = 0; i < n; i++) {
        const g = gids[i];
        if (g < 0 || (validity !== null && validity[i] === 0)) continue;
        sums[g] += values[i];
        has[g] = 1;
      }
      return (g) => (has[g] ? check(sums[g]) : null);
    },
    merge: (stored, partial) =>
      stored === null || stored === undefined
        ? partial
        : partial === null
          ? stored
          : check(stored + partial),
    evaluate: (b) => b,
  };
}

export function avgFunction(): AggregateFunction<[sum: number, count: number]> {
  return {
    accumulate(numGroups, gids, args, n) {
      const sums = new Float64Array(numGroups);
      const counts = new Float64Array(numGroups);
      const v = args[0];
      const values = numericValues(v);
      const validity = v.validity;
      for (let i = 0; i < n; i++) {
        const g = gids[i];
        if (g < 0 || (validity !== null && validity[i] === 0)) continue;
        sums[g] += values[i];
        counts[g]++;
      }
      return (g) => [sums[g], counts[g]];
    },
    merge: (stored, partial) =>
      stored ? [stored[0] + partial[0], stored[1] + partial[1]] : partial,
    evaluate: ([sum, count]) => (count === 0 ? null : sum / count),
  };
}
