/**
 * The analyzer: gives every LogicalPlan node its output schema and binds its expressions
 * (ResolvedPlan), failing with Spark's error classes where Spark's Analyzer and
 * CheckAnalysis do. Like Spark's Dataset, the DataFrame API analyzes each new node as it
 * is built, so a wrong column name fails at `select`, not at `start()`.
 *
 * Results are cached per plan node object, keyed by the settings that change binding
 * (case sensitivity, ANSI, time zone) and the catalog version (views can be replaced).
 */
import { toSQLType } from '../expr/expr-errors';
import { AnalysisException } from '../errors';
import { bindExpr, exprToSQL, type ExprConf } from '../expr/index';
import { declaredSchema, schemaRequiredError } from '../io/sources/source-schema';
import { TimestampType } from '../types/data-types';
import { toStructType } from '../types/ddl';
import { StructField, StructType } from '../types/struct-type';
import type { Catalog } from './catalog';
import type {
  FilterNode,
  LogicalPlan,
  SortNode,
  WatermarkNode,
  DeduplicateNode,
  LimitNode,
} from './logical-plan';
import { containsAggregate, isAggregateCall, resolveAggregate } from './resolve-aggregate';
import { resolveColumnIndex, findColumnIndex } from './resolve-columns';
import { resolveJoin } from './resolve-join';
import { resolveNaDrop, resolveNaFill } from './resolve-na';
import {
  resolveDrop,
  resolveProject,
  resolveRename,
  resolveWithColumns,
} from './resolve-projection';
import { resolveUnion } from './resolve-union';
import { resolvedInputs, type ResolvedPlan, type SortKey } from './resolved-plan';
import type { RuntimeConfig } from './runtime-config';
import { parseWatermarkDelayUs } from './watermark-delay';
import { anyNode } from './expr-rewrite';
import { WATERMARK_DELAY_KEY } from './resolve-time-window';

/** What the analyzer needs from a Session (Session satisfies it). */
export interface AnalysisSession {
  readonly catalog: Catalog;
  readonly conf: RuntimeConfig;
  exprConf(): ExprConf;
}

export { WATERMARK_DELAY_KEY };

interface Cache {
  key: string;
  nodes: WeakMap<LogicalPlan, ResolvedPlan>;
}
const caches = new WeakMap<AnalysisSession, Cache>();

function cacheFor(session: AnalysisSession, conf: ExprConf): WeakMap<LogicalPlan, ResolvedPlan> {
  const key = `${conf.caseSensitive}|${conf.ansi}|${conf.timeZone}|${session.catalog.version}|${session.conf.get('spark.sql.retainGroupColumns')}`;
  let c = caches.get(session);
  if (!c || c.key !== key) {
    c = { key, nodes: new WeakMap() };
    caches.set(session, c);
  }
  return c.nodes;
}

/**
 * Which nodes `sourceText` (the text expressions were parsed from, for error positions)
 * belongs to: only the new root node (DataFrame methods taking SQL text), or the whole
 * tree (`spark.sql`, where every node comes from one statement).
 */
export type SourceTextScope = 'node' | 'tree';

/** The output schema of `plan`. */
export function analyzePlan(
  plan: LogicalPlan,
  session: AnalysisSession,
  sourceText?: string,
  scope: SourceTextScope = 'node',
): StructType {
  return resolvePlan(plan, session, sourceText, scope).schema;
}

/** The analyzed plan (cached). */
export function resolvePlan(
  plan: LogicalPlan,
  session: AnalysisSession,
  sourceText?: string,
  scope: SourceTextScope = 'node',
): ResolvedPlan {
  const conf = session.exprConf();
  const cache = cacheFor(session, conf);
  const resolve = (
    p: LogicalPlan,
    text: string | undefined,
    views: readonly string[],
  ): ResolvedPlan => {
    const hit = cache.get(p);
    if (hit) return hit;
    const childText = scope === 'tree' ? text : undefined;
    const r = resolveNode(
      p,
      text === undefined ? conf : { ...conf, sourceText: text },
      (child) => resolve(child, childText, views),
      session,
      views,
      resolve,
    );
    cache.set(p, r);
    return r;
  };
  return resolve(plan, sourceText, []);
}

type Resolve = (p: LogicalPlan, text: string | undefined, views: readonly string[]) => ResolvedPlan;

