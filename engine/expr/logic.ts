/**
 * Boolean logic and predicates with SQL's three-valued semantics (Spark's And, Or, Not,
 * IsNull, In, CaseWhen):
 * - NULL AND false = false, NULL AND true = NULL; NULL OR true = true, NULL OR false = NULL.
 * - IS [NOT] NULL is never NULL.
 * - x IN (…): NULL when x is NULL, true on a match, else NULL when the list holds a NULL.
 * - CASE: the first branch whose condition is TRUE (a NULL condition is not true).
 * AND/OR evaluate their right side only where the left does not decide (Spark
 * short-circuits, so `b != 0 AND a / b > 1` never divides by zero).
 */
import type { BoolVector, Vector } from '../batch/vector';
import { valueAt } from '../batch/values';
import { T, type DataType } from '../types/data-types';
import { makeEvaluator, type Evaluator } from './evaluator';
import { evaluateOn, gatherSelect, indicesWhere } from './select-rows';
import { boolVector, compactValidity } from './vector-factory';

function isValid(v: Vector, i: number): boolean {
  return v.validity === null || v.validity[i] === 1;
}

/** Spark's And / Or. */
export function junctionEvaluator(op: 'AND' | 'OR', left: Evaluator, right: Evaluator): Evaluator {
  const decisive = op === 'AND' ? 0 : 1;
  return makeEvaluator(T.boolean, left.nullable || right.nullable, left.foldable && right.foldable, (batch, ctx) => {
    const l = left.evaluate(batch, ctx) as BoolVector;
    const n = batch.numRows;
    let r: BoolVector;
    let pos: Int32Array | null = null;
    try {
      r = right.evaluate(batch, ctx) as BoolVector;
    } catch (err) {
      // Only rows the left side does not decide reach the right side.
      const open = new Uint8Array(n);
      for (let i = 0; i < n; i++) open[i] = isValid(l, i) && l.values[i] === decisive ? 0 : 1;
      const rows = indicesWhere(open);
      if (rows.length === n) throw err;
      r = evaluateOn(right, batch, ctx, rows) as BoolVector;
      pos = new Int32Array(n).fill(-1);
      for (let j = 0; j < rows.length; j++) pos[rows[j]] = j;
    }
    const values = new Uint8Array(n);
    const validity = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const lValid = isValid(l, i);
      const lv = l.values[i];
      if (lValid && lv === decisive) {
        values[i] = decisive;
        validity[i] = 1;
        continue;
      }
      const j = pos === null ? i : pos[i];
      const rValid = j >= 0 && isValid(r, j);
      const rv = j >= 0 ? r.values[j] : 0;
      if (rValid && rv === decisive) {
        values[i] = decisive;
        validity[i] = 1;
      } else if (lValid && rValid) {
        values[i] = 1 - decisive;
        validity[i] = 1;
      }
    }
    return boolVector(T.boolean, values, compactValidity(validity, n));
  });
}

export function notEvaluator(arg: Evaluator): Evaluator {
  return makeEvaluator(T.boolean, arg.nullable, arg.foldable, (batch, ctx) => {
    const v = arg.evaluate(batch, ctx) as BoolVector;
    const out = new Uint8Array(v.length);
    for (let i = 0; i < v.length; i++) out[i] = 1 - v.values[i];
    return boolVector(T.boolean, out, v.validity);
  });
}

export function isNullEvaluator(arg: Evaluator, negated: boolean): Evaluator {
  return makeEvaluator(T.boolean, false, arg.foldable, (batch, ctx) => {
    const v = arg.evaluate(batch, ctx);
    const n = batch.numRows;
    const out = new Uint8Array(n);
    const validity = v.validity;
    if (validity === null) out.fill(negated ? 1 : 0);
    else for (let i = 0; i < n; i++) out[i] = negated ? validity[i] : 1 - validity[i];
    return boolVector(T.boolean, out, null);
  });
}

/** Membership key of a row value: numbers by SameValueZero (NaN matches NaN, 0 matches -0, as Spark). */
function keyOf(v: unknown): unknown {
  return v !== null && typeof v === 'object' ? JSON.stringify(v) : v;
}

