/**
 * The planner: analyzed plan → tree of physical operators, wrapped as the PhysicalPlan
 * the micro-batch loop (and the static executor) runs. One operator per resolved node;
 * stateful operators commit their state when a batch succeeds and roll it back when it
 * fails, so a re-run batch starts from the last committed state.
 */
import type { ColumnBatch } from '../batch/column-batch';
import { resolvePlan, type AnalysisSession } from '../plan/analyzer';
import type { LogicalPlan } from '../plan/logical-plan';
import type { ResolvedPlan } from '../plan/resolved-plan';
import type { StructType } from '../types/struct-type';
import { AggregateExec } from './aggregate/aggregate-exec';
import { SessionWindowAggregateExec } from './aggregate/session-window-exec';
import { DeduplicateExec } from './deduplicate';
import { FilterExec } from './filter';
import { JoinExec } from './join';
import { LimitExec, StreamingLimitExec } from './limit';
import { NaDropExec } from './na-drop';
import { NaFillExec } from './na-fill';
import { isStateful, type ExecContext, type Operator, type StatefulOperator } from './operator';
import type { BatchContext, BatchResult, OutputMode, PhysicalPlan, StatefulOperatorEntry } from './physical-plan';
import type { OperatorLateData } from './late-data-recorder';
import { ProjectExec } from './project';
import { LocalScanExec, MemoryTableScanExec, ScanExec } from './scan';
import { SortExec } from './sort';
import { StreamStreamJoinExec } from './stream-stream-join';
import { UnionExec } from './union';
import { WatermarkExec } from './watermark';

export interface CompileOptions {
  /** Data of static sources inside a streaming plan (stream–static joins), by source id: see loadStaticInputs. */
  readonly staticInputs?: ReadonlyMap<string, ColumnBatch>;
}

export function compilePlan(
  plan: LogicalPlan,
  session: AnalysisSession,
  options: CompileOptions = {},
): PhysicalPlan {
  const resolved = resolvePlan(plan, session);
  const { ansi, caseSensitive } = session.exprConf();
  const stateful: StatefulOperator[] = [];
  const preorder: { position: number; operator: StatefulOperator }[] = [];
  const watermarks: WatermarkExec[] = [];
  const sourceIds: string[] = [];
  let visited = 0;
  const build = (r: ResolvedPlan): Operator => {
    // Numbered on the way down, so ids follow Spark's: IncrementalExecution's state rule
    // transforms top-down and gives each stateful operator the next operatorId.
    const position = visited++;
    const op = operatorFor(r, build, { ansi, caseSensitive }, watermarks.length, options);
    if (op instanceof WatermarkExec) watermarks.push(op);
    if (isStateful(op)) {
      stateful.push(op);
      preorder.push({ position, operator: op });
    }
    if (
      r.kind === 'scan' &&
      (r.source.streaming || !resolved.streaming) &&
      !sourceIds.includes(r.source.id)
    )
      sourceIds.push(r.source.id);
    return op;
  };
  const root = build(resolved);
  // Spark 3.4+ (allowMultiple, the default) drops late rows against the previous batch's watermark.
  const allowMultiple =
    session.conf.get('spark.sql.streaming.statefulOperator.allowMultiple', 'true') !== 'false';
  const statefulOperators = preorder
    .sort((a, b) => a.position - b.position)
    .map(({ operator }, operatorId) => ({ operatorId, operator }));
  return new CompiledPlan(root, resolved.schema, sourceIds, stateful, watermarks, allowMultiple, statefulOperators);
}