function resolveNode(
  p: LogicalPlan,
  conf: ExprConf,
  child: (p: LogicalPlan) => ResolvedPlan,
  session: AnalysisSession,
  views: readonly string[],
  resolve: Resolve,
): ResolvedPlan {
  switch (p.op) {
    case 'source': {
      const schema = declaredSchema(p);
      if (schema === undefined) throw schemaRequiredError();
      return { kind: 'scan', node: p, source: p, schema, streaming: p.streaming };
    }
    case 'localRelation':
      return {
        kind: 'local',
        node: p,
        rows: p.rows,
        schema: toStructType(p.schema as object),
        streaming: false,
      };
    case 'table': {
      const entry = session.catalog.lookup(p.name);
      if (entry === undefined) throw tableNotFound(p.name);
      if (entry.kind === 'memory') {
        return {
          kind: 'memoryTable',
          node: p,
          name: entry.name,
          provider: entry.provider,
          schema: entry.provider.schema,
          streaming: false,
        };
      }
      const key = entry.name.toLowerCase();
      if (views.includes(key)) {
        throw new AnalysisException(
          'RECURSIVE_VIEW',
          `Recursive view \`${entry.name}\` detected (cycle: ${[...views, key].join(' -> ')}).`,
          {
            sqlState: '42K0H',
          },
        );
      }
      return resolve(entry.plan, undefined, [...views, key]);
    }
    case 'project':
      return resolveProject(p, child(p.input), conf);
    case 'withColumns':
      return resolveWithColumns(p, child(p.input), conf);
    case 'withColumnsRenamed':
      return resolveRename(p, child(p.input), conf);
    case 'drop':
      return resolveDrop(p, child(p.input), conf);
    case 'filter':
      return resolveFilter(p, child(p.input), conf);
    case 'naDrop':
      return resolveNaDrop(p, child(p.input), conf);
    case 'naFill':
      return resolveNaFill(p, child(p.input), conf);
    case 'aggregate':
      return resolveAggregate(
        p,
        child(p.input),
        conf,
        session.conf.get('spark.sql.retainGroupColumns') !== 'false',
      );
    case 'watermark':
      return resolveWatermark(p, child(p.input), conf);
    case 'sort':
      return resolveSort(p, child(p.input), conf);
    case 'limit':
      return resolveLimit(p, child(p.input));
    case 'deduplicate':
      return resolveDeduplicate(p, child(p.input), conf);
    case 'union':
      return resolveUnion(p, p.inputs.map(child), conf);
    case 'join':
      return resolveJoin(p, child(p.left), child(p.right), conf);
  }
}

function resolveFilter(node: FilterNode, input: ResolvedPlan, conf: ExprConf): ResolvedPlan {
  if (containsAggregate(node.condition)) {
    const sql = exprToSQL(node.condition);
    const aggs: string[] = [];
    anyNode(node.condition, (e) => (isAggregateCall(e) && aggs.push(exprToSQL(e)), false));
    throw new AnalysisException(
      'INVALID_WHERE_CONDITION',
      `The WHERE condition "${sql}" contains invalid expressions: ${aggs.join(', ')}.\nRewrite the query to avoid window functions, aggregate functions, and generator functions in the WHERE clause.`,
      {
        messageParameters: { condition: `"${sql}"`, expressionList: aggs.join(', ') },
        sqlState: '42903',
      },
    );
  }
  const condition = bindExpr(node.condition, input.schema, conf);
  if (condition.dataType.typeName !== 'boolean') {
    const sql = exprToSQL(node.condition);
    const type = toSQLType(condition.dataType);
    throw new AnalysisException(
      'DATATYPE_MISMATCH.FILTER_NOT_BOOLEAN',
      `Cannot resolve "${sql}" due to data type mismatch: Filter expression "${sql}" of type ${type} is not a boolean.`,
      {
        messageParameters: { sqlExpr: `"${sql}"`, filter: `"${sql}"`, type },
        sqlState: '42K09',
      },
    );
  }
  return {
    kind: 'filter',
    node,
    input,
    condition,
    schema: input.schema,
    streaming: input.streaming,
  };
}

/**
 * withWatermark: the event-time column is marked with its delay in the field metadata, as
 * Spark does (and only that column). On a batch DataFrame it is a no-op.
 */
function resolveWatermark(node: WatermarkNode, input: ResolvedPlan, conf: ExprConf): ResolvedPlan {
  const delayUs = parseWatermarkDelayUs(node.delay);
  if (!input.streaming) return input;
  const columnIndex = resolveColumnIndex(input.schema, node.column, conf);
  const field = input.schema.fields[columnIndex];
  if (!(field.dataType instanceof TimestampType)) {
    const type = toSQLType(field.dataType);
    throw new AnalysisException(
      'EVENT_TIME_IS_NOT_ON_TIMESTAMP_TYPE',
      `The event time \`${field.name}\` has the invalid type ${type}, but expected "TIMESTAMP".`,
      {
        messageParameters: { eventName: '`' + field.name + '`', eventType: type },
        sqlState: '42K09',
      },
    );
  }
  const fields = input.schema.fields.map((f, i) => {
    const { [WATERMARK_DELAY_KEY]: _dropped, ...rest } = f.metadata;
    const metadata =
      i === columnIndex ? { ...rest, [WATERMARK_DELAY_KEY]: Math.floor(delayUs / 1000) } : rest;
    return new StructField(f.name, f.dataType, f.nullable, metadata);
  });
  return {
    kind: 'watermark',
    node,
    input,
    columnIndex,
    delayUs,
    schema: new StructType(fields),
    streaming: true,
  };
}

