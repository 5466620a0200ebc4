/**
 * window() and session_window() among an Aggregate's grouping expressions, as Spark's
 * analyzer rules TimeWindowing and SessionWindowing (ResolveTimeWindows.scala) rewrite
 * them: the call becomes a column (`window` / `session_window`, struct<start, end> of
 * timestamps, nullable) computed from the input, and the grouping expression refers to
 * that column. Here the column is appended to the aggregate's input under a hidden name;
 * the aggregate operator computes it (exec/window/), so keys and aggregate arguments are
 * bound against the input schema plus that one column.
 *
 * The column inherits the time column's metadata (so a watermark on the time column marks
 * the window too, which is how append mode and eviction find it) plus Spark's marker
 * (`spark.timeWindow` / `spark.sessionWindow`). Only one window expression per Aggregate:
 * two would be a cartesian product (_LEGACY_ERROR_TEMP_1039).
 */
import { AnalysisException } from '../errors';
import type { CallExpr, Expr } from '../expr/ast';
import { dataTypeMismatch, unexpectedInputType } from '../expr/expr-errors';
import { bindExpr, exprName, type BoundExpr, type ExprConf } from '../expr/index';
import { StringType, T, TimestampType } from '../types/data-types';
import { StructField, StructType } from '../types/struct-type';
import { anyNode, mapChildren } from './expr-rewrite';
import { passThroughIndex } from './resolve-columns';
import { windowDurationUs } from './resolve-window-duration';
import type { WindowAssignment } from './resolved-plan';

/** Spark's metadata key for an event-time column's watermark delay (EventTimeWatermark.delayKey). */
export const WATERMARK_DELAY_KEY = 'spark.watermarkDelayMs';

/** TimeWindow.marker / SessionWindow.marker. */
export const TIME_WINDOW_MARKER = 'spark.timeWindow';
export const SESSION_WINDOW_MARKER = 'spark.sessionWindow';
const HIDDEN_NAME = { window: '__window', session_window: '__session_window' } as const;

export const WINDOW_STRUCT = new StructType([
  new StructField('start', T.timestamp, true),
  new StructField('end', T.timestamp, true),
]);

export interface ResolvedWindowKeys {
  /** The grouping expressions with the window call replaced by a reference to the window column. */
  readonly groupBy: readonly Expr[];
  /** Input schema + the window column (last). */
  readonly keySchema: StructType;
  readonly window: WindowAssignment;
}

function isWindowCall(e: Expr): e is CallExpr {
  if (e.kind !== 'call') return false;
  const n = e.name.toLowerCase();
  return n === 'window' || n === 'session_window';
}

/** Undefined when no grouping expression calls window()/session_window(). */
export function resolveWindowKeys(
  groupBy: readonly Expr[],
  inSchema: StructType,
  conf: ExprConf,
): ResolvedWindowKeys | undefined {
  const calls: CallExpr[] = [];
  for (const g of groupBy) anyNode(g, (e) => (isWindowCall(e) && calls.push(e), false));
  if (calls.length === 0) return undefined;
  const distinct = new Set(calls.map((c) => JSON.stringify(c, (k, v: unknown) => (k === 'span' ? undefined : v))));
  if (distinct.size > 1) {
    throw new AnalysisException(
      '_LEGACY_ERROR_TEMP_1039',
      'Multiple time/session window expressions would result in a cartesian product of rows, therefore they are currently not supported.',
    );
  }
  const call = calls[0];
  const kind = call.name.toLowerCase() === 'window' ? 'window' : 'session_window';
  const time = timeSource(call, inSchema, conf);
  const sourceIndex = passThroughIndex(call.args[0], inSchema, conf);
  const metadata = {
    ...(sourceIndex >= 0 ? inSchema.fields[sourceIndex].metadata : {}),
    [kind === 'window' ? TIME_WINDOW_MARKER : SESSION_WINDOW_MARKER]: true,
  };
  const hidden = HIDDEN_NAME[kind];
  const keySchema = new StructType([
    ...inSchema.fields,
    new StructField(hidden, WINDOW_STRUCT, true, metadata),
  ]);
  const replace = (e: Expr): Expr => (isWindowCall(e) ? { kind: 'column', name: [hidden] } : mapChildren(e, replace));
  const rewritten = groupBy.map(replace);
  const keyIndex = rewritten.findIndex((g) => anyNode(g, (e) => e.kind === 'column' && e.name[0] === hidden));
  const window: WindowAssignment =
    kind === 'window'
      ? { kind: 'window', ...time, ...windowDurations(call), keyIndex }
      : { kind: 'session', ...time, ...sessionGap(call, inSchema, conf), keyIndex };
  return { groupBy: rewritten, keySchema, window };
}

