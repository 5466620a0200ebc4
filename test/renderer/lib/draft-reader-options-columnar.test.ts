import { describe, expect, it } from 'vitest';
import { optionsForFormat, SOURCE_FORMATS } from '../../../renderer/src/lib/draft-reader-options';

describe('source formats: parquet and arrow', () => {
  it('are offered by the format picker with only the file-stream options (no parse modes)', () => {
    expect(SOURCE_FORMATS).toEqual(expect.arrayContaining(['parquet', 'arrow']));
    for (const format of ['parquet', 'arrow'])
      expect(optionsForFormat(format).map((o) => o.key)).toEqual([
        'maxFilesPerTrigger',
        'pathGlobFilter',
        'recursiveFileLookup',
      ]);
  });
});
