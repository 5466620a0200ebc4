import { describe, expect, it } from 'vitest';
import type { DraftAnalysis, StepAnalysis } from '../../../engine/service/protocol';
import {
  columnsBefore,
  columnsOf,
  schemaAfter,
  schemaLine,
} from '../../../renderer/src/lib/draft-step-schemas';

const struct = (...fields: [string, string][]) => ({
  type: 'struct',
  fields: fields.map(([name, type]) => ({ name, type, nullable: true, metadata: {} })),
});
const source = struct(['gt', 'string'], ['x', 'double'], ['Index', 'long']);

function analysis(steps: StepAnalysis[]): DraftAnalysis {
  return {
    spec: null,
    plan: null,
    steps,
    outputSchema: steps.at(-1)?.schema ?? null,
    error: null,
    isStreaming: true,
    outputModes: [],
    sinks: [],
    triggers: [],
    code: { typescript: null, pyspark: null, sparkSql: null, sparkSqlReason: null },
  };
}

describe('step schemas', () => {
  it('gives each step the columns of the step before it', () => {
    const a = analysis([
      { index: -1, schema: source, error: null, field: null },
      { index: 0, schema: struct(['gt', 'string'], ['x', 'double']), error: null, field: null },
      { index: 1, schema: struct(['gt', 'string'], ['count', 'long']), error: null, field: null },
    ]);
    expect(columnsBefore(a, 0, null).map((c) => c.name)).toEqual(['gt', 'x', 'Index']);
    expect(columnsBefore(a, 1, null)).toEqual([
      { name: 'gt', type: 'string' },
      { name: 'x', type: 'double' },
    ]);
    expect(schemaLine(schemaAfter(a, 1))).toBe('gt string, count bigint');
  });

  it('falls back to the nearest earlier schema, then to the source’s own', () => {
    const failed = analysis([
      { index: -1, schema: source, error: null, field: null },
      { index: 0, schema: null, error: null, field: null },
    ]);
    expect(columnsBefore(failed, 1, null).map((c) => c.name)).toEqual(['gt', 'x', 'Index']);
    expect(columnsBefore(null, 3, struct(['a', 'integer']))).toEqual([{ name: 'a', type: 'int' }]);
    expect(columnsOf(null)).toEqual([]);
  });
});
