/**
 * Analysis of groupBy(...).agg(...), following Spark's Aggregate resolution and
 * CheckAnalysis: aggregate calls are pulled out of the result expressions (each computed
 * once, however often it appears), grouping expressions found inside results are
 * replaced by their key, and a column that is neither grouped nor inside an aggregate is
 * MISSING_AGGREGATION. Output = grouping columns then results (spark.sql.retainGroupColumns).
 */
import { AnalysisException } from '../errors';
import { childrenOf, type CallExpr, type ColumnExpr, type Expr } from '../expr/ast';
import {
  bindExpr,
  exprName,
  exprToSQL,
  isAggregateFunction,
  type BoundExpr,
  type ExprConf,
} from '../expr/index';
import { T } from '../types/data-types';
import { StructField, StructType } from '../types/struct-type';
import { aggregateSignature } from './aggregate-signatures';
import { anyNode, mapChildren } from './expr-rewrite';
import type { AggregateNode } from './logical-plan';
import { exprKey, fieldOf, outputName, passThroughIndex } from './resolve-columns';
import type {
  AggregateCall,
  EventTimeKey,
  ProjectItem,
  ResolvedAggregate,
  ResolvedPlan,
} from './resolved-plan';
import { WATERMARK_DELAY_KEY, resolveWindowKeys } from './resolve-time-window';

const KEY_PREFIX = '__key_';
const AGG_PREFIX = '__agg_';
/** Spark's spark_grouping_id: bit (n-1-i) set when key i is aggregated away in the row's grouping set. */
export const GROUPING_ID = '__grouping_id';

export function isAggregateCall(e: Expr): e is CallExpr {
  return e.kind === 'call' && isAggregateFunction(e.name);
}

export function containsAggregate(e: Expr): boolean {
  return anyNode(e, isAggregateCall);
}

export function resolveAggregate(
  node: AggregateNode,
  input: ResolvedPlan,
  conf: ExprConf,
  retainGroupColumns: boolean,
): ResolvedAggregate {
  // window()/session_window() keys become a column appended to the input (TimeWindowing).
  const windowKeys = resolveWindowKeys(node.groupBy, input.schema, conf);
  const inSchema = windowKeys?.keySchema ?? input.schema;
  const groupBy = windowKeys?.groupBy ?? node.groupBy;
  const groupingSets = groupingSetsOf(node);
  let eventTimeKey: EventTimeKey | undefined;
  const keys: BoundExpr[] = [];
  const keyFields: StructField[] = [];
  const keyMatch = new Map<string, number>();
  const keyColumn = new Map<number, number>();
  node.groupBy.forEach((g, i) => {
    const aggInKey = findAggregate(g);
    if (aggInKey) {
      throw new AnalysisException(
        'GROUP_BY_AGGREGATE',
        `Aggregate functions are not allowed in GROUP BY, but found ${exprToSQL(aggInKey)}.`,
        {
          messageParameters: { sqlExpr: exprToSQL(aggInKey) },
          sqlState: '42903',
        },
      );
    }
    const rewritten = groupBy[i];
    const bound = bindExpr(rewritten, inSchema, conf);
    keys.push(bound);
    // A column grouped in only some sets reads as NULL in the others (Spark's Expand).
    const nullable =
      bound.nullable || (groupingSets !== undefined && groupingSets.some((s) => !s.includes(i)));
    const target = g.kind === 'alias' ? g.arg : g;
    const rewrittenTarget = rewritten.kind === 'alias' ? rewritten.arg : rewritten;
    const col = passThroughIndex(rewrittenTarget, inSchema, conf);
    // A grouping attribute keeps its metadata (the watermark delay, the window marker).
    const metadata = col >= 0 ? inSchema.fields[col].metadata : {};
    keyFields.push(new StructField(outputName(g), bound.dataType, nullable, metadata));
    // WatermarkSupport: the key that is a watermarked attribute (an alias of one inherits its metadata).
    if (eventTimeKey === undefined && WATERMARK_DELAY_KEY in metadata)
      eventTimeKey = { keyIndex: i, isWindow: bound.dataType instanceof StructType };
    keyMatch.set(exprKey(target, conf.caseSensitive), i);
    if (col >= 0 && !keyColumn.has(col)) keyColumn.set(col, i);
  });

  const calls: AggregateCall[] = [];
  const callIndex = new Map<string, number>();
  const addCall = (c: CallExpr): number => {
    const k = exprKey(c, conf.caseSensitive);
    const known = callIndex.get(k);
    if (known !== undefined) return known;
    calls.push(resolveCall(c, inSchema, conf));
    callIndex.set(k, calls.length - 1);
    return calls.length - 1;
  };

  const rewrite = (e: Expr): Expr => {
    if (isGroupingCall(e)) return groupingExpr(e, node, keyMatch, conf);
    if (isAggregateCall(e)) return ref(AGG_PREFIX + addCall(e));
    const key = keyMatch.get(exprKey(e, conf.caseSensitive));
    if (key !== undefined) return ref(KEY_PREFIX + key);
    if (e.kind === 'column') {
      const col = passThroughIndex(e, inSchema, conf);
      const k = col >= 0 ? keyColumn.get(col) : undefined;
      if (k !== undefined) return ref(KEY_PREFIX + k);
      bindExpr(e, inSchema, conf); // unknown names fail here with UNRESOLVED_COLUMN
      throw missingAggregation(e);
    }
    return mapChildren(e, rewrite);
  };

  const rewritten = node.aggregates.map((a) => ({
    name: outputName(a),
    expr: a.kind === 'alias' ? { ...a, arg: rewrite(a.arg) } : rewrite(a),
  }));
  const bufferSchema = new StructType([
    ...keyFields.map((f, i) => new StructField(KEY_PREFIX + i, f.dataType, f.nullable)),
    ...(groupingSets ? [new StructField(GROUPING_ID, T.long, false)] : []),
    ...calls.map((c, k) => new StructField(AGG_PREFIX + k, c.dataType, c.nullable)),
  ]);
  const bufferConf: ExprConf = { ...conf, caseSensitive: true, sourceText: undefined };
  const results: ProjectItem[] = [];
  const fields: StructField[] = [];
  if (retainGroupColumns) {
    keyFields.forEach((f, i) => {
      results.push({ kind: 'column', index: i });
      fields.push(f);
    });
  }
  for (const r of rewritten) {
    const target = r.expr.kind === 'alias' ? r.expr.arg : r.expr;
    const index = target.kind === 'column' ? bufferSchema.fieldIndex(target.name[0]) : -1;
    if (index >= 0) {
      results.push({ kind: 'column', index });
      const f = bufferSchema.fields[index];
      fields.push(new StructField(r.name, f.dataType, f.nullable));
    } else {
      const bound = bindExpr(r.expr, bufferSchema, bufferConf);
      results.push({ kind: 'expr', expr: bound });
      fields.push(fieldOf(r.name, bound));
    }
  }
  return {
    kind: 'aggregate',
    node,
    input,
    streaming: input.streaming,
    keys,
    aggregates: calls,
    bufferSchema,
    results,
    schema: new StructType(fields),
    ...(groupingSets ? { groupingSets } : {}),
    ...(windowKeys ? { window: windowKeys.window, keyInputSchema: windowKeys.keySchema } : {}),
    ...(eventTimeKey ? { eventTimeKey } : {}),
  };
}

