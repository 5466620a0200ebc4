/**
 * Runs a static (batch) query: reads every file source in full (readStaticFiles), then
 * runs the compiled plan once as a single batch whose aggregates emit all their groups.
 * A plan with a streaming source is refused as Spark's checkForBatch does.
 */
import type { ColumnBatch } from '../batch/column-batch';
import { readKafkaBatch } from '../io/sources/kafka/kafka-batch-read';
import { readStaticFiles } from '../io/sources/static-files';
import { resolvePlan, walkResolved, type AnalysisSession } from '../plan/analyzer';
import type { LogicalPlan } from '../plan/logical-plan';
import { streamingActionError } from '../plan/streaming-errors';
import type { ReaderConf } from '../io/formats/format';
import { compilePlan } from './compile';

export interface StaticSession extends AnalysisSession {
  readerConf(): ReaderConf;
}

export async function executeStatic(
  plan: LogicalPlan,
  session: StaticSession,
): Promise<ColumnBatch> {
  const resolved = resolvePlan(plan, session);
  if (resolved.streaming) throw streamingActionError();
  const inputs = await loadStaticInputs(plan, session);
  const physical = compilePlan(plan, session);
  return physical.runBatch(inputs, {
    batchId: 0,
    watermarkUs: 0,
    batchTimestampUs: Date.now() * 1000,
    outputMode: 'complete',
    noData: false,
  }).output;
}

/** The full data of every static file source in `plan`, by source id (also for stream–static joins). */
export async function loadStaticInputs(
  plan: LogicalPlan,
  session: StaticSession,
): Promise<Map<string, ColumnBatch>> {
  const inputs = new Map<string, ColumnBatch>();
  const pending: Promise<void>[] = [];
  walkResolved(resolvePlan(plan, session), (r) => {
    if (r.kind !== 'scan' || r.source.streaming || inputs.has(r.source.id)) return;
    const id = r.source.id;
    if (r.source.format === 'kafka') {
      pending.push(readKafkaBatch(r.source.options).then((batch) => void inputs.set(id, batch)));
      return;
    }
    pending.push(
      readStaticFiles(r.source, session.readerConf()).then((res) => void inputs.set(id, res.batch)),
    );
  });
  await Promise.all(pending);
  return inputs;
}
