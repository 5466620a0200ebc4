/**
 * The start-time checks of Spark's UnsupportedOperationChecker.checkForStreaming
 * (sql/catalyst/.../analysis/UnsupportedOperationChecker.scala), on Tidemark's logical
 * plan: output-mode rules against the first streaming aggregation, and the operations a
 * streaming plan may not contain. Failures are AnalysisExceptions with Spark's legacy class
 * (_LEGACY_ERROR_TEMP_3102, whose message is the text alone) and Spark's wording.
 *
 * Temp views (`table` nodes) are expanded through `resolveTable`, so a view over a stream
 * counts as streaming, as the analyzed plan does in Spark.
 */
import { AnalysisException } from '../errors';
import type { OutputMode } from '../exec/physical-plan';
import { childrenOf, type Expr } from '../expr/ast';
import { inputsOf, type AggregateNode, type LogicalPlan } from '../plan/logical-plan';

export type ResolveTable = (name: string) => LogicalPlan | undefined;

const MODE_NAME: Readonly<Record<OutputMode, string>> = {
  append: 'Append',
  complete: 'Complete',
  update: 'Update',
};

function fail(message: string): never {
  throw new AnalysisException('_LEGACY_ERROR_TEMP_3102', message, {
    messageParameters: { msg: message },
  });
}

export function checkForStreaming(
  plan: LogicalPlan,
  outputMode: OutputMode,
  resolveTable: ResolveTable = () => undefined,
): void {
  const children = (p: LogicalPlan): LogicalPlan[] => {
    if (p.op === 'table') {
      const view = resolveTable(p.name);
      return view === undefined ? [] : [view];
    }
    return inputsOf(p);
  };
  const streamingCache = new Map<LogicalPlan, boolean>();
  const isStreaming = (p: LogicalPlan): boolean => {
    let s = streamingCache.get(p);
    if (s === undefined) {
      s = p.op === 'source' ? p.streaming : children(p).some(isStreaming);
      streamingCache.set(p, s);
    }
    return s;
  };
  const collect = (p: LogicalPlan, out: LogicalPlan[]): LogicalPlan[] => {
    out.push(p);
    for (const c of children(p)) collect(c, out);
    return out;
  };
  const nodes = collect(plan, []);
  const aggregates = nodes.filter(
    (n): n is AggregateNode => n.op === 'aggregate' && isStreaming(n),
  );
  const hasCompleteData = (p: LogicalPlan): boolean =>
    outputMode === 'complete' && collect(p, []).some((n) => n.op === 'aggregate' && isStreaming(n));

  // Output-mode rules, against the first (outermost) streaming aggregation.
  if (
    outputMode === 'append' &&
    aggregates.length > 0 &&
    !groupsByWatermarkedColumn(aggregates[0], children)
  ) {
    fail(
      'Append output mode not supported when there are streaming aggregations on streaming DataFrames/DataSets without watermark',
    );
  }
  if (outputMode === 'complete' && aggregates.length === 0) {
    fail(
      'Complete output mode not supported when there are no streaming aggregations on streaming DataFrames/Datasets',
    );
  }
  if (
    outputMode === 'update' &&
    aggregates.some((a) => a.groupBy.some((e) => callsFunction(e, 'session_window')))
  ) {
    fail('Update output mode not supported for session window on streaming DataFrames/DataSets');
  }

  for (const node of nodes) {
    if (!isStreaming(node)) continue;
    switch (node.op) {
      case 'aggregate':
        if (node.aggregates.some(hasDistinctAggregate)) {
          fail(
            'Distinct aggregations are not supported on streaming DataFrames/Datasets. Consider using approx_count_distinct() instead.',
          );
        }
        break;
      case 'sort':
        if (!hasCompleteData(node.input)) {
          fail(
            'Sorting is not supported on streaming DataFrames/Datasets, unless it is on aggregated DataFrame/Dataset in Complete output mode',
          );
        }
        break;
      case 'limit':
        if (outputMode === 'update')
          fail('Limits are not supported on streaming DataFrames/Datasets in Update output mode');
        break;
      case 'union':
        if (node.inputs.some((i) => !isStreaming(i)))
          fail('Union between streaming and batch DataFrames/Datasets is not supported');
        break;
      case 'join':
        if (isStreaming(node.left) && isStreaming(node.right) && outputMode !== 'append') {
          fail(
            `Join between two streaming DataFrames/Datasets is not supported in ${MODE_NAME[outputMode]} output mode, only in Append output mode`,
          );
        }
        break;
      default:
        break;
    }
  }
}

/**
 * Whether a grouping expression is the watermarked event-time column, or a window over it
 * (the attribute carrying EventTimeWatermark.delayKey metadata in Spark).
 */
function groupsByWatermarkedColumn(
  agg: AggregateNode,
  children: (p: LogicalPlan) => LogicalPlan[],
): boolean {
  const watermarked = new Set<string>();
  const walk = (p: LogicalPlan): void => {
    if (p.op === 'watermark') watermarked.add(p.column.toLowerCase());
    for (const c of children(p)) walk(c);
  };
  walk(agg.input);
  if (watermarked.size === 0) return false;
  const refersToWatermark = (e: Expr): boolean => {
    if (e.kind === 'alias') return refersToWatermark(e.arg);
    if (e.kind === 'column') return watermarked.has(e.name[e.name.length - 1].toLowerCase());
    if (
      e.kind === 'call' &&
      ['window', 'session_window', 'window_time'].includes(e.name.toLowerCase())
    ) {
      return e.args.length > 0 && refersToWatermark(e.args[0]);
    }
    return false;
  };
  return agg.groupBy.some(refersToWatermark);
}

function hasDistinctAggregate(e: Expr): boolean {
  if (e.kind === 'call') {
    const name = e.name.toLowerCase();
    if (
      e.distinct === true ||
      name === 'count_distinct' ||
      name === 'countdistinct' ||
      name === 'sum_distinct' ||
      name === 'sumdistinct'
    ) {
      return true;
    }
  }
  return childrenOf(e).some(hasDistinctAggregate);
}

function callsFunction(e: Expr, name: string): boolean {
  if (e.kind === 'call' && e.name.toLowerCase() === name) return true;
  return childrenOf(e).some((c) => callsFunction(c, name));
}
