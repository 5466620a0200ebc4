/**
 * Join of the batch's left rows with the right side's rows (a static side is read in
 * full every batch, as Spark re-reads it for a stream–static join). USING keys are
 * hash-joined: the right side is indexed by key, NULL keys never match. A condition is
 * evaluated over the candidate pairs. Outer joins add the unmatched rows with NULLs;
 * left_semi/left_anti keep left rows with / without a match.
 * State: none. Cost: O(left + right + matches).
 */
import { ColumnBatch } from '../batch/column-batch';
import { valueAt } from '../batch/values';
import { takeVector } from '../batch/vector-ops';
import { nullVector, type Vector } from '../batch/vector';
import { makeBuilder } from '../batch/vector-builder';
import type { BoundExpr } from '../expr/index';
import type { JoinOutput } from '../plan/resolved-plan';
import type { JoinNode } from '../plan/logical-plan';
import { StructType } from '../types/struct-type';
import { encodeStateKey } from './aggregate/state-key';
import type { ExecContext, Operator } from './operator';

export interface JoinSpec {
  readonly how: JoinNode['how'];
  readonly leftKeys: readonly number[];
  readonly rightKeys: readonly number[];
  readonly condition?: BoundExpr;
  readonly output: readonly JoinOutput[];
}

export class JoinExec implements Operator {
  constructor(
    private readonly left: Operator,
    private readonly right: Operator,
    private readonly spec: JoinSpec,
    readonly schema: StructType,
  ) {}

  execute(ctx: ExecContext): ColumnBatch {
    const l = this.left.execute(ctx);
    const r = this.right.execute(ctx);
    let [li, ri] = this.candidatePairs(l, r);
    if (this.spec.condition) [li, ri] = this.filterByCondition(l, r, li, ri, ctx);
    const how = this.spec.how;
    if (how === 'left_semi' || how === 'left_anti') {
      const matched = new Uint8Array(l.numRows);
      for (const i of li) matched[i] = 1;
      if (how === 'left_anti') for (let i = 0; i < matched.length; i++) matched[i] ^= 1;
      return this.build(l, r, ...keepLeft(matched));
    }
    if (how === 'left' || how === 'full') [li, ri] = addUnmatched(li, ri, l.numRows, 'left');
    if (how === 'right' || how === 'full') [li, ri] = addUnmatched(li, ri, r.numRows, 'right');
    return this.build(l, r, li, ri);
  }

  private candidatePairs(l: ColumnBatch, r: ColumnBatch): [number[], number[]] {
    const li: number[] = [];
    const ri: number[] = [];
    if (this.spec.leftKeys.length === 0) {
      for (let i = 0; i < l.numRows; i++) {
        for (let j = 0; j < r.numRows; j++) {
          li.push(i);
          ri.push(j);
        }
      }
      return [li, ri];
    }
    const index = new Map<string, number[]>();
    const rk = this.spec.rightKeys.map((k) => r.columns[k]);
    for (let j = 0; j < r.numRows; j++) {
      const key = rowKey(rk, j);
      if (key === null) continue;
      const list = index.get(key);
      if (list) list.push(j);
      else index.set(key, [j]);
    }
    const lk = this.spec.leftKeys.map((k) => l.columns[k]);
    for (let i = 0; i < l.numRows; i++) {
      const key = rowKey(lk, i);
      const matches = key === null ? undefined : index.get(key);
      if (!matches) continue;
      for (const j of matches) {
        li.push(i);
        ri.push(j);
      }
    }
    return [li, ri];
  }

  private filterByCondition(
    l: ColumnBatch,
    r: ColumnBatch,
    li: number[],
    ri: number[],
    ctx: ExecContext,
  ): [number[], number[]] {
    const pairs = new ColumnBatch(
      new StructType([...l.schema.fields, ...r.schema.fields]),
      [
        ...l.columns.map((c) => takeVector(c, Int32Array.from(li))),
        ...r.columns.map((c) => takeVector(c, Int32Array.from(ri))),
      ],
      li.length,
    );
    const v = this.spec.condition!.evaluate(pairs, ctx.evalContext);
    const outL: number[] = [];
    const outR: number[] = [];
    if (v.storage !== 'bool') return [outL, outR];
    for (let p = 0; p < li.length; p++) {
      if (v.values[p] !== 1 || (v.validity !== null && v.validity[p] === 0)) continue;
      outL.push(li[p]);
      outR.push(ri[p]);
    }
    return [outL, outR];
  }

  private build(
    l: ColumnBatch,
    r: ColumnBatch,
    li: readonly number[],
    ri: readonly number[],
  ): ColumnBatch {
    const lIdx = Int32Array.from(li);
    const rIdx = Int32Array.from(ri);
    const columns = this.spec.output.map((o) => {
      if (o.side === 'coalesce')
        return coalesce(takeOrNull(l.columns[o.left], lIdx), takeOrNull(r.columns[o.right], rIdx));
      return o.side === 'left'
        ? takeOrNull(l.columns[o.index], lIdx)
        : takeOrNull(r.columns[o.index], rIdx);
    });
    return new ColumnBatch(this.schema, columns, lIdx.length);
  }
}

function rowKey(keys: readonly Vector[], row: number): string | null {
  const values = keys.map((k) => valueAt(k, row));
  return values.some((v) => v === null) ? null : encodeStateKey(values);
}

function keepLeft(mask: Uint8Array): [number[], number[]] {
  const li: number[] = [];
  for (let i = 0; i < mask.length; i++) if (mask[i] === 1) li.push(i);
  return [li, li.map(() => -1)];
}

function addUnmatched(
  li: number[],
  ri: number[],
  n: number,
  side: 'left' | 'right',
): [number[], number[]] {
  const matched = new Uint8Array(n);
  for (const i of side === 'left' ? li : ri) if (i >= 0) matched[i] = 1;
  const outL = [...li];
  const outR = [...ri];
  for (let i = 0; i < n; i++) {
    if (matched[i]) continue;
    outL.push(side === 'left' ? i : -1);
    outR.push(side === 'left' ? -1 : i);
  }
  return [outL, outR];
}

/** Gathers rows; index -1 gives NULL. */
function takeOrNull(v: Vector, idx: Int32Array): Vector {
  let missing = false;
  for (let i = 0; i < idx.length && !missing; i++) missing = idx[i] < 0;
  if (!missing) return takeVector(v, idx);
  if (v.length === 0) return nullVector(v.type, idx.length);
  const t = takeVector(
    v,
    idx.map((i) => (i < 0 ? 0 : i)),
  );
  const validity = new Uint8Array(idx.length);
  for (let i = 0; i < idx.length; i++)
    validity[i] = idx[i] < 0 ? 0 : t.validity === null ? 1 : t.validity[i];
  return { ...t, validity };
}

/** The left value where present, else the right (a full join's USING key). */
function coalesce(a: Vector, b: Vector): Vector {
  if (a.validity === null) return a;
  const builder = makeBuilder(a.type);
  for (let i = 0; i < a.length; i++)
    builder.append(a.validity[i] === 1 ? valueAt(a, i) : valueAt(b, i));
  return builder.finish();
}
