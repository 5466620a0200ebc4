/**
 * Column and struct-field resolution (Spark's Analyzer ResolveReferences + the resolver
 * of spark.sql.caseSensitive): `a.b.c` is column `a` then fields `b`, `c`; names match
 * case-insensitively by default; two matching columns are AMBIGUOUS_REFERENCE; an unknown
 * name is UNRESOLVED_COLUMN.WITH_SUGGESTION listing up to five input columns ordered by
 * Levenshtein distance (StringUtils.orderSuggestions).
 */
import type { StructVector, Vector } from '../batch/vector';
import { andValidity } from '../batch/vector';
import type { ErrorContext } from '../errors';
import type { DataType } from '../types/data-types';
import { StructType } from '../types/struct-type';
import type { ExprConf } from './bound-expr';
import { makeEvaluator, type Evaluator } from './evaluator';
import { ambiguousReference, fieldNotFound, invalidExtractBase, unresolvedColumn } from './expr-errors';

/** Levenshtein distance (commons-text LevenshteinDistance, case-sensitive). */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

/** Candidates sorted by distance to `name` (a stable sort, as Scala's sortBy), at most five. */
export function orderSuggestions(name: string, candidates: readonly string[]): string[] {
  return candidates
    .map((c, i) => ({ c, i, d: levenshtein(name, c) }))
    .sort((x, y) => x.d - y.d || x.i - y.i)
    .slice(0, 5)
    .map((x) => x.c);
}

function matchingFields(t: StructType, name: string, caseSensitive: boolean): number[] {
  const out: number[] = [];
  const lower = name.toLowerCase();
  t.fields.forEach((f, i) => {
    if (caseSensitive ? f.name === name : f.name.toLowerCase() === lower) out.push(i);
  });
  return out;
}

/** Reads column `index` of the batch. */
function columnEvaluator(index: number, dataType: DataType, nullable: boolean): Evaluator {
  return makeEvaluator(dataType, nullable, false, (batch) => batch.columns[index]);
}

/** A struct field of `base` (GetStructField): NULL where the struct is NULL. */
export function structFieldEvaluator(base: Evaluator, name: string, conf: ExprConf, sqlExpr: string, context?: ErrorContext): Evaluator {
  const t = base.dataType;
  if (!(t instanceof StructType)) throw invalidExtractBase(sqlExpr, t, context);
  const found = matchingFields(t, name, conf.caseSensitive);
  if (found.length === 0) throw fieldNotFound(name, t.names, context);
  if (found.length > 1) throw ambiguousReference([name], found.map((i) => t.fields[i].name), context);
  const index = found[0];
  const field = t.fields[index];
  return makeEvaluator(field.dataType, base.nullable || field.nullable, base.foldable, (batch, ctx) => {
    const parent = base.evaluate(batch, ctx) as StructVector;
    const child = parent.children[index];
    const validity = andValidity(parent.validity, child.validity, parent.length);
    return validity === child.validity ? child : ({ ...child, validity } as Vector);
  });
}

/** Resolves a (possibly dotted) column reference against the input schema. */
export function resolveColumn(parts: readonly string[], schema: StructType, conf: ExprConf, context?: ErrorContext): Evaluator {
  const found = matchingFields(schema, parts[0], conf.caseSensitive);
  if (found.length > 1) throw ambiguousReference(parts, found.map((i) => schema.fields[i].name), context);
  if (found.length === 0) {
    // A column whose own name contains the dots (a flattened name) before giving up.
    const whole = matchingFields(schema, parts.join('.'), conf.caseSensitive);
    if (parts.length > 1 && whole.length === 1) {
      const f = schema.fields[whole[0]];
      return columnEvaluator(whole[0], f.dataType, f.nullable);
    }
    throw unresolvedColumn(parts, orderSuggestions(parts.join('.'), schema.names), context);
  }
  const f = schema.fields[found[0]];
  let e = columnEvaluator(found[0], f.dataType, f.nullable);
  for (let k = 1; k < parts.length; k++) {
    if (!(e.dataType instanceof StructType)) throw unresolvedColumn(parts, orderSuggestions(parts.join('.'), schema.names), context);
    e = structFieldEvaluator(e, parts[k], conf, parts.slice(0, k).join('.'), context);
  }
  return e;
}