/** The event time: a timestamp (strings are cast, as TimeWindow's implicit cast does) or a window struct (window_time). */
function timeSource(call: CallExpr, schema: StructType, conf: ExprConf): { timeColumn: BoundExpr; fromWindowEnd: boolean } {
  const sql = exprName(call);
  if (call.args.length < 2) {
    throw new AnalysisException(
      'WRONG_NUM_ARGS.WITHOUT_SUGGESTION',
      `The \`${call.name.toLowerCase()}\` requires [2, 3, 4] parameters but the actual number is ${call.args.length}. Please, refer to 'https://spark.apache.org/docs/latest/sql-ref-functions.html' for a fix.`,
      { sqlState: '42605' },
    );
  }
  const bound = bindExpr(call.args[0], schema, conf);
  const t = bound.dataType;
  if (t instanceof TimestampType) return { timeColumn: bound, fromWindowEnd: false };
  if (t instanceof StringType)
    return { timeColumn: bindExpr({ kind: 'cast', arg: call.args[0], to: 'timestamp' }, schema, conf), fromWindowEnd: false };
  if (t instanceof StructType && t.fields.length === 2 && t.fields[1].dataType instanceof TimestampType)
    return { timeColumn: bound, fromWindowEnd: true };
  throw unexpectedInputType(sql, 0, '("TIMESTAMP" or "TIMESTAMP_NTZ")', exprName(call.args[0]), t);
}

function literalArg(call: CallExpr, i: number): unknown {
  const a = call.args[i];
  if (a === undefined) return undefined;
  if (a.kind !== 'literal') {
    throw new AnalysisException(
      'DATATYPE_MISMATCH.NON_FOLDABLE_INPUT',
      `Cannot resolve "${exprName(call)}" due to data type mismatch: the input ${['timeColumn', 'windowDuration', 'slideDuration', 'startTime'][i]} should be a foldable "STRING" expression; however, got ${exprName(a)}.`,
      { sqlState: '42K09' },
    );
  }
  return a.value;
}

/** TimeWindow.checkInputDataTypes: window > 0, slide > 0, slide <= window, |startTime| < slide. */
function windowDurations(call: CallExpr): { windowUs: number; slideUs: number; startUs: number } {
  const sql = exprName(call);
  const windowUs = windowDurationUs(literalArg(call, 1), 'windowDuration');
  const slideArg = literalArg(call, 2);
  const slideUs = slideArg === undefined ? windowUs : windowDurationUs(slideArg, 'slideDuration');
  const startArg = literalArg(call, 3);
  const startUs = startArg === undefined ? 0 : windowDurationUs(startArg, 'startTime');
  const outOfRange = (name: string, v: number): AnalysisException =>
    dataTypeMismatch('VALUE_OUT_OF_RANGE', sql, `The \`${name}\` must be between (0, 9223372036854775807] (current value = ${v}L).`, {
      exprName: '`' + name + '`',
      valueRange: '(0, 9223372036854775807]',
      currentValue: `${v}L`,
    });
  const violation = (left: string, lv: number, op: string, right: string, rv: number): AnalysisException =>
    dataTypeMismatch('PARAMETER_CONSTRAINT_VIOLATION', sql, `The \`${left}\`(${lv}L) must be ${op} the \`${right}\`(${rv}L).`, {
      leftExprName: '`' + left + '`',
      leftExprValue: `${lv}L`,
      constraint: op,
      rightExprName: '`' + right + '`',
      rightExprValue: `${rv}L`,
    });
  if (windowUs <= 0) throw outOfRange('window_duration', windowUs);
  if (slideUs <= 0) throw outOfRange('slide_duration', slideUs);
  if (slideUs > windowUs) throw violation('slide_duration', slideUs, '<=', 'window_duration', windowUs);
  if (Math.abs(startUs) >= slideUs) throw violation('abs(start_time)', Math.abs(startUs), '<', 'slide_duration', slideUs);
  return { windowUs, slideUs, startUs };
}

/** A literal gap is parsed once; an expression must give interval strings (evaluated per distinct value). */
function sessionGap(call: CallExpr, schema: StructType, conf: ExprConf): { gapUs?: number; gapExpr?: BoundExpr } {
  const gap = call.args[1];
  if (gap.kind === 'literal') return { gapUs: windowDurationUs(gap.value, 'gapDuration') };
  const bound = bindExpr(gap, schema, conf);
  if (!(bound.dataType instanceof StringType)) {
    throw new AnalysisException(
      '_LEGACY_ERROR_TEMP_1040',
      `Gap duration expression used in session window must be CalendarIntervalType, but got ${bound.dataType.simpleString()}.`,
      { messageParameters: { dt: bound.dataType.simpleString() } },
    );
  }
  return { gapExpr: bound };
}
