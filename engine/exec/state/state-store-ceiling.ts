/**
 * A ceiling on one state store's estimated bytes while a micro-batch runs, so a batch that
 * creates state without bound stops as soon as one store passes the query's state memory
 * limit, instead of growing until the process runs out of memory and only then being
 * checked (engine/stream/state-memory-check.ts checks the query's total after the batch).
 *
 * The ceiling is ambient rather than passed to each store: stores are created by the
 * operators, which know nothing of the query's limits, and PhysicalPlan.runBatch is
 * synchronous, so exactly one query's batch runs between `withStateStoreCeiling` entering
 * and leaving. Outside a batch (restore from a checkpoint) there is no ceiling.
 *
 * Spark has no such limit: HDFSBackedStateStoreProvider keeps every row on the executor's
 * heap, and too much state ends in an executor OutOfMemoryError.
 */
import type { StateStoreView } from './operator-state';

/**
 * Thrown by a store whose estimate passed the ceiling. The plan's runBatch aborts every
 * operator's changes on the way out; the loop then names the operator that owns `store`.
 */
export class StateStoreOverCeiling extends Error {
  constructor(
    readonly store: StateStoreView,
    readonly bytes: number,
    readonly ceilingBytes: number,
  ) {
    super(`A state store holds about ${bytes} bytes, above the ceiling of ${ceilingBytes} bytes`);
    this.name = 'StateStoreOverCeiling';
  }
}

let ceiling = Infinity;

/** Runs `body` (one batch) with a ceiling on each store's bytes; restores the outer one after. */
export function withStateStoreCeiling<T>(maxBytes: number, body: () => T): T {
  const outer = ceiling;
  ceiling = maxBytes;
  try {
    return body();
  } finally {
    ceiling = outer;
  }
}

/** Called by a store after it grew; a no-op outside a batch. */
export function checkStateStoreCeiling(store: StateStoreView, bytes: number): void {
  if (bytes > ceiling) throw new StateStoreOverCeiling(store, bytes, ceiling);
}
