/**
 * approx_count_distinct(col[, rsd = 0.05]): HyperLogLog++ (Spark's HyperLogLogPlusPlus /
 * HyperLogLogPlusPlusHelper). Precision p = ceil(2·log2(1.106 / rsd)) — Spark's formula —
 * so m = 2^p registers; p < 4 is refused as Spark refuses it. NULLs are ignored; the
 * result is a non-null bigint. Estimation follows HLL++: the raw HyperLogLog estimate, or
 * linear counting while some registers are empty and its value is under the HLL++
 * threshold for p. Deviation: Spark hashes with XxHash64 and applies the empirical bias
 * tables; here values are hashed with two 32-bit Murmur3 passes and no bias table is used,
 * so large estimates can differ from Spark's within the requested error (small
 * cardinalities, where linear counting applies, agree).
 *
 * The buffer (registers, one byte each) merges by register-wise max, so streaming state
 * stays m bytes per group whatever the number of distinct values.
 */
import { valueAt } from '../../batch/values';
import type { Vector } from '../../batch/vector';
import { IllegalArgumentException } from '../../errors';
import type { AggregateFunction } from './aggregate-function';

/** HLL++ thresholds under which linear counting is preferred, for p = 4 … 18 (Heule et al.). */
const THRESHOLDS = [10, 20, 40, 80, 220, 400, 900, 1800, 3100, 6500, 11500, 20000, 50000, 120000, 350000];

export function hllPrecision(rsd: number): number {
  const p = Math.ceil((2 * Math.log(1.106 / rsd)) / Math.log(2));
  if (!(p >= 4)) {
    throw new IllegalArgumentException('requirement failed: HLL++ requires at least 4 bits for addressing. Use a lower error, at most 39%.');
  }
  return p;
}

function murmur3(text: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    let k = text.charCodeAt(i);
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  h ^= text.length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function approxCountDistinctFunction(rsd: number): AggregateFunction<number[]> {
  const p = hllPrecision(rsd);
  const m = 1 << p;
  const alpha = p === 4 ? 0.673 : p === 5 ? 0.697 : p === 6 ? 0.709 : 0.7213 / (1 + 1.079 / m);
  /** Register index and rank of a value (its text is hashed; type-tagged so 1 and "1" differ). */
  const place = (key: string): [number, number] => {
    const h1 = murmur3(key, 42);
    const h2 = murmur3(key, 0x9747b28c);
    const idx = h1 >>> (32 - p);
    const rank = Math.clz32(h2) + 1;
    return [idx, rank];
  };
  const keyOf = (v: Vector, i: number): string => {
    const x = valueAt(v, i);
    return typeof x === 'string' ? 's' + x : 'v' + JSON.stringify(x);
  };
  return {
    accumulate(numGroups, gids, args, n) {
      const regs = new Uint8Array(numGroups * m);
      const v = args[0];
      const cache = new Map<string, [number, number]>();
      for (let i = 0; i < n; i++) {
        const g = gids[i];
        if (g < 0 || (v.validity !== null && v.validity[i] === 0)) continue;
        const key = keyOf(v, i);
        let pr = cache.get(key);
        if (pr === undefined) cache.set(key, (pr = place(key)));
        const at = g * m + pr[0];
        if (pr[1] > regs[at]) regs[at] = pr[1];
      }
      return (g) => Array.from(regs.subarray(g * m, (g + 1) * m));
    },
    merge(stored, partial) {
      if (stored === undefined) return partial;
      const out = stored.slice();
      for (let j = 0; j < m; j++) if (partial[j] > out[j]) out[j] = partial[j];
      return out;
    },
    evaluate(regs) {
      let sum = 0;
      let zeros = 0;
      for (let j = 0; j < m; j++) {
        sum += 2 ** -regs[j];
        if (regs[j] === 0) zeros++;
      }
      const raw = (alpha * m * m) / sum;
      if (zeros > 0) {
        const linear = m * Math.log(m / zeros);
        if (linear <= (THRESHOLDS[p - 4] ?? 350000)) return Math.round(linear);
      }
      return Math.round(raw);
    },
  };
}
