/**
 * The builder's join step: the stream joined to static reference data, as a user writes it
 * in PySpark — `stream.join(spark.read.json(path), on=['Device'], how='left')`, or
 * `join(spark.createDataFrame(rows, ddl), expr(condition), how)`. Which join types a
 * stream–static join allows is the engine's own check (UnsupportedOperationChecker's
 * stream–static rules), run when output modes are judged; nothing is repeated here.
 */
import { expr } from '../functions';
import { DataFrame } from '../plan/dataframe';
import type { SourceNode } from '../plan/logical-plan';
import { toStructType } from '../types/ddl';
import { sourceIdFor } from './draft-source';
import type { DraftStep, JoinReference } from './protocol';

type JoinStep = Extract<DraftStep, { kind: 'join' }>;

/** The reference side as a static DataFrame. */
export function referenceFrame(df: DataFrame, right: JoinReference): DataFrame {
  const session = df.session;
  if (right.kind === 'rows') return session.createDataFrame(right.rows, right.schema);
  const setup = right.source;
  const reader = session.read.format(setup.format).options(setup.options);
  const schema =
    setup.schema === null || setup.schema === undefined
      ? undefined
      : toStructType(setup.schema as object);
  const loaded = (schema === undefined ? reader : reader.schema(schema)).load(setup.path);
  // As for the stream's source (draft-source.ts): an id from the path keeps the plan and its
  // code the same from one edit to the next; `ref_` keeps it apart from the stream's.
  const node: SourceNode = {
    ...(loaded.plan as SourceNode),
    id: `ref_${sourceIdFor(setup.path)}`,
  };
  return new DataFrame(node, session);
}

export function joinReference(df: DataFrame, step: JoinStep): DataFrame {
  const other = referenceFrame(df, step.right);
  if (step.condition.trim() !== '') return df.join(other, expr(step.condition), step.how);
  return df.join(other, step.on.length === 0 ? undefined : step.on, step.how);
}

function fails(f: () => unknown): boolean {
  try {
    f();
    return false;
  } catch {
    return true;
  }
}

/** Which field of a failing join step is at fault (`right`, `condition`, `on[1]`, `how`). */
export function joinFieldAtFault(df: DataFrame, step: JoinStep): string {
  if (fails(() => referenceFrame(df, step.right))) return 'right';
  if (step.condition.trim() !== '') return 'condition';
  const other = referenceFrame(df, step.right);
  for (let n = 1; n <= step.on.length; n++)
    if (fails(() => df.join(other, step.on.slice(0, n), step.how))) return `on[${n - 1}]`;
  return 'how';
}
