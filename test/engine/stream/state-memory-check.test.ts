import { describe, expect, it } from 'vitest';
import { ColumnBatch } from '../../../engine/batch/column-batch';
import type { StatefulOperator } from '../../../engine/exec/operator';
import type { BatchResult, PhysicalPlan } from '../../../engine/exec/physical-plan';
import { StateStore } from '../../../engine/exec/state/state-store';
import { TidemarkError } from '../../../engine/errors';
import { StateMemoryCheck } from '../../../engine/stream/state-memory-check';
import { parseDDL } from '../../../engine/types/ddl';

const schema = parseDDL('k STRING');

/** A plan of stateful operators whose stores estimate every row at 1 KiB; `run` puts rows into them. */
function planOf(names: readonly string[]): { plan: PhysicalPlan; stores: StateStore<number>[] } {
  const stores = names.map(() => new StateStore<number>(() => 1024));
  const operators = names.map(
    (operatorName, i) =>
      ({ operatorName, stateStores: () => new Map([['default', stores[i]]]) }) as unknown as StatefulOperator,
  );
  const plan = {
    outputSchema: schema,
    sourceIds: [],
    hasWatermark: false,
    isStateful: true,
    statefulOperators: operators.map((operator, operatorId) => ({ operatorId, operator })),
    runBatch: () => {
      throw new Error('not used');
    },
    needsNoDataBatch: () => false,
  } satisfies PhysicalPlan;
  return { plan, stores };
}

/** One batch: `rows[i]` new keys into store i, then a commit, as the compiled plan does. */
function batch(stores: StateStore<number>[], rows: readonly number[], offset = 0): () => BatchResult {
  return () => {
    try {
      rows.forEach((n, i) => {
        for (let r = 0; r < n; r++) stores[i].put(`k${offset + r}`, r);
      });
    } catch (e) {
      for (const s of stores) s.abort();
      throw e;
    }
    for (const s of stores) s.commit();
    return { output: ColumnBatch.empty(schema), eventTime: [], stateOperators: [] };
  };
}

function failure(run: () => unknown): TidemarkError {
  try {
    run();
  } catch (e) {
    if (e instanceof TidemarkError) return e;
    throw e;
  }
  throw new Error('expected a failure');
}

describe('StateMemoryCheck', () => {
  const limit = { maxMemoryBytes: 64 * 1024, warnFraction: 0.75 };

  it('passes a batch under the limit without warnings, and warns from warnFraction naming the operator, bytes and cap', () => {
    const { plan, stores } = planOf(['dedupe']);
    const check = new StateMemoryCheck(limit);
    check.runBatch(plan, 0, batch(stores, [40]));
    expect(check.resourceWarnings).toEqual([]);
    check.runBatch(plan, 1, batch(stores, [10], 40));
    expect(check.resourceWarnings).toHaveLength(1);
    const [w] = check.resourceWarnings;
    expect(w.code).toBe('STATE_MEMORY_HIGH');
    expect(w.message).toContain('After batch 1');
    expect(w.message).toContain('50.0 KiB, 78% of its limit of 64.0 KiB (spark.tidemark.state.maxMemoryBytes)');
    expect(w.message).toContain('dedupe (operatorId 0)');
    expect(w.message).toContain('watermark');
  });

  it('fails a batch whose store passes the limit while it runs, naming its operator; its changes are aborted', () => {
    const { plan, stores } = planOf(['stateStoreSave', 'dedupe']);
    const check = new StateMemoryCheck(limit);
    check.runBatch(plan, 0, batch(stores, [1, 5]));
    const e = failure(() => check.runBatch(plan, 1, batch(stores, [0, 1_000_000], 5)));
    expect(e.errorClass).toBe('STATE_MEMORY_LIMIT_EXCEEDED');
    expect(e.sqlState).toBe('53200');
    expect(e.message).toContain('While batch 1 ran, the state of dedupe (operatorId 1) grew to about 65.0 KiB');
    expect(e.message).toContain('above the state memory limit of 64.0 KiB (spark.tidemark.state.maxMemoryBytes)');
    expect(e.message).toContain('spark.conf.set("spark.tidemark.state.maxMemoryBytes"');
    expect(e.message).toContain('The batch was not committed');
    expect(stores.map((s) => s.size)).toEqual([1, 5]);
  });

  it('fails a batch after which the operators together pass the limit, naming the largest', () => {
    const { plan, stores } = planOf(['stateStoreSave', 'symmetricHashJoin']);
    const check = new StateMemoryCheck(limit);
    const e = failure(() => check.runBatch(plan, 0, batch(stores, [30, 40])));
    expect(e.errorClass).toBe('STATE_MEMORY_LIMIT_EXCEEDED');
    expect(e.message).toContain("After batch 0 the query's state holds about 70.0 KiB (the most in symmetricHashJoin (operatorId 1): 40.0 KiB)");
  });

  it('lets other errors through unchanged', () => {
    const { plan } = planOf(['dedupe']);
    const check = new StateMemoryCheck(limit);
    expect(() =>
      check.runBatch(plan, 0, () => {
        throw new RangeError('boom');
      }),
    ).toThrow(RangeError);
  });
});
