/**
 * "A plan written in code opens as nodes": plan JSON (from the TypeScript API's
 * `df.planJSON()`, a saved workspace, the PySpark-equivalent builder calls) rebuilt as the
 * QueryDraft steps the form and the builder edit. Expressions become Spark SQL text with
 * exprToSQL, which parses back to the same expression, so draft → plan → draft → plan is
 * the identity on plans.
 *
 * A draft is a linear chain over one streaming file source; the only branch it has is a
 * join with static reference data (files or inline rows). Anything else — unions, sorts,
 * limits, temp views, a stream–stream join, grouping sets a draft cannot say — comes back
 * as a reason naming the operator, so the code view can tell the user why.
 */
import { exprToSQL, quoteIfNeeded, sqlString } from '../expr/expr-sql';
import type { Expr } from '../expr/ast';
import { referencedColumns } from '../expr/referenced-columns';
import type {
  AggregateNode,
  JoinNode,
  LogicalPlan,
  NaFillNode,
  SourceNode,
} from '../plan/logical-plan';
import { planFromJSON } from '../plan/plan-json';
import { toStructType } from '../types/ddl';
import type { DraftFromPlan, DraftStep, JoinReference, SourceSetup } from './protocol';

/** Thrown inside the walk; becomes `{ ok: false, reason }`. */
class NotADraft extends Error {}

export function draftFromPlan(json: unknown): DraftFromPlan {
  let plan: LogicalPlan;
  try {
    // A bare plan node is taken as version-1 plan JSON.
    const doc =
      typeof json === 'object' && json !== null && 'op' in json ? { version: 1, plan: json } : json;
    plan = planFromJSON(doc);
  } catch (e) {
    return { ok: false, reason: e instanceof Error ? e.message : String(e) };
  }
  try {
    const steps: DraftStep[] = [];
    const source = walk(plan, steps);
    return { ok: true, source, steps: steps.reverse() };
  } catch (e) {
    if (e instanceof NotADraft) return { ok: false, reason: e.message };
    throw e;
  }
}

function refuse(reason: string): never {
  throw new NotADraft(reason);
}

/** Pushes the steps from the top of the chain down (reversed by the caller); returns the source. */
function walk(p: LogicalPlan, out: DraftStep[]): SourceSetup {
  switch (p.op) {
    case 'source':
      if (!p.streaming)
        refuse(
          'The query reads a static source (spark.read); a draft reads a stream (spark.readStream).',
        );
      return sourceSetup(p);
    case 'filter':
      out.push({ kind: 'filter', condition: exprToSQL(p.condition) });
      return walk(p.input, out);
    case 'project':
      out.push({ kind: 'select', exprs: p.exprs.map(exprToSQL) });
      return walk(p.input, out);
    case 'withColumns': {
      // withColumns evaluates every expression against its input; as separate withColumn
      // steps a later one would see an earlier new column, so that case cannot be split.
      for (const [i, e] of p.exprs.entries()) {
        const reads = referencedColumns(e).map((parts) => parts[0]?.toLowerCase());
        if (p.names.slice(0, i).some((n) => reads.includes(n.toLowerCase())))
          refuse(
            `withColumns sets ${p.names.join(', ')} at once and '${p.names[i]}' reads another of them; split it into withColumn calls.`,
          );
      }
      for (let i = p.names.length - 1; i >= 0; i--)
        out.push({ kind: 'withColumn', name: p.names[i], expr: exprToSQL(p.exprs[i]) });
      return walk(p.input, out);
    }
    case 'withColumnsRenamed': {
      const froms = p.renames.map(([from]) => from.toLowerCase());
      if (p.renames.some(([, to], i) => froms.slice(i + 1).includes(to.toLowerCase())))
        refuse(
          'withColumnsRenamed renames a column into another renamed one; rename them one by one.',
        );
      for (let i = p.renames.length - 1; i >= 0; i--)
        out.push({ kind: 'rename', from: p.renames[i][0], to: p.renames[i][1] });
      return walk(p.input, out);
    }
    case 'drop':
      out.push({ kind: 'drop', columns: [...p.columns] });
      return walk(p.input, out);
    case 'naDrop':
      out.push({
        kind: 'naDrop',
        how: p.how,
        thresh: p.thresh ?? null,
        subset: [...(p.subset ?? [])],
      });
      return walk(p.input, out);
    case 'naFill':
      out.push({ kind: 'naFill', value: fillText(p.value), subset: [...(p.subset ?? [])] });
      return walk(p.input, out);
    case 'watermark':
      out.push({ kind: 'watermark', column: p.column, delay: p.delay });
      return walk(p.input, out);
    case 'deduplicate':
      if (p.withinWatermark === true)
        refuse('dropDuplicatesWithinWatermark has no draft step yet; keep it in code.');
      out.push({ kind: 'dropDuplicates', columns: [...(p.columns ?? [])] });
      return walk(p.input, out);
    case 'aggregate':
      out.push(aggregateStep(p));
      return walk(p.input, out);
    case 'join': {
      out.push(joinStep(p));
      return walk(p.left, out);
    }
    case 'localRelation':
      return refuse('The query reads inline rows; a draft reads a folder as a stream.');
    case 'table':
      return refuse(`The query reads the table '${p.name}'; a draft reads a folder as a stream.`);
    case 'sort':
      return refuse(
        'orderBy/sort has no draft step (on a stream Spark allows it only after an aggregation in complete mode); keep it in code.',
      );
    case 'limit':
      return refuse('limit has no draft step; keep it in code.');
    case 'union':
      return refuse('union reads more than one input; a draft is a single chain over one source.');
  }
}

