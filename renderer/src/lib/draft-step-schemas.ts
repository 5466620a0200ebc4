/**
 * The schemas around each step, from the engine's analysis: what a step can see (the schema
 * after the step before it, or the source's for the first), for completing column names,
 * and what it outputs, for the "schema after this step" line.
 */
import type { DraftAnalysis } from '../../../engine/service/protocol';
import type { CompletionColumn } from './expression-completion';
import { rowsFromSchema } from './draft-schema';

/** The columns of a StructType JSON value, types in DDL spelling. */
export function columnsOf(schema: unknown): CompletionColumn[] {
  return rowsFromSchema(schema).map((r) => ({ name: r.name, type: r.type }));
}

/** The schema after step `index` (−1: the source), or null when the analysis has none. */
export function schemaAfter(analysis: DraftAnalysis | null, index: number): unknown | null {
  return analysis?.steps.find((s) => s.index === index)?.schema ?? null;
}

/**
 * The columns step `index` reads: the schema after the step before it. When that step
 * failed, the nearest earlier schema is the best guess (its columns are still the ones the
 * user is most likely to type); with no analysis yet, the source's own schema.
 */
export function columnsBefore(
  analysis: DraftAnalysis | null,
  index: number,
  sourceSchema: unknown,
): CompletionColumn[] {
  for (let i = index - 1; i >= -1; i--) {
    const schema = schemaAfter(analysis, i);
    if (schema !== null) return columnsOf(schema);
  }
  return columnsOf(sourceSchema);
}

/** `gt string, count bigint`: a schema on one line. */
export function schemaLine(schema: unknown): string {
  return columnsOf(schema)
    .map((c) => `${c.name} ${c.type}`)
    .join(', ');
}
