/**
 * What a checkpoint remembers of the query's stateful operators, and the check a restart
 * makes against it, so state is never read by an operator it does not belong to:
 *
 *   state/<operatorId>/_metadata/metadata   Spark 4's operator metadata (OperatorStateMetadataV1):
 *                                           v1 \n {"operatorInfo":{"operatorId","operatorName"},
 *                                           "stateStoreInfo":[{"storeName","numColsPrefixKey","numPartitions"}]}
 *   state/_metadata/plan                    Tidemark's plan fingerprint: v1 \n {"planHash", "operators":
 *                                           [{operatorId, operatorName, storeNames, keySchema, valueSchema}]}
 *
 * The fingerprint is written for stateless plans too (no operators), so adding a stateful
 * operator to a query that had none is caught as well. The checks, in Spark's order:
 * - the stateful operators (id → name) differ: STREAMING_STATEFUL_OPERATOR_NOT_MATCH_IN_STATE_METADATA
 *   (OperatorStateMetadataUtils / IncrementalExecution's metadata check);
 * - an operator's key or value schema differs in field count or types (names may change):
 *   STATE_STORE_KEY_SCHEMA_NOT_COMPATIBLE / STATE_STORE_VALUE_SCHEMA_NOT_COMPATIBLE
 *   (StateSchemaCompatibilityChecker). Tidemark also compares the aggregate function of each
 *   value field, since a count's state is no sum's even where Spark's buffer types agree.
 * spark.sql.streaming.stateStore.stateSchemaCheck=false skips the schema checks, as in Spark.
 * Stateless changes (filters, projections, sink options) touch none of this and restart fine.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SparkRuntimeException } from '../errors';
import type { StatefulOperatorEntry } from '../exec/physical-plan';
import type { StateSchemaField } from '../exec/state/operator-state';
import { writeTextAtomically } from '../io/atomic-file';
import { STATE_PARTITION } from './state-checkpoint';

export interface OperatorFingerprint {
  readonly operatorId: number;
  readonly operatorName: string;
  readonly storeNames: readonly string[];
  readonly keySchema: readonly StateSchemaField[];
  readonly valueSchema: readonly StateSchemaField[];
}

export interface PlanFingerprint {
  readonly planHash: string;
  readonly operators: readonly OperatorFingerprint[];
}

const VERSION_LINE = 'v1';

export function planFingerprint(operators: readonly StatefulOperatorEntry[]): PlanFingerprint {
  const ops = operators.map(({ operatorId, operator }) => {
    const { keySchema, valueSchema } = operator.stateSchema();
    return { operatorId, operatorName: operator.operatorName, storeNames: [...operator.stateStores().keys()], keySchema, valueSchema };
  });
  // The hash covers what decides compatibility (names of fields excluded): equal hashes, same state layout.
  const shape = ops.map((o) => [o.operatorId, o.operatorName, o.storeNames, o.keySchema.map((f) => f.type), o.valueSchema.map(valueShape)]);
  const planHash = createHash('sha256').update(JSON.stringify(shape)).digest('hex');
  return { planHash, operators: ops };
}

/** Reads `state/_metadata/plan`, or null when the checkpoint has none. */
export async function readPlanFingerprint(stateRoot: string): Promise<PlanFingerprint | null> {
  const path = join(stateRoot, '_metadata', 'plan');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  const [version, json] = text.split('\n');
  if (version !== VERSION_LINE) throw new Error(`${path} is not a plan fingerprint of this Tidemark version (first line ${JSON.stringify(version)})`);
  return JSON.parse(json) as PlanFingerprint;
}

/** Writes the fingerprint and Spark's per-operator metadata files. */
export async function writeStateMetadata(stateRoot: string, fingerprint: PlanFingerprint): Promise<void> {
  await writeTextAtomically(join(stateRoot, '_metadata', 'plan'), `${VERSION_LINE}\n${JSON.stringify(fingerprint)}`);
  for (const op of fingerprint.operators) {
    const metadata = {
      operatorInfo: { operatorId: op.operatorId, operatorName: op.operatorName },
      stateStoreInfo: op.storeNames.map((storeName) => ({ storeName, numColsPrefixKey: 0, numPartitions: STATE_PARTITION + 1 })),
    };
    await writeTextAtomically(join(stateRoot, String(op.operatorId), '_metadata', 'metadata'), `${VERSION_LINE}\n${JSON.stringify(metadata)}`);
  }
}

