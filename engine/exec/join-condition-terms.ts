/**
 * What a stream–stream join reads from its condition, on the expression AST:
 *  - equi-join keys (`a.x = b.y` conjuncts), as Spark's ExtractEquiJoinKeys, so the
 *    symmetric hash join is keyed by them;
 *  - the state value watermark of one side (Spark's StreamingJoinHelper.getStateValueWatermark):
 *    from conjuncts `leftTime + c1 < rightTime + c2` (or <=, >, >=) where the other side's
 *    term is its watermarked column, the time below which this side's buffered rows can
 *    never match a future row of the other side.
 *
 * Terms follow StreamingJoinHelper.collectTerms: `+`, `-`, unary minus and casts to
 * numeric/timestamp types are looked through; a column is its value in µs; a numeric
 * literal counts as seconds (×1e6 µs) and a day-time interval literal (`+ interval 1 hour`)
 * as its microseconds. Anything else makes the conjunct unusable, and a side without a
 * usable conjunct keeps its state (still correct, just unbounded).
 */
import type { Expr } from '../expr/ast';
import { findColumnIndex } from '../plan/resolve-columns';
import { WATERMARK_DELAY_KEY } from '../plan/resolve-time-window';
import type { StructType } from '../types/struct-type';

export type JoinSide = 'left' | 'right';

/** A column of one side of the join. */
export interface SideColumn {
  readonly side: JoinSide;
  readonly index: number;
}

/** One time term of a canonical `Σ terms < 0`: a column (µs) or a constant (µs), maybe negated. */
type Term =
  | { readonly kind: 'column'; readonly column: SideColumn; readonly negated: boolean }
  | { readonly kind: 'constant'; readonly micros: number };

export interface JoinConditionContext {
  readonly left: StructType;
  readonly right: StructType;
  readonly caseSensitive: boolean;
}

const NUMERIC_CASTS = /^(tinyint|byte|smallint|short|int|integer|bigint|long|float|real|double|decimal(\(.*\))?|timestamp)$/i;

export function splitConjuncts(e: Expr | undefined): Expr[] {
  if (e === undefined) return [];
  if (e.kind === 'binary' && e.op === 'AND') return [...splitConjuncts(e.left), ...splitConjuncts(e.right)];
  if (e.kind === 'between' && !e.negated) {
    return [
      { kind: 'binary', op: '>=', left: e.arg, right: e.low },
      { kind: 'binary', op: '<=', left: e.arg, right: e.high },
    ];
  }
  return [e];
}

/** The side a plain column reference resolves to; undefined when absent or on both sides. */
export function resolveSideColumn(e: Expr, ctx: JoinConditionContext): SideColumn | undefined {
  if (e.kind !== 'column') return undefined;
  const name = e.name[e.name.length - 1];
  const l = findColumnIndex(ctx.left, name, ctx.caseSensitive);
  const r = findColumnIndex(ctx.right, name, ctx.caseSensitive);
  if (l >= 0 && r < 0) return { side: 'left', index: l };
  if (r >= 0 && l < 0) return { side: 'right', index: r };
  return undefined;
}

/** `leftCol = rightCol` conjuncts, as (left index, right index) pairs. */
export function equiJoinKeys(condition: Expr | undefined, ctx: JoinConditionContext): [number, number][] {
  const keys: [number, number][] = [];
  for (const c of splitConjuncts(condition)) {
    if (c.kind !== 'binary' || c.op !== '=') continue;
    const a = resolveSideColumn(c.left, ctx);
    const b = resolveSideColumn(c.right, ctx);
    if (a === undefined || b === undefined || a.side === b.side) continue;
    keys.push(a.side === 'left' ? [a.index, b!.index] : [b.index, a.index]);
  }
  return keys;
}

function schemaOf(side: JoinSide, ctx: JoinConditionContext): StructType {
  return side === 'left' ? ctx.left : ctx.right;
}

export function isWatermarked(c: SideColumn, ctx: JoinConditionContext): boolean {
  return WATERMARK_DELAY_KEY in schemaOf(c.side, ctx).fields[c.index].metadata;
}

function isTimestamp(c: SideColumn, ctx: JoinConditionContext): boolean {
  return schemaOf(c.side, ctx).fields[c.index].dataType.simpleString() === 'timestamp';
}

