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

/** Session confs the checks read. */
export interface StreamingCheckOptions {
  /**
   * spark.tidemark.sparkCompatible: reject what Spark rejects even where Tidemark can do
   * more. Tidemark computes distinct aggregations (countDistinct) on streams exactly, so by
   * default they are allowed; in compatible mode they fail with Spark's message.
   */
  readonly sparkCompatible?: boolean;
  /** spark.sql.streaming.statefulOperator.checkCorrectness.enabled (default true). */
  readonly checkCorrectness?: boolean;
}

export function checkForStreaming(
  plan: LogicalPlan,
  outputMode: OutputMode,
  resolveTable: ResolveTable = () => undefined,
  options: StreamingCheckOptions = {},
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
        if (options.sparkCompatible === true && node.aggregates.some(hasDistinctAggregate)) {
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
        {
          // Stream–static outer/semi/anti joins where the static side would have to emit rows
          // for stream rows that may still arrive (UnsupportedOperationChecker.checkForStreaming).
          const leftStream = isStreaming(node.left);
          const rightStream = isStreaming(node.right);
          if (node.how === 'left' && !leftStream && rightStream)
            fail(
              'Left outer join with a streaming DataFrame/Dataset on the right and a static DataFrame/Dataset on the left is not supported',
            );
          if (node.how === 'right' && leftStream && !rightStream)
            fail(
              'Right outer join with a streaming DataFrame/Dataset on the left and a static DataFrame/DataSet on the right not supported',
            );
          if (node.how === 'full' && leftStream && !rightStream)
            fail(
              'FullOuter joins with streaming DataFrames/Datasets on the left and a static DataFrame/Dataset on the right is not supported',
            );
          if (node.how === 'full' && !leftStream && rightStream)
            fail(
              'FullOuter joins with streaming DataFrames/Datasets on the right and a static DataFrame/Dataset on the left is not supported',
            );
          if ((node.how === 'left_semi' || node.how === 'left_anti') && !leftStream && rightStream)
            fail(
              `${node.how === 'left_semi' ? 'LeftSemi' : 'LeftAnti'} join with a streaming DataFrame/Dataset on the right and a static DataFrame/Dataset on the left is not supported`,
            );
        }
        // Tidemark runs stream–stream inner joins only; Spark also runs outer/semi joins when
        // watermarks and a range condition bound the nullable side's state.
        if (
          isStreaming(node.left) &&
          isStreaming(node.right) &&
          node.how !== 'inner' &&
          node.how !== 'cross'
        ) {
          fail(
            `Stream-stream ${node.how} join between two streaming DataFrames/Datasets is not supported by Tidemark; only inner joins are`,
          );
        }
        break;
      case 'deduplicate':
        if (node.withinWatermark === true && watermarkedColumns(node.input, children).size === 0) {
          fail(
            'dropDuplicatesWithinWatermark is not supported on streaming DataFrames/DataSets without watermark',
          );
        }
        break;
      default:
        break;
    }
  }
  if (options.checkCorrectness !== false)
    checkGlobalWatermarkLimit(nodes, outputMode, isStreaming, children);
}

/**
 * checkStreamingQueryGlobalWatermarkLimit (Spark 3.4+): a stateful operator above a
 * streaming aggregation, when the mode is not Append, could see the aggregation's output
 * as late rows and drop them under the global watermark.
 */
function checkGlobalWatermarkLimit(
  nodes: readonly LogicalPlan[],
  outputMode: OutputMode,
  isStreaming: (p: LogicalPlan) => boolean,
  children: (p: LogicalPlan) => LogicalPlan[],
): void {
  const isStateful = (p: LogicalPlan): boolean => {
    if (!isStreaming(p)) return false;
    if (p.op === 'aggregate') return true;
    if (p.op === 'join') return isStreaming(p.left) && isStreaming(p.right);
    if (p.op === 'deduplicate') {
      if (p.withinWatermark === true) return true;
      // A Deduplicate counts only when an event-time column is among its keys.
      const wm = watermarkedColumns(p.input, children);
      return p.columns === undefined ? wm.size > 0 : p.columns.some((c) => wm.has(c.toLowerCase()));
    }
    return false;
  };
  const below = (p: LogicalPlan): LogicalPlan[] => children(p).flatMap((c) => [c, ...below(c)]);
  for (const node of nodes) {
    if (!isStateful(node)) continue;
    if (
      below(node).some((p) => p.op === 'aggregate' && isStreaming(p) && outputMode !== 'append')
    ) {
      fail(
        'Detected pattern of possible \'correctness\' issue due to global watermark. The query contains stateful operation which can emit rows older than the current watermark plus allowed late record delay, which are "late rows" in downstream stateful operations and these rows can be discarded. Please refer the programming guide doc for more details. If you understand the possible risk of correctness issue and still need to run the query, you can disable this check by setting the config `spark.sql.streaming.statefulOperator.checkCorrectness.enabled` to false.',
      );
    }
  }
}

/** Names (lower-cased) of the columns withWatermark marked below `p`. */
function watermarkedColumns(
  p: LogicalPlan,
  children: (p: LogicalPlan) => LogicalPlan[],
): Set<string> {
  const out = new Set<string>();
  const walk = (n: LogicalPlan): void => {
    if (n.op === 'watermark') out.add(n.column.toLowerCase());
    for (const c of children(n)) walk(c);
  };
  walk(p);
  return out;
}

/**
 * Whether a grouping expression is the watermarked event-time column, or a window over it
 * (the attribute carrying EventTimeWatermark.delayKey metadata in Spark).
 */
function groupsByWatermarkedColumn(
  agg: AggregateNode,
  children: (p: LogicalPlan) => LogicalPlan[],
): boolean {
  const watermarked = watermarkedColumns(agg.input, children);
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
