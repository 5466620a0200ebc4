/**
 * Row selection across several vectors — the output side of CASE, coalesce, if, nvl and
 * greatest/least — and evaluation on a subset of rows. Spark evaluates CASE branches,
 * coalesce arguments and the right side of AND/OR lazily, so in ANSI mode
 * `CASE WHEN b = 0 THEN NULL ELSE a / b END` never divides by zero. Tidemark evaluates
 * whole columns first (fast path) and, only if that raises, re-evaluates each branch on
 * exactly the rows that reach it, which gives Spark's result and errors.
 */
import type { ColumnBatch } from '../batch/column-batch';
import { valueAt } from '../batch/values';
import { makeBuilder } from '../batch/vector-builder';
import type { Vector } from '../batch/vector';
import type { DataType } from '../types/data-types';
import type { EvalContext } from './bound-expr';
import type { Evaluator } from './evaluator';
import { allocNumbers, boolVector, compactValidity, numberVector, stringVector } from './vector-factory';

/**
 * out[i] = sources[choice[i]] at row pos[i] (pos null: row i); choice -1 gives NULL.
 * All sources have the output's type.
 */
export function gatherSelect(type: DataType, sources: readonly Vector[], choice: Int32Array, pos: Int32Array | null): Vector {
  const n = choice.length;
  const validity = new Uint8Array(n);
  const valid = (i: number): boolean => {
    const c = choice[i];
    if (c < 0) return false;
    const v = sources[c].validity;
    return v === null || v[pos === null ? i : pos[i]] === 1;
  };
  switch (type.storage) {
    case 'bool':
    case 'int32':
    case 'float64': {
      const out = type.storage === 'bool' ? new Uint8Array(n) : allocNumbers(type, n);
      for (let i = 0; i < n; i++) {
        if (!valid(i)) continue;
        out[i] = (sources[choice[i]] as Vector & { values: ArrayLike<number> }).values[pos === null ? i : pos[i]];
        validity[i] = 1;
      }
      const vv = compactValidity(validity, n);
      return type.storage === 'bool' ? boolVector(type, out as Uint8Array, vv) : numberVector(type, out as Int32Array | Float64Array, vv);
    }
    case 'string': {
      const dict: string[] = [];
      const index = new Map<string, number>();
      const remaps = sources.map((s) => {
        const sv = s as Vector & { dict: readonly string[] };
        const remap = new Int32Array(sv.dict?.length ?? 0);
        for (let d = 0; d < remap.length; d++) {
          const str = sv.dict[d];
          let code = index.get(str);
          if (code === undefined) {
            code = dict.length;
            dict.push(str);
            index.set(str, code);
          }
          remap[d] = code;
        }
        return remap;
      });
      const codes = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        if (!valid(i)) continue;
        const c = choice[i];
        codes[i] = remaps[c][(sources[c] as Vector & { codes: Int32Array }).codes[pos === null ? i : pos[i]]];
        validity[i] = 1;
      }
      return stringVector(type, codes, dict, compactValidity(validity, n));
    }
    default: {
      const b = makeBuilder(type);
      for (let i = 0; i < n; i++) b.append(valid(i) ? valueAt(sources[choice[i]], pos === null ? i : pos[i]) : null);
      return b.finish();
    }
  }
}

/** Evaluates `e` on the given rows only (rows null: the whole batch). */
export function evaluateOn(e: Evaluator, batch: ColumnBatch, ctx: EvalContext, rows: Int32Array | null): Vector {
  if (rows === null || rows.length === batch.numRows) return e.evaluate(batch, ctx);
  return e.evaluate(batch.take(rows), ctx);
}

/** Indices i (0..n-1) where keep[i] is 1. */
export function indicesWhere(keep: Uint8Array): Int32Array {
  let count = 0;
  for (let i = 0; i < keep.length; i++) count += keep[i];
  const out = new Int32Array(count);
  for (let i = 0, j = 0; i < keep.length; i++) if (keep[i] === 1) out[j++] = i;
  return out;
}