/** In (arg and list already cast to one type). A constant list becomes a Set; string columns test each dictionary entry once. */
export function inEvaluator(arg: Evaluator, list: readonly Evaluator[]): Evaluator {
  const nullable = arg.nullable || list.some((e) => e.nullable);
  const allConstant = list.every((e) => e.constant !== undefined);
  const constants = allConstant ? new Set(list.filter((e) => e.constant!.value !== null).map((e) => keyOf(e.constant!.value))) : null;
  const listHasNull = allConstant && list.some((e) => e.constant!.value === null);
  return makeEvaluator(T.boolean, nullable, arg.foldable && list.every((e) => e.foldable), (batch, ctx) => {
    const v = arg.evaluate(batch, ctx);
    const n = batch.numRows;
    const values = new Uint8Array(n);
    const validity = new Uint8Array(n);
    if (constants !== null) {
      if (v.storage === 'string') {
        const hit = new Uint8Array(v.dict.length);
        for (let d = 0; d < v.dict.length; d++) hit[d] = constants.has(v.dict[d]) ? 1 : 0;
        for (let i = 0; i < n; i++) {
          if (!isValid(v, i)) continue;
          values[i] = hit[v.codes[i]];
          validity[i] = values[i] === 1 || !listHasNull ? 1 : 0;
        }
      } else {
        for (let i = 0; i < n; i++) {
          if (!isValid(v, i)) continue;
          values[i] = constants.has(keyOf(valueAt(v, i))) ? 1 : 0;
          validity[i] = values[i] === 1 || !listHasNull ? 1 : 0;
        }
      }
      return boolVector(T.boolean, values, compactValidity(validity, n));
    }
    const items = list.map((e) => e.evaluate(batch, ctx));
    for (let i = 0; i < n; i++) {
      if (!isValid(v, i)) continue;
      const x = keyOf(valueAt(v, i));
      let sawNull = false;
      for (const item of items) {
        const y = valueAt(item, i);
        if (y === null) sawNull = true;
        else if (keyOf(y) === x || (typeof x === 'number' && Number.isNaN(x) && Number.isNaN(y as number))) {
          values[i] = 1;
          break;
        }
      }
      validity[i] = values[i] === 1 || !sawNull ? 1 : 0;
    }
    return boolVector(T.boolean, values, compactValidity(validity, n));
  });
}

/**
 * CaseWhen over already-typed branches. `otherwise` missing gives NULL. Conditions and
 * values are evaluated over whole columns; if that raises, they are re-evaluated lazily
 * on the rows that reach them (see select-rows.ts).
 */
export function caseEvaluator(type: DataType, branches: readonly { when: Evaluator; then: Evaluator }[], otherwise: Evaluator | undefined): Evaluator {
  const all = [...branches.flatMap((b) => [b.when, b.then]), ...(otherwise ? [otherwise] : [])];
  const nullable = otherwise === undefined || branches.some((b) => b.then.nullable) || otherwise.nullable;
  const sources = [...branches.map((b) => b.then), ...(otherwise ? [otherwise] : [])];
  return makeEvaluator(type, nullable, all.every((e) => e.foldable), (batch, ctx) => {
    const n = batch.numRows;
    try {
      const conds = branches.map((b) => b.when.evaluate(batch, ctx) as BoolVector);
      const values = sources.map((s) => s.evaluate(batch, ctx));
      const choice = new Int32Array(n).fill(otherwise ? branches.length : -1);
      for (let i = 0; i < n; i++) {
        for (let k = 0; k < conds.length; k++) {
          const c = conds[k];
          if (isValid(c, i) && c.values[i] === 1) {
            choice[i] = k;
            break;
          }
        }
      }
      return gatherSelect(type, values, choice, null);
    } catch {
      return lazyCase(type, branches, otherwise, batch, ctx);
    }
  });
}

function lazyCase(
  type: DataType,
  branches: readonly { when: Evaluator; then: Evaluator }[],
  otherwise: Evaluator | undefined,
  batch: Parameters<Evaluator['evaluate']>[0],
  ctx: Parameters<Evaluator['evaluate']>[1],
): Vector {
  const n = batch.numRows;
  const choice = new Int32Array(n).fill(-1);
  let remaining = Int32Array.from({ length: n }, (_, i) => i);
  branches.forEach((b, k) => {
    if (remaining.length === 0) return;
    const c = evaluateOn(b.when, batch, ctx, remaining) as BoolVector;
    const rest: number[] = [];
    for (let j = 0; j < remaining.length; j++) {
      if (isValid(c, j) && c.values[j] === 1) choice[remaining[j]] = k;
      else rest.push(remaining[j]);
    }
    remaining = Int32Array.from(rest);
  });
  if (otherwise) for (const i of remaining) choice[i] = branches.length;
  const sources = [...branches.map((b) => b.then), ...(otherwise ? [otherwise] : [])];
  const pos = new Int32Array(n);
  const vectors = sources.map((s, k) => {
    const rows = indicesWhere(Uint8Array.from(choice, (c) => (c === k ? 1 : 0)));
    rows.forEach((r, j) => (pos[r] = j));
    return evaluateOn(s, batch, ctx, rows);
  });
  return gatherSelect(type, vectors, choice, pos);
}
