/**
 * What a stateful operator shows of its state to the checkpoint (engine/stream): named
 * stores of key → value (Spark's state store names: `default`, or the join's per-side
 * stores), the changes the last commit made (written as a delta file) and the whole
 * committed state (written as a snapshot); and the schema of its keys and values, which a
 * restarted query compares with the one in the checkpoint (StateSchemaCompatibilityChecker).
 */
import type { StructType } from '../../types/struct-type';

/** `[key, value]` for a key put, `[key]` for a key removed. */
export type StateChange = readonly [key: string] | readonly [key: string, value: unknown];

export interface StateStoreView {
  /** The committed rows, in the store's order (restored in the same order). */
  committedRows(): Iterable<readonly [string, unknown]>;
  /** What the last commit changed, in the order keys were first touched; read before the next batch runs. */
  lastCommittedChanges(): readonly StateChange[];
  /** Estimated bytes the rows take (Spark's memoryUsedBytes); absent for stores too small to matter. */
  memoryUsedBytes?(): number;
}

/** One field of a state schema: its name and Spark's simpleString of its type. */
export interface StateSchemaField {
  readonly name: string;
  readonly type: string;
}

export interface OperatorStateSchema {
  readonly keySchema: readonly StateSchemaField[];
  readonly valueSchema: readonly StateSchemaField[];
}

export function schemaFields(schema: StructType | readonly StructType['fields'][number][]): StateSchemaField[] {
  const fields = Array.isArray(schema) ? schema : (schema as StructType).fields;
  return fields.map((f) => ({ name: f.name, type: f.dataType.simpleString() }));
}

/** Rows of each named store read back from a checkpoint, for restore. */
export type RestoredStores = ReadonlyMap<string, readonly (readonly [string, unknown])[]>;