/** Throws Spark's error when `current` cannot run on state written by `stored`. */
export function checkStateCompatibility(
  stored: PlanFingerprint,
  current: PlanFingerprint,
  checkpointLocation: string,
  checkSchemas = true,
): void {
  const newCheckpoint = `To run the changed query, start it with a new checkpoint location (or delete ${checkpointLocation} to start over).`;
  const pairs = (ops: readonly OperatorFingerprint[]): string =>
    ops.map((o) => `(OperatorId: ${o.operatorId} -> OperatorName: ${o.operatorName})`).join(', ');
  const sameOperators =
    stored.operators.length === current.operators.length &&
    stored.operators.every((o, i) => o.operatorId === current.operators[i].operatorId && o.operatorName === current.operators[i].operatorName);
  if (!sameOperators) {
    const inMetadata = pairs(stored.operators);
    const inBatch = pairs(current.operators);
    throw new SparkRuntimeException(
      'STREAMING_STATEFUL_OPERATOR_NOT_MATCH_IN_STATE_METADATA',
      'Streaming stateful operator name does not match with the operator in state metadata. This likely to happen when user adds/removes/changes stateful operator of existing streaming query. ' +
        `Stateful operators in the metadata: [${inMetadata}]; Stateful operators in current batch: [${inBatch}]. ` +
        `${describeOperatorChange(stored.operators, current.operators)} ${newCheckpoint}`,
      { sqlState: '42K03', messageParameters: { OpsInMetadataSeq: inMetadata, OpsInCurBatchSeq: inBatch } },
    );
  }
  if (!checkSchemas) return;
  stored.operators.forEach((old, i) => {
    const now = current.operators[i];
    const what = `operator ${old.operatorId} (${old.operatorName})`;
    if (!sameTypes(old.keySchema, now.keySchema)) {
      const storedKeySchema = structString(old.keySchema);
      const newKeySchema = structString(now.keySchema);
      throw new SparkRuntimeException(
        'STATE_STORE_KEY_SCHEMA_NOT_COMPATIBLE',
        `Provided key schema does not match existing state key schema. Please check number and type of fields. Existing key_schema=${storedKeySchema} and new key_schema=${newKeySchema}. ` +
          `The grouping or deduplication keys of ${what} changed. ${newCheckpoint}`,
        { sqlState: 'XXKST', messageParameters: { storedKeySchema, newKeySchema } },
      );
    }
    if (!sameTypes(old.valueSchema, now.valueSchema) || !old.valueSchema.every((f, j) => valueShape(f) === valueShape(now.valueSchema[j]))) {
      const storedValueSchema = structString(old.valueSchema);
      const newValueSchema = structString(now.valueSchema);
      throw new SparkRuntimeException(
        'STATE_STORE_VALUE_SCHEMA_NOT_COMPATIBLE',
        `Provided value schema does not match existing state value schema. Please check number and type of fields. Existing value_schema=${storedValueSchema} and new value_schema=${newValueSchema}. ` +
          `The aggregates or buffered columns of ${what} changed. ${newCheckpoint}`,
        { sqlState: 'XXKST', messageParameters: { storedValueSchema, newValueSchema } },
      );
    }
  });
}

function describeOperatorChange(stored: readonly OperatorFingerprint[], current: readonly OperatorFingerprint[]): string {
  if (current.length > stored.length) return `The changed query adds ${current.length - stored.length} stateful operator(s).`;
  if (current.length < stored.length) return `The changed query removes ${stored.length - current.length} stateful operator(s).`;
  return 'The changed query replaces a stateful operator with another kind.';
}

/** Spark compares state schemas by field count and types, ignoring names (equalsIgnoreNameAndCompatibleNullability). */
function sameTypes(a: readonly StateSchemaField[], b: readonly StateSchemaField[]): boolean {
  return a.length === b.length && a.every((f, i) => f.type === b[i].type);
}

/** A value field's type, plus the aggregate function for aggregate buffers (their names are function names). */
function valueShape(f: StateSchemaField): string {
  return `${f.name.includes('.') ? '' : f.name}:${f.type}`;
}

function structString(fields: readonly StateSchemaField[]): string {
  return `StructType(${fields.map((f) => `StructField(${f.name},${f.type})`).join(',')})`;
}
