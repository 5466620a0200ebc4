import { describe, expect, it } from 'vitest';
import { applySuggestion, withColumnEntry } from '../../../engine/service/option-suggestion';

const suggestion = { reason: '', before: null, after: null };

describe('applySuggestion', () => {
  it('sets a global option, replacing any spelling of its name', () => {
    expect(
      applySuggestion(
        { TimestampUnit: 'ns', header: 'true' },
        { ...suggestion, option: 'timestampUnit', value: 'ms', column: null },
      ),
    ).toEqual({
      header: 'true',
      timestampUnit: 'ms',
    });
  });

  it('adds a per-column entry, keeping the fallback and other columns', () => {
    const options = { timestampunit: 'ms,a:ns' };
    expect(
      applySuggestion(options, { ...suggestion, option: 'timestampUnit', value: 's', column: 'b' }),
    ).toEqual({
      timestampUnit: 'ms,a:ns,b:s',
    });
    expect(
      applySuggestion(options, {
        ...suggestion,
        option: 'timestampUnit',
        value: 'us',
        column: 'a',
      }),
    ).toEqual({
      timestampUnit: 'ms,a:us',
    });
  });

  it('builds a list from nothing', () => {
    expect(withColumnEntry(undefined, 'Creation_Time', 'ns')).toBe('Creation_Time:ns');
  });
});