function resolveSort(node: SortNode, input: ResolvedPlan, conf: ExprConf): ResolvedPlan {
  const orders: SortKey[] = node.orders.map((o) =>
    o.kind === 'sortOrder'
      ? {
          expr: bindExpr(o.arg, input.schema, conf),
          ascending: o.ascending,
          nullsFirst: o.nullsFirst,
        }
      : { expr: bindExpr(o, input.schema, conf), ascending: true, nullsFirst: true },
  );
  return { kind: 'sort', node, input, orders, schema: input.schema, streaming: input.streaming };
}

function resolveLimit(node: LimitNode, input: ResolvedPlan): ResolvedPlan {
  if (!Number.isInteger(node.n) || node.n < 0) {
    throw new AnalysisException(
      'INVALID_LIMIT_LIKE_EXPRESSION.IS_NEGATIVE',
      `The limit like expression "${node.n}" is invalid. The limit expression must be equal to or greater than 0, but got ${node.n}.`,
      {
        messageParameters: { name: 'limit', expr: `"${node.n}"`, v: String(node.n) },
        sqlState: '42K0E',
      },
    );
  }
  return {
    kind: 'limit',
    node,
    input,
    n: node.n,
    schema: input.schema,
    streaming: input.streaming,
  };
}

function resolveDeduplicate(
  node: DeduplicateNode,
  input: ResolvedPlan,
  conf: ExprConf,
): ResolvedPlan {
  const names = input.schema.names;
  const keyColumns = node.columns
    ? node.columns.map((c) => {
        const i = findColumnIndex(input.schema, c, conf.caseSensitive);
        if (i < 0) {
          throw new AnalysisException(
            '_LEGACY_ERROR_TEMP_1201',
            `Cannot resolve column name "${c}" among (${names.join(', ')}).`,
            {
              messageParameters: { colName: c, fieldNames: names.join(', ') },
            },
          );
        }
        return i;
      })
    : names.map((_, i) => i);
  // WatermarkSupport: the child attribute carrying the watermark delay, if any.
  const eventTimeColumn = input.streaming
    ? input.schema.fields.findIndex((f) => WATERMARK_DELAY_KEY in f.metadata)
    : -1;
  const eventTime =
    eventTimeColumn < 0
      ? {}
      : {
          eventTimeColumn,
          eventTimeDelayUs:
            Number(input.schema.fields[eventTimeColumn].metadata[WATERMARK_DELAY_KEY]) * 1000,
          eventTimeInKey: keyColumns.includes(eventTimeColumn),
        };
  return {
    kind: 'deduplicate',
    node,
    input,
    keyColumns,
    ...eventTime,
    withinWatermark: node.withinWatermark === true,
    schema: input.schema,
    streaming: input.streaming,
  };
}

function tableNotFound(name: string): AnalysisException {
  return new AnalysisException(
    'TABLE_OR_VIEW_NOT_FOUND',
    `The table or view \`${name}\` cannot be found. Verify the spelling and correctness of the schema and catalog.\n` +
      'If you did not qualify the name with a schema, verify the current_schema() output, or qualify the name with the correct schema and catalog.\n' +
      'To tolerate the error on drop use DROP VIEW IF EXISTS or DROP TABLE IF EXISTS.',
    { messageParameters: { relationName: '`' + name + '`' }, sqlState: '42P01' },
  );
}

/** True when the plan reads a streaming source (Dataset.isStreaming). */
export function isStreamingPlan(plan: LogicalPlan): boolean {
  if (plan.op === 'source') return plan.streaming;
  if (plan.op === 'localRelation' || plan.op === 'table') return false;
  if (plan.op === 'join') return isStreamingPlan(plan.left) || isStreamingPlan(plan.right);
  if (plan.op === 'union') return plan.inputs.some(isStreamingPlan);
  return isStreamingPlan(plan.input);
}

/** An Aggregate (or distinct/dropDuplicates, Spark's streaming Distinct) over a streaming input. */
export function hasStreamingAggregation(plan: LogicalPlan): boolean {
  if (plan.op === 'aggregate' && isStreamingPlan(plan.input)) return true;
  if (plan.op === 'source' || plan.op === 'localRelation' || plan.op === 'table') return false;
  if (plan.op === 'join')
    return hasStreamingAggregation(plan.left) || hasStreamingAggregation(plan.right);
  if (plan.op === 'union') return plan.inputs.some(hasStreamingAggregation);
  return hasStreamingAggregation(plan.input);
}

/** A withWatermark node over a streaming input. */
export function hasWatermark(plan: LogicalPlan): boolean {
  if (plan.op === 'watermark' && isStreamingPlan(plan.input)) return true;
  if (plan.op === 'source' || plan.op === 'localRelation' || plan.op === 'table') return false;
  if (plan.op === 'join') return hasWatermark(plan.left) || hasWatermark(plan.right);
  if (plan.op === 'union') return plan.inputs.some(hasWatermark);
  return hasWatermark(plan.input);
}

/** Every resolved node, depth first (planner and explain). */
export function walkResolved(r: ResolvedPlan, visit: (r: ResolvedPlan) => void): void {
  visit(r);
  for (const c of resolvedInputs(r)) walkResolved(c, visit);
}
