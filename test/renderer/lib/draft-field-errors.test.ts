import { describe, expect, it } from 'vitest';
import type { DraftAnalysis, ErrorInfo } from '../../../engine/service/protocol';
import {
  fieldError,
  messageHeadline,
  parseFieldPath,
  positionText,
  spanWithin,
  stepError,
} from '../../../renderer/src/lib/draft-field-errors';

const unresolved: ErrorInfo = {
  name: 'AnalysisException',
  errorClass: 'UNRESOLVED_COLUMN.WITH_SUGGESTION',
  sqlState: '42703',
  message: 'A column with name `gtt` cannot be resolved.',
  context: { text: 'avg(gtt)', start: 4, stop: 7 },
};

function analysis(field: string | null): DraftAnalysis {
  return {
    spec: null,
    plan: null,
    steps: [
      { index: -1, schema: { type: 'struct', fields: [] }, error: null, field: null },
      { index: 0, schema: null, error: unresolved, field },
    ],
    outputSchema: null,
    error: unresolved,
    isStreaming: true,
    outputModes: [],
    sinks: [],
    triggers: [],
    code: { typescript: null, pyspark: null, sparkSql: null, sparkSqlReason: null },
  };
}

describe('draft field errors', () => {
  it('reads the engine’s field paths', () => {
    expect(parseFieldPath('exprs[1]')).toEqual({ name: 'exprs', entry: 1 });
    expect(parseFieldPath('condition')).toEqual({ name: 'condition', entry: null });
    expect(parseFieldPath('not a path')).toBeNull();
  });

  it('puts a list entry’s error on its line, skipping blank lines as the engine did', () => {
    const step = { kind: 'groupBy' as const, keys: ['gt'], aggs: ['count(*)', '', 'avg(gtt)'] };
    const error = stepError(analysis('aggs[1]'), 0);
    expect(error).toMatchObject({ stepIndex: 0, field: 'aggs', entry: 1 });
    expect(fieldError(error, step, 'keys')).toBeNull();
    const onAggs = fieldError(error, step, 'aggs')!;
    expect(onAggs.line).toBe(2);
    expect(onAggs.text).toBe('avg(gtt)');
    expect(spanWithin(onAggs.text, onAggs.error.context)).toEqual({ start: 4, stop: 7 });
    expect(stepError(analysis('aggs[1]'), -1)).toBeNull();
  });

  it('places the span when the context text is a larger text or a trimmed copy', () => {
    expect(spanWithin('x +', { text: 'x +', start: 3, stop: 3 })).toEqual({ start: 2, stop: 3 });
    expect(spanWithin('avg(gtt)', { text: 'SELECT avg(gtt) FROM t', start: 11, stop: 14 })).toEqual(
      { start: 4, stop: 7 },
    );
    expect(spanWithin('  avg(gtt)', { text: 'avg(gtt)', start: 4, stop: 7 })).toEqual({
      start: 6,
      stop: 9,
    });
    expect(spanWithin('y > 1', { text: 'avg(gtt)', start: 4, stop: 7 })).toBeNull();
    expect(spanWithin('y > 1', undefined)).toBeNull();
    expect(spanWithin('y > 1', { file: 'part-1.json', line: 3 })).toBeNull();
  });

  it('says where an error is, in words', () => {
    expect(positionText(unresolved.context)).toBe('at characters 5–7 of “avg(gtt)”');
    expect(positionText({ file: 'part-3.json', line: 12 })).toBe('in part-3.json line 12');
    expect(positionText({ text: 'x +', start: 2 })).toBe('at character 3 of “x +”');
    expect(positionText(undefined)).toBeNull();
  });

  it('drops the context block Spark appends, since the form marks the span itself', () => {
    const message =
      '[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column with name `nope` cannot be resolved. SQLSTATE: 42703\n' +
      '== SQL (line 1, position 1) ==\nnope > 1\n^^^^';
    expect(messageHeadline(message)).toBe(
      '[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column with name `nope` cannot be resolved. SQLSTATE: 42703',
    );
    expect(messageHeadline('plain')).toBe('plain');
  });
});
