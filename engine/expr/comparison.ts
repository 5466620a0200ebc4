/**
 * Comparisons (EqualTo, EqualNullSafe, LessThan, …) over two vectors already cast to a
 * common type. Spark's ordering rules: NaN equals NaN and sorts above every other double
 * (SQLOrderingUtil.compareDoubles), 0.0 equals -0.0, false < true; strings compare by
 * code unit (Spark compares UTF-8 bytes — the orders differ only between supplementary
 * characters and U+E000–U+FFFF, a documented deviation). A string column compared with a
 * constant compares each dictionary entry once.
 */
import { valueAt } from '../batch/values';
import type { Vector } from '../batch/vector';
import { T, type DataType } from '../types/data-types';
import { makeEvaluator, type Evaluator } from './evaluator';
import { boolVector, compactValidity } from './vector-factory';

export type ComparisonOp = '=' | '<=>' | '!=' | '<' | '<=' | '>' | '>=';

/** compareDoubles: total order with NaN largest. */
export function compareDoubles(a: number, b: number): number {
  if (a < b) return -1;
  if (a > b) return 1;
  if (a === b) return 0;
  const an = Number.isNaN(a);
  const bn = Number.isNaN(b);
  return an && bn ? 0 : an ? 1 : -1;
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Compares two row values of one type (for greatest/least and non-columnar callers). */
export function compareValues(a: unknown, b: unknown, t: DataType): number {
  if (typeof a === 'number' && typeof b === 'number') return t.storage === 'float64' ? compareDoubles(a, b) : a - b;
  if (typeof a === 'string' && typeof b === 'string') return compareStrings(a, b);
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  const x = JSON.stringify(a);
  const y = JSON.stringify(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function test(op: ComparisonOp, c: number): boolean {
  switch (op) {
    case '=':
    case '<=>':
      return c === 0;
    case '!=':
      return c !== 0;
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '>':
      return c > 0;
    case '>=':
      return c >= 0;
  }
}

/** Row-by-row compare results into `out` (-1/0/1), for rows where both sides are valid. */
function compareInto(l: Vector, r: Vector, right: Evaluator, out: Int8Array): void {
  const n = out.length;
  if ((l.storage === 'int32' || l.storage === 'float64') && (r.storage === 'int32' || r.storage === 'float64')) {
    const a = l.values;
    const b = r.values;
    if (l.storage === 'float64') for (let i = 0; i < n; i++) out[i] = compareDoubles(a[i], b[i]);
    else for (let i = 0; i < n; i++) out[i] = a[i] < b[i] ? -1 : a[i] > b[i] ? 1 : 0;
    return;
  }
  if (l.storage === 'bool' && r.storage === 'bool') {
    for (let i = 0; i < n; i++) out[i] = l.values[i] - r.values[i];
    return;
  }
  if (l.storage === 'string' && r.storage === 'string') {
    if (right.constant && typeof right.constant.value === 'string') {
      const k = right.constant.value;
      const perEntry = new Int8Array(l.dict.length);
      for (let d = 0; d < l.dict.length; d++) perEntry[d] = compareStrings(l.dict[d], k);
      for (let i = 0; i < n; i++) out[i] = perEntry[l.codes[i]];
      return;
    }
    for (let i = 0; i < n; i++) out[i] = compareStrings(l.dict[l.codes[i]] ?? '', r.dict[r.codes[i]] ?? '');
    return;
  }
  for (let i = 0; i < n; i++) out[i] = Math.sign(compareValues(valueAt(l, i), valueAt(r, i), l.type));
}

export function comparisonEvaluator(op: ComparisonOp, left: Evaluator, right: Evaluator): Evaluator {
  const nullSafe = op === '<=>';
  const nullable = !nullSafe && (left.nullable || right.nullable);
  return makeEvaluator(T.boolean, nullable, left.foldable && right.foldable, (batch, ctx) => {
    const l = left.evaluate(batch, ctx);
    const r = right.evaluate(batch, ctx);
    const n = batch.numRows;
    const cmp = new Int8Array(n);
    compareInto(l, r, right, cmp);
    const values = new Uint8Array(n);
    const lv = l.validity;
    const rv = r.validity;
    if (nullSafe) {
      for (let i = 0; i < n; i++) {
        const a = lv === null || lv[i] === 1;
        const b = rv === null || rv[i] === 1;
        values[i] = a && b ? (cmp[i] === 0 ? 1 : 0) : a === b ? 1 : 0;
      }
      return boolVector(T.boolean, values, null);
    }
    const validity = lv === null && rv === null ? null : new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      values[i] = test(op, cmp[i]) ? 1 : 0;
      if (validity !== null) validity[i] = (lv === null || lv[i] === 1) && (rv === null || rv[i] === 1) ? 1 : 0;
    }
    return boolVector(T.boolean, values, validity === null ? null : compactValidity(validity, n));
  });
}
