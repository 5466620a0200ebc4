/**
 * Column-level resolution shared by the analyzer's node rules: finding a named column
 * (Spark's resolver: case-insensitive unless spark.sql.caseSensitive, the attribute keeps
 * its own spelling), naming an output column the way Spark does, expanding `*`, and
 * comparing expressions structurally (for GROUP BY matching).
 */
import { AnalysisException } from '../errors';
import type { ColumnExpr, Expr } from '../expr/ast';
import { bindExpr, exprName, type BoundExpr, type ExprConf } from '../expr/index';
import type { ProjectItem } from './resolved-plan';
import { StructField, StructType } from '../types/struct-type';

/** Indices of the fields `name` matches under the conf's case sensitivity. */
function matches(schema: StructType, name: string, caseSensitive: boolean): number[] {
  const out: number[] = [];
  const lower = name.toLowerCase();
  schema.fields.forEach((f, i) => {
    if (caseSensitive ? f.name === name : f.name.toLowerCase() === lower) out.push(i);
  });
  return out;
}

/**
 * The index of a top-level column by name. Unknown names fail as bindExpr reports them
 * (UNRESOLVED_COLUMN.WITH_SUGGESTION); several matches are AMBIGUOUS_REFERENCE.
 */
export function resolveColumnIndex(schema: StructType, name: string, conf: ExprConf): number {
  const found = matches(schema, name, conf.caseSensitive);
  if (found.length === 1) return found[0];
  if (found.length > 1) {
    throw new AnalysisException(
      'AMBIGUOUS_REFERENCE',
      `Reference \`${name}\` is ambiguous, could be: [${found.map((i) => '`' + schema.fields[i].name + '`').join(', ')}].`,
      { messageParameters: { name: '`' + name + '`' }, sqlState: '42704' },
    );
  }
  bindExpr({ kind: 'column', name: [name] }, schema, conf);
  // bindExpr resolved it another way (e.g. a nested field): not a top-level column.
  throw new AnalysisException(
    'UNRESOLVED_COLUMN.WITH_SUGGESTION',
    `A column, variable, or function parameter with name \`${name}\` cannot be resolved. Did you mean one of the following? [${schema.fields.map((f) => '`' + f.name + '`').join(', ')}].`,
    { messageParameters: { objectName: '`' + name + '`' }, sqlState: '42703' },
  );
}

/** Like resolveColumnIndex, but -1 when absent (drop, withColumnRenamed are no-ops then). */
export function findColumnIndex(schema: StructType, name: string, caseSensitive: boolean): number {
  const found = matches(schema, name, caseSensitive);
  return found.length === 0 ? -1 : found[0];
}

/** The index a plain one-part column reference resolves to, or -1 for any other expression. */
export function passThroughIndex(e: Expr, schema: StructType, conf: ExprConf): number {
  if (e.kind !== 'column' || e.name.length !== 1) return -1;
  const found = matches(schema, e.name[0], conf.caseSensitive);
  return found.length === 1 ? found[0] : -1;
}

/**
 * Spark's output name: an alias's name, a column reference as the query spelled it
 * (`select('model')` on a `Model` column is named `model`; checked against pyspark
 * 4.1.4), a struct field's name, otherwise the generated name (`(x + 1)`, `count(1)`).
 */
export function outputName(e: Expr): string {
  switch (e.kind) {
    case 'alias':
      return e.name;
    case 'column':
      return e.name[e.name.length - 1];
    case 'field':
      return e.field;
    default:
      return exprName(e);
  }
}

/** Expands `*` (all columns) and `s.*` (the fields of struct column `s`) in a select list. */
export function expandStars(exprs: readonly Expr[], schema: StructType, conf: ExprConf): Expr[] {
  const out: Expr[] = [];
  for (const e of exprs) {
    if (e.kind !== 'star') {
      out.push(e);
      continue;
    }
    if (e.qualifier === undefined) {
      for (const f of schema.fields) out.push(columnRef(f));
      continue;
    }
    const i = resolveColumnIndex(schema, e.qualifier, conf);
    const t = schema.fields[i].dataType;
    if (!(t instanceof StructType)) {
      throw new AnalysisException(
        'CANNOT_RESOLVE_STAR_EXPAND',
        `Cannot resolve \`${e.qualifier}\`.* given input columns ${schema.fields.map((f) => '`' + f.name + '`').join(', ')}. Check that the specified table or struct exists and is accessible in the input columns.`,
        { messageParameters: { targetString: '`' + e.qualifier + '`' }, sqlState: '42704' },
      );
    }
    const base = columnRef(schema.fields[i]);
    for (const f of t.fields) out.push({ kind: 'field', arg: base, field: f.name });
  }
  return out;
}

export function columnRef(f: StructField): ColumnExpr {
  return { kind: 'column', name: [f.name] };
}

/**
 * A structural key for an expression: spans dropped, names folded when resolution is
 * case-insensitive. Two expressions with the same key are the same expression to the
 * analyzer (Spark's semanticEquals, approximated on the unresolved tree).
 */
export function exprKey(e: Expr, caseSensitive: boolean): string {
  return JSON.stringify(e, (k, v: unknown) => {
    if (k === 'span') return undefined;
    if (!caseSensitive && k === 'name' && Array.isArray(v))
      return v.map((s) => String(s).toLowerCase());
    return v;
  });
}

/** A projection item for `e`: pass-through when it is a plain column, else bound. */
export function bindItem(
  e: Expr,
  schema: StructType,
  conf: ExprConf,
): { item: ProjectItem; field: StructField } {
  const bound = bindExpr(e, schema, conf);
  const name = outputName(e);
  const target = e.kind === 'alias' ? e.arg : e;
  const index = passThroughIndex(target, schema, conf);
  if (index >= 0) {
    const f = schema.fields[index];
    return { item: { kind: 'column', index }, field: renamed(f, name) };
  }
  return { item: { kind: 'expr', expr: bound }, field: fieldOf(name, bound) };
}

function renamed(f: StructField, name: string): StructField {
  return name === f.name ? f : new StructField(name, f.dataType, f.nullable, f.metadata);
}

export function fieldOf(name: string, bound: BoundExpr): StructField {
  return new StructField(name, bound.dataType, bound.nullable);
}
