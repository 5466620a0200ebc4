/**
 * Brings a query's operator state back when it starts on a checkpoint (the state half of
 * MicroBatchExecution.populateStartOffsets + the first IncrementalExecution): checks the
 * plan's stateful operators against the checkpoint's fingerprint, records the fingerprint,
 * and loads the state version the next batch runs against — version B for batch B, so a
 * batch that was planned but not committed re-runs on exactly the state it first ran on.
 */
import type { PhysicalPlan } from '../exec/physical-plan';
import type { Checkpoint } from './checkpoint';
import { StateCheckpoint, type StateCheckpointConf } from './state-checkpoint';
import { checkStateCompatibility, planFingerprint, readPlanFingerprint, writeStateMetadata } from './state-metadata';

export interface StateRecoveryConf extends StateCheckpointConf {
  readonly stateSchemaCheck: boolean;
}

/**
 * `startBatchId` is the batch about to run, or null for a checkpoint without history.
 * Returns where the state goes from now on, or null without a checkpoint location.
 */
export async function recoverOperatorState(
  checkpoint: Checkpoint,
  plan: PhysicalPlan,
  startBatchId: number | null,
  conf: StateRecoveryConf,
): Promise<StateCheckpoint | null> {
  const stateRoot = checkpoint.statePath();
  if (stateRoot === undefined || checkpoint.location === undefined) return null;
  const operators = plan.statefulOperators ?? [];
  const current = planFingerprint(operators);
  const stored = await readPlanFingerprint(stateRoot);
  if (stored !== null && startBatchId !== null) {
    checkStateCompatibility(stored, current, checkpoint.location, conf.stateSchemaCheck);
  }
  // Rewritten when only names changed (a renamed column), so the files describe the running query.
  if (stored === null || JSON.stringify(stored) !== JSON.stringify(current)) await writeStateMetadata(stateRoot, current);
  const state = new StateCheckpoint(stateRoot, conf);
  if (startBatchId !== null && startBatchId > 0 && operators.length > 0) await state.restore(operators, startBatchId);
  return state;
}