function resolveCall(c: CallExpr, schema: StructType, conf: ExprConf): AggregateCall {
  const sql = exprName(c);
  for (const a of c.args) {
    if (containsAggregate(a)) {
      throw new AnalysisException(
        'NESTED_AGGREGATE_FUNCTION',
        'It is not allowed to use an aggregate function in the argument of another aggregate function. Please use the inner aggregate function in a sub-query.',
        { sqlState: '42607' },
      );
    }
  }
  const isStar = c.args.length === 0 || (c.args.length === 1 && c.args[0].kind === 'star');
  const name = c.name.toLowerCase();
  if (isStar && name === 'count') {
    return {
      args: [],
      distinct: false,
      options: [],
      ...aggregateSignature('count', [], sql, true),
    };
  }
  // first/last take an ignoreNulls flag after the column; other aggregates take only columns.
  // approx_count_distinct takes its relative standard deviation the same way.
  const columnArgs =
    name === 'first' ||
    name === 'last' ||
    name === 'first_value' ||
    name === 'last_value' ||
    name === 'approx_count_distinct'
      ? c.args.slice(0, 1)
      : c.args;
  const options = c.args.slice(columnArgs.length).map((o) => {
    if (o.kind !== 'literal') {
      throw new AnalysisException(
        'NON_FOLDABLE_ARGUMENT',
        `The function \`${name}\` requires the parameter \`ignoreNulls\` to be a foldable expression of the type "BOOLEAN", but the actual argument is a non-foldable.`,
        {
          messageParameters: {
            funcName: '`' + name + '`',
            paramName: '`ignoreNulls`',
            paramType: '"BOOLEAN"',
          },
          sqlState: '42K08',
        },
      );
    }
    return o.value;
  });
  const bound = columnArgs.map((a) => bindExpr(a, schema, conf));
  const sig = aggregateSignature(
    c.name,
    bound.map((b) => b.dataType),
    sql,
    false,
  );
  const args = sig.castArgTo
    ? columnArgs.map((a, i) =>
        bound[i].dataType.equals(sig.castArgTo!)
          ? bound[i]
          : bindExpr({ kind: 'cast', arg: a, to: sig.castArgTo!.simpleString() }, schema, conf),
      )
    : bound;
  return {
    fn: sig.fn,
    args,
    distinct: c.distinct === true,
    options,
    dataType: sig.dataType,
    nullable: sig.nullable,
  };
}