/** collectTerms: null when the expression is not a sum of columns and constants. */
function collectTerms(e: Expr, negate: boolean, ctx: JoinConditionContext, out: Term[]): boolean {
  switch (e.kind) {
    case 'binary':
      if (e.op === '+') return collectTerms(e.left, negate, ctx, out) && collectTerms(e.right, negate, ctx, out);
      if (e.op === '-') return collectTerms(e.left, negate, ctx, out) && collectTerms(e.right, !negate, ctx, out);
      return false;
    case 'unary':
      if (e.op === '-') return collectTerms(e.arg, !negate, ctx, out);
      if (e.op === '+') return collectTerms(e.arg, negate, ctx, out);
      return false;
    case 'cast':
      return e.try !== true && NUMERIC_CASTS.test(e.to.trim()) && collectTerms(e.arg, negate, ctx, out);
    case 'column': {
      const column = resolveSideColumn(e, ctx);
      if (column === undefined) return false;
      out.push({ kind: 'column', column, negated: negate });
      return true;
    }
    case 'literal': {
      // A day-time interval literal is already microseconds (StreamingJoinHelper: DayTimeIntervalType).
      if (e.dataType === 'interval day to second' && typeof e.value === 'number') {
        out.push({ kind: 'constant', micros: negate ? -e.value : e.value });
        return true;
      }
      // A numeric literal is read as seconds (collectTerms multiplies it by 1e6).
      const v = typeof e.value === 'number' ? e.value : typeof e.value === 'string' ? Number(e.value) : NaN;
      if (e.dataType === 'string' || e.dataType === 'boolean' || !Number.isFinite(v)) return false;
      out.push({ kind: 'constant', micros: (negate ? -v : v) * 1e6 });
      return true;
    }
    default:
      return false;
  }
}

/**
 * getStateWatermarkFromLessThenPredicate for `l < r`: the state watermark (ms) of `side`
 * implied by the event-time watermark (ms), or undefined.
 */
function fromLessThan(l: Expr, r: Expr, side: JoinSide, watermarkMs: number, ctx: JoinConditionContext): number | undefined {
  const terms: Term[] = [];
  if (!collectTerms({ kind: 'binary', op: '-', left: l, right: r }, false, ctx, terms)) return undefined;
  const columns = terms.flatMap((t) => (t.kind === 'column' ? [t] : []));
  const distinct = (s: JoinSide): number => new Set(columns.filter((t) => t.column.side === s).map((t) => t.column.index)).size;
  if (distinct(side) > 1 || distinct(side === 'left' ? 'right' : 'left') > 1) return undefined;
  const constraint = columns.filter((t) => t.column.side === side && isTimestamp(t.column, ctx));
  // The constraint term must be `-thisTime` so that `watermark + c < thisTime` can be solved.
  if (constraint.length !== 1 || !constraint[0].negated) return undefined;
  let micros = 0;
  for (const t of terms) {
    if (t === constraint[0]) continue;
    if (t.kind === 'constant') micros += t.micros;
    // Only the other side's watermarked column has a value (the watermark); any other column does not.
    else if (t.column.side !== side && isWatermarked(t.column, ctx)) micros += (t.negated ? -1 : 1) * watermarkMs * 1000;
    else return undefined;
  }
  return Math.trunc(micros / 1000);
}

/**
 * getStateValueWatermark: the smallest state watermark (ms) any conjunct gives `side`'s
 * buffered rows; rows whose watermarked column is <= it (×1000 µs) can be evicted.
 */
export function stateValueWatermarkMs(
  condition: Expr | undefined,
  side: JoinSide,
  watermarkMs: number,
  ctx: JoinConditionContext,
): number | undefined {
  const other = schemaOf(side === 'left' ? 'right' : 'left', ctx);
  if (!other.fields.some((f) => WATERMARK_DELAY_KEY in f.metadata)) return undefined;
  let best: number | undefined;
  for (const c of splitConjuncts(condition)) {
    if (c.kind !== 'binary') continue;
    let w: number | undefined;
    // Cleanup is inclusive (time <= W), so a non-strict bound backs off 1 ms.
    if (c.op === '<') w = fromLessThan(c.left, c.right, side, watermarkMs, ctx);
    else if (c.op === '<=') w = minusOne(fromLessThan(c.left, c.right, side, watermarkMs, ctx));
    else if (c.op === '>') w = fromLessThan(c.right, c.left, side, watermarkMs, ctx);
    else if (c.op === '>=') w = minusOne(fromLessThan(c.right, c.left, side, watermarkMs, ctx));
    if (w !== undefined) best = best === undefined ? w : Math.min(best, w);
  }
  return best;
}

/** Whether the condition gives `side` a state value watermark at all (watermark-independent). */
export function hasStateValueWatermark(condition: Expr | undefined, side: JoinSide, ctx: JoinConditionContext): boolean {
  return stateValueWatermarkMs(condition, side, 0, ctx) !== undefined;
}

function minusOne(w: number | undefined): number | undefined {
  return w === undefined ? undefined : w - 1;
}