function sourceSetup(p: SourceNode): SourceSetup {
  if (p.path === undefined) refuse(`The source '${p.format}' has no folder; a draft reads files.`);
  return { path: p.path, format: p.format, schema: p.schema ?? null, options: { ...p.options } };
}

/** na.fill's value as the form types it: a Spark SQL literal. */
function fillText(value: NaFillNode['value']): string {
  if (typeof value === 'object')
    refuse('na.fill with a {column: value} map has no draft step; use one fill per value.');
  if (typeof value === 'string') return sqlString(value);
  return String(value);
}

/** count(1) AS count: what GroupedData.count() adds, an empty aggregate list in a draft. */
function isCountStar(aggs: readonly Expr[]): boolean {
  if (aggs.length !== 1) return false;
  const a = aggs[0];
  return (
    a.kind === 'alias' &&
    a.name === 'count' &&
    a.arg.kind === 'call' &&
    a.arg.name === 'count' &&
    a.arg.args.length === 1 &&
    a.arg.args[0].kind === 'literal' &&
    a.arg.args[0].value === 1
  );
}

function aggregateStep(p: AggregateNode): DraftStep {
  if (p.groupingSets !== undefined)
    refuse('GROUPING SETS has no draft step (groupBy, cube and rollup do); keep it in code.');
  const keys = p.groupBy.map(exprToSQL);
  const aggs = isCountStar(p.aggregates) ? [] : p.aggregates.map(exprToSQL);
  return { kind: p.kind, keys, aggs };
}

function joinStep(p: JoinNode): DraftStep {
  const right = referenceOf(p.right);
  return {
    kind: 'join',
    right,
    on: [...(p.using ?? [])],
    condition: p.condition === undefined ? '' : exprToSQL(p.condition),
    how: p.how,
  };
}

/** The join's right side: static files or inline rows, nothing derived from them. */
function referenceOf(p: LogicalPlan): JoinReference {
  if (p.op === 'localRelation')
    return {
      kind: 'rows',
      schema: plainDDL(toStructType(p.schema as object).toDDL()),
      rows: p.rows,
    };
  if (p.op === 'source') {
    if (p.streaming)
      refuse('The query joins two streams; a draft joins a stream with static reference data.');
    return { kind: 'files', source: sourceSetup(p) };
  }
  return refuse(
    `The join's reference side is computed (${p.op}); a draft joins files or inline rows as they are.`,
  );
}

/** toDDL back-quotes every name; the builder shows them as typed (`device STRING`). */
function plainDDL(ddl: string): string {
  return ddl.replace(/`((?:[^`]|``)*)`/g, (_m, name: string) =>
    quoteIfNeeded(name.replace(/``/g, '`')),
  );
}
