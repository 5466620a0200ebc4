import { describe, expect, it } from 'vitest';
import {
  applySuggestion,
  optionInfo,
  optionsForFormat,
  withOption,
  withoutOption,
} from '../../../renderer/src/lib/draft-reader-options';

describe('reader options', () => {
  it('offers the options each format reads', () => {
    const json = optionsForFormat('json').map((o) => o.key);
    const csv = optionsForFormat('csv').map((o) => o.key);
    expect(json).toContain('multiLine');
    expect(json).toContain('maxFilesPerTrigger');
    expect(json).not.toContain('header');
    expect(csv).toEqual(expect.arrayContaining(['header', 'sep', 'inferSchema', 'mode']));
    expect(optionsForFormat('text').map((o) => o.key)).toEqual([
      'maxFilesPerTrigger',
      'pathGlobFilter',
      'recursiveFileLookup',
    ]);
    expect(optionInfo('MULTILINE')?.key).toBe('multiLine');
  });

  it('sets and removes keys case-insensitively, as Spark reads them', () => {
    const options = { multiline: 'false', mode: 'PERMISSIVE' };
    expect(withOption(options, 'multiLine', 'true')).toEqual({
      mode: 'PERMISSIVE',
      multiLine: 'true',
    });
    expect(withoutOption(options, 'MODE')).toEqual({ multiline: 'false' });
    expect(options).toEqual({ multiline: 'false', mode: 'PERMISSIVE' });
  });

  it('applies suggestions: a plain option, or a per-column entry joining the option’s list', () => {
    const suggestion = (option: string, value: string, column: string | null) => ({
      option,
      value,
      column,
    });
    expect(applySuggestion({ header: 'false' }, suggestion('header', 'true', null))).toEqual({
      header: 'true',
    });
    let options = applySuggestion({}, suggestion('timestampUnit', 'ms', 'Arrival_Time'));
    expect(options).toEqual({ timestampUnit: 'Arrival_Time:ms' });
    options = applySuggestion(options, suggestion('timestampUnit', 'ns', 'Creation_Time'));
    expect(options).toEqual({ timestampUnit: 'Arrival_Time:ms,Creation_Time:ns' });
    // The same column again replaces its entry; a bare fallback unit is kept.
    options = applySuggestion(
      { timestampunit: 's, Arrival_Time:ms' },
      suggestion('timestampUnit', 'us', 'Arrival_Time'),
    );
    expect(options).toEqual({ timestampUnit: 's,Arrival_Time:us' });
  });
});