function operatorFor(
  r: ResolvedPlan,
  build: (r: ResolvedPlan) => Operator,
  { ansi, caseSensitive }: { readonly ansi: boolean; readonly caseSensitive: boolean },
  watermarkIndex: number,
  options: CompileOptions,
): Operator {
  switch (r.kind) {
    case 'scan':
      return new ScanExec(
        r.source.id,
        r.schema,
        r.source.streaming ? undefined : options.staticInputs?.get(r.source.id),
      );
    case 'local':
      return new LocalScanExec(r.schema, r.rows);
    case 'memoryTable':
      return new MemoryTableScanExec(r.schema, r.provider);
    case 'project':
      return new ProjectExec(build(r.input), r.items, r.schema);
    case 'filter':
      return new FilterExec(build(r.input), r.condition, r.schema);
    case 'naDrop':
      return new NaDropExec(build(r.input), r.columns, r.minNonNulls, r.schema);
    case 'naFill':
      return new NaFillExec(build(r.input), r.fills, r.schema);
    case 'aggregate':
      if (r.window?.kind === 'session') {
        return new SessionWindowAggregateExec(
          build(r.input),
          { ...r, window: r.window, keyInputSchema: r.keyInputSchema! },
          r.schema,
          { ansi },
        );
      }
      return new AggregateExec(build(r.input), r, r.schema, { ansi });
    case 'watermark':
      return new WatermarkExec(build(r.input), r.columnIndex, r.delayUs, watermarkIndex, r.schema);
    case 'sort':
      return new SortExec(build(r.input), r.orders, r.schema);
    case 'limit':
      return r.streaming
        ? new StreamingLimitExec(build(r.input), r.n, r.schema)
        : new LimitExec(build(r.input), r.n, r.schema);
    case 'deduplicate':
      return new DeduplicateExec(build(r.input), r, r.schema);
    case 'union':
      return new UnionExec(r.inputs.map(build), r.schema);
    case 'join':
      // Both sides streaming: the stateful symmetric hash join (StreamingSymmetricHashJoinExec).
      if (r.left.streaming && r.right.streaming) {
        const conditionAst = r.node.op === 'join' ? r.node.condition : undefined;
        return new StreamStreamJoinExec(
          build(r.left),
          build(r.right),
          { ...r, ...(conditionAst ? { conditionAst } : {}), caseSensitive },
          r.schema,
        );
      }
      return new JoinExec(build(r.left), build(r.right), r, r.schema);
  }
}

class CompiledPlan implements PhysicalPlan {
  readonly hasWatermark: boolean;
  readonly isStateful: boolean;
  /** Watermark the last successful batch ran with: the next batch's watermark for late events. */
  private previousWatermarkUs = 0;
  private readonly stateful: readonly StatefulOperator[];
  private tracing = false;

  constructor(
    private readonly root: Operator,
    readonly outputSchema: StructType,
    readonly sourceIds: readonly string[],
    /** In build (post) order; progress lists them parent first, as Spark's executedPlan.collect. */
    statefulPostOrder: readonly StatefulOperator[],
    private readonly watermarks: readonly WatermarkExec[],
    private readonly allowMultiple: boolean,
    readonly statefulOperators: readonly StatefulOperatorEntry[],
  ) {
    this.hasWatermark = watermarks.length > 0;
    this.stateful = [...statefulPostOrder].reverse();
    this.isStateful = this.stateful.length > 0;
  }

  runBatch(inputs: ReadonlyMap<string, ColumnBatch>, ctx: BatchContext): BatchResult {
    const exec: ExecContext = {
      ...ctx,
      inputs,
      evalContext: { batchTimestampUs: ctx.batchTimestampUs },
      // WatermarkPropagator: PropagateWatermarkSimulator (batch N−1) or UseSingleWatermarkPropagator (batch N).
      lateWatermarkUs: this.allowMultiple
        ? (ctx.lateEventsWatermarkUs ?? this.previousWatermarkUs)
        : ctx.watermarkUs,
    };
    let output: ColumnBatch;
    try {
      output = this.root.execute(exec);
    } catch (e) {
      for (const op of this.stateful) op.abort();
      throw e;
    }
    this.previousWatermarkUs = ctx.watermarkUs;
    const lateData = this.tracing ? this.collectLateData() : undefined;
    return {
      output: output.schema === this.outputSchema ? output : output.withSchema(this.outputSchema),
      eventTime: this.watermarks.map((w) => w.stats()),
      stateOperators: this.stateful.map((op) => op.commit(ctx.batchId)),
      ...(lateData ? { lateData } : {}),
    };
  }

  setLateDataTracing(on: boolean): void {
    this.tracing = on;
    for (const op of this.stateful) op.setTracing?.(on);
  }

  private collectLateData(): OperatorLateData[] {
    const out: OperatorLateData[] = [];
    for (const op of this.stateful) {
      const d = op.lateData?.();
      if (d) out.push(d);
    }
    return out;
  }

  needsNoDataBatch(nextWatermarkUs: number, outputMode: OutputMode): boolean {
    return this.stateful.some((op) => op.needsNoDataBatch(nextWatermarkUs, outputMode));
  }
}
