/**
 * The query's state memory limit around one batch (spark.tidemark.state.maxMemoryBytes):
 *
 * - while the batch runs, no single state store may pass the limit (state-store-ceiling.ts),
 *   so a batch creating keys without bound stops early, its changes aborted;
 * - after it, the state of all operators together (Σ memoryUsedBytes, the estimate progress
 *   shows) must be within the limit, else the batch fails;
 * - from `warnFraction` of the limit, progress carries a STATE_MEMORY_HIGH warning.
 *
 * Either failure is thrown before the loop writes the batch's state files, output and
 * commit, so the checkpoint still ends at the previous batch and a restart with a higher
 * limit re-runs this batch exactly. The operator named is the one holding the most state.
 * SQLSTATE 53200 (out of memory) is the one Spark gives UNABLE_TO_ACQUIRE_MEMORY.
 */
import { SparkRuntimeException } from '../errors';
import type { BatchResult, PhysicalPlan, StatefulOperatorEntry } from '../exec/physical-plan';
import type { StateStoreView } from '../exec/state/operator-state';
import { StateStoreOverCeiling, withStateStoreCeiling } from '../exec/state/state-store-ceiling';
import { formatByteSize } from '../io/byte-size';
import type { SourceWarning } from '../io/source';
import { STATE_MAX_MEMORY_BYTES_KEY, type StateMemoryLimit } from './resource-limits';

/** One operator's share of the query's state. */
export interface OperatorStateMemory {
  readonly operatorId: number;
  readonly operatorName: string;
  readonly bytes: number;
}

export class StateMemoryCheck {
  private warnings: readonly SourceWarning[] = [];

  constructor(private readonly limit: StateMemoryLimit) {}

  /** STATE_MEMORY_HIGH after the last batch, when its state was near the limit. */
  get resourceWarnings(): readonly SourceWarning[] {
    return this.warnings;
  }

  /** Runs the batch (`run` calls plan.runBatch) within the limit; throws STATE_MEMORY_LIMIT_EXCEEDED past it. */
  runBatch(plan: PhysicalPlan, batchId: number, run: () => BatchResult): BatchResult {
    const entries = plan.statefulOperators ?? [];
    let result: BatchResult;
    try {
      result = withStateStoreCeiling(this.limit.maxMemoryBytes, run);
    } catch (e) {
      if (!(e instanceof StateStoreOverCeiling)) throw e;
      const owner = ownerOf(entries, e.store);
      const op = { operatorId: owner?.operatorId ?? -1, operatorName: owner?.operator.operatorName ?? 'a stateful operator', bytes: e.bytes };
      throw stateMemoryLimitExceeded(op, e.bytes, this.limit, batchId, true);
    }
    const usage = operatorStateMemory(entries);
    const total = usage.reduce((n, u) => n + u.bytes, 0);
    const largest = usage.reduce<OperatorStateMemory | null>((a, u) => (a === null || u.bytes > a.bytes ? u : a), null);
    if (largest !== null && total > this.limit.maxMemoryBytes)
      throw stateMemoryLimitExceeded(largest, total, this.limit, batchId, false);
    this.warnings =
      largest !== null && total >= this.limit.warnFraction * this.limit.maxMemoryBytes
        ? [stateMemoryHighWarning(largest, total, this.limit, batchId)]
        : [];
    return result;
  }
}

/** Each stateful operator's estimated state bytes now (its stores' memoryUsedBytes). */
export function operatorStateMemory(entries: readonly StatefulOperatorEntry[]): OperatorStateMemory[] {
  return entries.map(({ operatorId, operator }) => {
    let bytes = 0;
    for (const store of operator.stateStores().values()) bytes += store.memoryUsedBytes?.() ?? 0;
    return { operatorId, operatorName: operator.operatorName, bytes };
  });
}

function ownerOf(entries: readonly StatefulOperatorEntry[], store: StateStoreView): StatefulOperatorEntry | undefined {
  return entries.find(({ operator }) => [...operator.stateStores().values()].includes(store));
}

function describeOperator(op: OperatorStateMemory): string {
  return op.operatorId < 0 ? op.operatorName : `${op.operatorName} (operatorId ${op.operatorId})`;
}

const KEEP_LESS_STATE =
  'add a watermark (withWatermark) so state for old event times is dropped, shorten its delay, or group or deduplicate by fewer distinct keys';

function stateMemoryLimitExceeded(
  largest: OperatorStateMemory,
  total: number,
  limit: StateMemoryLimit,
  batchId: number,
  duringBatch: boolean,
): SparkRuntimeException {
  const where = duringBatch
    ? `While batch ${batchId} ran, the state of ${describeOperator(largest)} grew to about ${formatByteSize(total)}`
    : `After batch ${batchId} the query's state holds about ${formatByteSize(total)} (the most in ${describeOperator(largest)}: ${formatByteSize(largest.bytes)})`;
  return new SparkRuntimeException(
    'STATE_MEMORY_LIMIT_EXCEEDED',
    `${where}, above the state memory limit of ${formatByteSize(limit.maxMemoryBytes)} (${STATE_MAX_MEMORY_BYTES_KEY}). The batch was not committed, so the query can restart from its checkpoint: raise the limit with spark.conf.set("${STATE_MAX_MEMORY_BYTES_KEY}", "1g") or writeStream.option("${STATE_MAX_MEMORY_BYTES_KEY}", "1g"), or keep less state: ${KEEP_LESS_STATE}.`,
    {
      messageParameters: {
        operatorName: largest.operatorName,
        operatorId: String(largest.operatorId),
        bytes: String(total),
        limit: String(limit.maxMemoryBytes),
        config: STATE_MAX_MEMORY_BYTES_KEY,
      },
      sqlState: '53200',
    },
  );
}

function stateMemoryHighWarning(
  largest: OperatorStateMemory,
  total: number,
  limit: StateMemoryLimit,
  batchId: number,
): SourceWarning {
  const share = Math.floor((total / limit.maxMemoryBytes) * 100);
  return {
    code: 'STATE_MEMORY_HIGH',
    message: `After batch ${batchId} the query's state holds about ${formatByteSize(total)}, ${share}% of its limit of ${formatByteSize(limit.maxMemoryBytes)} (${STATE_MAX_MEMORY_BYTES_KEY}); the most is in ${describeOperator(largest)} (${formatByteSize(largest.bytes)}). At the limit the query stops with STATE_MEMORY_LIMIT_EXCEEDED: ${KEEP_LESS_STATE}, or raise ${STATE_MAX_MEMORY_BYTES_KEY}.`,
  };
}