function findAggregate(e: Expr): CallExpr | undefined {
  if (isAggregateCall(e)) return e;
  for (const c of childrenOf(e)) {
    const found = findAggregate(c);
    if (found) return found;
  }
  return undefined;
}

function isGroupingCall(e: Expr): e is CallExpr {
  return (
    e.kind === 'call' &&
    (e.name.toLowerCase() === 'grouping' || e.name.toLowerCase() === 'grouping_id')
  );
}

/**
 * grouping(c) = (gid >> (n-1-i)) & 1 as tinyint; grouping_id(c1..ck) packs the chosen
 * keys' bits, first column most significant (Spark's Grouping / GroupingID, bigint).
 */
function groupingExpr(
  e: CallExpr,
  node: AggregateNode,
  keyMatch: ReadonlyMap<string, number>,
  conf: ExprConf,
): Expr {
  if (node.kind === 'groupBy' && node.groupingSets === undefined) {
    throw new AnalysisException(
      'UNSUPPORTED_GROUPING_EXPRESSION',
      'grouping()/grouping_id() can only be used with GroupingSets/Cube/Rollup.',
      {
        sqlState: '42K0E',
      },
    );
  }
  const n = node.groupBy.length;
  const keyOf = (a: Expr): number => {
    const k = keyMatch.get(exprKey(a, conf.caseSensitive));
    if (k === undefined) {
      throw new AnalysisException(
        'GROUPING_COLUMN_MISMATCH',
        `Column of grouping (${exprToSQL(a)}) can't be found in grouping columns ${node.groupBy.map(exprToSQL).join(',')}.`,
        {
          messageParameters: { grouping: exprToSQL(a) },
          sqlState: '42803',
        },
      );
    }
    return k;
  };
  const bit = (k: number): Expr => ({
    kind: 'binary',
    op: '%',
    left: { kind: 'binary', op: 'div', left: ref(GROUPING_ID), right: lit(2 ** (n - 1 - k)) },
    right: lit(2),
  });
  if (e.name.toLowerCase() === 'grouping')
    return { kind: 'cast', arg: bit(keyOf(e.args[0])), to: 'tinyint' };
  if (e.args.length === 0) return ref(GROUPING_ID);
  const ks = e.args.map(keyOf);
  return ks.reduce<Expr>(
    (acc, k, j) => ({
      kind: 'binary',
      op: '+',
      left: acc,
      right: { kind: 'binary', op: '*', left: bit(k), right: lit(2 ** (ks.length - 1 - j)) },
    }),
    lit(0),
  );
}

function lit(v: number): Expr {
  return { kind: 'literal', value: v, dataType: 'bigint' };
}

function ref(name: string): ColumnExpr {
  return { kind: 'column', name: [name] };
}

function missingAggregation(e: Expr): AnalysisException {
  const sql = exprToSQL(e);
  return new AnalysisException(
    'MISSING_AGGREGATION',
    `The non-aggregating expression "${sql}" is based on columns which are not participating in the GROUP BY clause.\n` +
      `Add the columns or the expression to the GROUP BY, aggregate the expression, or use "any_value(${sql})" if you do not care which of the values within a group is returned.`,
    {
      messageParameters: { expression: `"${sql}"`, expressionAnyValue: `"any_value(${sql})"` },
      sqlState: '42803',
    },
  );
}

/** cube(a, b) = {(a,b), (a), (b), ()}; rollup(a, b) = {(a,b), (a), ()}; explicit sets as given. */
function groupingSetsOf(node: AggregateNode): readonly (readonly number[])[] | undefined {
  if (node.groupingSets) return node.groupingSets;
  const n = node.groupBy.length;
  if (node.kind === 'rollup') return Array.from({ length: n + 1 }, (_, k) => range(n - k));
  if (node.kind === 'cube') {
    const sets: number[][] = [];
    for (let mask = (1 << n) - 1; mask >= 0; mask--)
      sets.push(range(n).filter((i) => (mask & (1 << (n - 1 - i))) !== 0));
    return sets;
  }
  return undefined;
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
