/**
 * One step of the query form applied with the DataFrame API, as the user would write it:
 * `filter(expr(c))`, `selectExpr(...)`, `withColumn(n, expr(e))`, `withColumnRenamed`,
 * `drop`, `na.drop({how, thresh, subset})`, `na.fill(v, subset)`, `withWatermark`,
 * `dropDuplicates`, `groupBy(...keys).agg(...aggs)` or `.count()` (and `cube`, `rollup`),
 * `join(reference, on | condition, how)` (draft-join.ts).
 *
 * When it fails, `field` names the part of the step at fault (`condition`, `exprs[1]`,
 * `keys[0]`, `aggs[0]`, `expr`, `column`, `delay`, `value`, `subset[2]`). Errors raised
 * inside an expression already carry its text and offsets (engine/expr); for the others,
 * the step is re-built with its fields added one at a time: the first addition that fails
 * is the field at fault — the engine's own checks decide, none are repeated here.
 */
import { IllegalArgumentException } from '../errors';
import { exprToSQL } from '../expr/expr-sql';
import { parseExpr } from '../expr/index';
import { expr } from '../functions';
import type { DataFrame } from '../plan/dataframe';
import { parseWatermarkDelayUs } from '../plan/watermark-delay';
import { joinFieldAtFault, joinReference } from './draft-join';
import type { DraftOutcome } from './draft-source';
import type { DraftStep } from './protocol';

export function draftStep(df: DataFrame, step: DraftStep): DraftOutcome {
  try {
    return { ok: true, df: applyStep(df, step) };
  } catch (error) {
    return { ok: false, error, field: fieldAtFault(df, step) };
  }
}

function applyStep(df: DataFrame, step: DraftStep): DataFrame {
  switch (step.kind) {
    case 'filter':
      return df.filter(expr(step.condition));
    case 'select':
      return df.selectExpr(...step.exprs);
    case 'withColumn':
      return df.withColumn(step.name, expr(step.expr));
    case 'rename':
      return df.withColumnRenamed(step.from, step.to);
    case 'drop':
      return df.drop(...step.columns);
    case 'naDrop':
      return df.na.drop({
        how: step.how,
        ...(step.thresh !== null && step.thresh !== undefined ? { thresh: step.thresh } : {}),
        ...subsetOption(step.subset),
      });
    case 'naFill':
      return df.na.fill(fillValue(step.value), subsetOption(step.subset).subset);
    case 'watermark':
      return df.withWatermark(step.column, step.delay);
    case 'dropDuplicates':
      return df.dropDuplicates(step.columns.length === 0 ? undefined : step.columns);
    case 'groupBy':
    case 'cube':
    case 'rollup':
      return grouped(df, step.keys, step.aggs, step.kind);
    case 'join':
      return joinReference(df, step);
  }
}

/** Empty aggregates mean GroupedData.count(), the lab's `groupBy("gt").count()`. */
function grouped(
  df: DataFrame,
  keys: readonly string[],
  aggs: readonly string[],
  kind: 'groupBy' | 'cube' | 'rollup',
): DataFrame {
  const g = df[kind](...keys.map((k) => expr(k)));
  return aggs.length === 0 ? g.count() : g.agg(...aggs.map((a) => expr(a)));
}

/** An empty subset list in the form means "all columns", PySpark's `subset=None`. */
function subsetOption(subset: readonly string[]): { subset?: readonly string[] } {
  return subset.length === 0 ? {} : { subset };
}

/**
 * The form's fill value (`0`, `'unknown'`, `true`) read as a Spark SQL literal. Anything
 * else is refused as PySpark's na.fill refuses it (NOT_BOOL_OR_DICT_OR_FLOAT_OR_INT_OR_STR).
 */
export function fillValue(text: string): string | number | boolean {
  const e = parseExpr(text);
  if (e.kind === 'literal' && e.value !== null) {
    if (typeof e.value === 'boolean' || typeof e.value === 'number') return e.value;
    if (e.dataType === 'string') return e.value;
    const n = Number(e.value);
    if (e.dataType.startsWith('decimal') && Number.isFinite(n)) return n;
  }
  const got = e.kind === 'literal' && e.value === null ? 'NoneType' : `Column (${exprToSQL(e)})`;
  throw new IllegalArgumentException(
    `[NOT_BOOL_OR_DICT_OR_FLOAT_OR_INT_OR_STR] Argument \`value\` should be a bool, dict, float, int or str, got ${got}.`,
    { text, start: 0, stop: text.length },
  );
}

function fails(f: () => unknown): boolean {
  try {
    f();
    return false;
  } catch {
    return true;
  }
}

/** The first of `fields` whose addition makes `build(n)` (the step with fields [0, n)) fail. */
function firstFailing(fields: readonly string[], build: (n: number) => unknown): string | null {
  for (let n = 1; n <= fields.length; n++) if (fails(() => build(n))) return fields[n - 1];
  return null;
}

const indexed = (name: string, list: readonly unknown[]): string[] =>
  list.map((_, i) => `${name}[${i}]`);

function fieldAtFault(df: DataFrame, step: DraftStep): string | null {
  switch (step.kind) {
    case 'filter':
      return 'condition';
    case 'select':
      return firstFailing(indexed('exprs', step.exprs), (n) =>
        df.selectExpr(...step.exprs.slice(0, n)),
      );
    case 'withColumn':
      return 'expr';
    case 'rename':
      return 'from';
    case 'drop':
      return firstFailing(indexed('columns', step.columns), (n) =>
        df.drop(...step.columns.slice(0, n)),
      );
    case 'naDrop':
      return firstFailing(indexed('subset', step.subset), (n) =>
        df.na.drop({ how: step.how, subset: step.subset.slice(0, n) }),
      );
    case 'naFill':
      if (fails(() => fillValue(step.value))) return 'value';
      return firstFailing(indexed('subset', step.subset), (n) =>
        df.na.fill(fillValue(step.value), step.subset.slice(0, n)),
      );
    case 'watermark':
      return fails(() => parseWatermarkDelayUs(step.delay)) ? 'delay' : 'column';
    case 'dropDuplicates':
      return firstFailing(indexed('columns', step.columns), (n) =>
        df.dropDuplicates(step.columns.slice(0, n)),
      );
    case 'groupBy':
    case 'cube':
    case 'rollup': {
      const { keys, aggs, kind } = step;
      return firstFailing([...indexed('keys', keys), ...indexed('aggs', aggs)], (n) =>
        n <= keys.length
          ? df[kind](...keys.slice(0, n).map((k) => expr(k))).agg()
          : grouped(df, keys, aggs.slice(0, n - keys.length), kind),
      );
    }
    case 'join':
      return joinFieldAtFault(df, step);
  }
}

/** The text of a field named by fieldAtFault (`exprs[1]` → that expression). */
export function fieldText(step: DraftStep, field: string): string | null {
  const m = /^(\w+)(?:\[(\d+)\])?$/.exec(field);
  if (m === null) return null;
  const value = (step as unknown as Record<string, unknown>)[m[1]];
  const item = m[2] === undefined ? value : Array.isArray(value) ? value[Number(m[2])] : undefined;
  return typeof item === 'string' ? item : null;
}
