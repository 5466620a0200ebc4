import { describe, expect, it } from 'vitest';
import {
  compileGlobList,
  DEFAULT_IGNORE_FILE_PATTERNS,
  shouldFilterOutPathName,
} from '../../../../engine/io/sources/file-name-filter';

describe('hidden and temporary names', () => {
  it('hides names as HadoopFSUtils.shouldFilterOutPathName (FileStreamSourceSuite hidden files)', () => {
    expect(shouldFilterOutPathName('.hidden.json')).toBe(true);
    expect(shouldFilterOutPathName('_SUCCESS')).toBe(true);
    expect(shouldFilterOutPathName('_spark_metadata')).toBe(true);
    expect(shouldFilterOutPathName('data.json._COPYING_')).toBe(true);
    expect(shouldFilterOutPathName('_k=v')).toBe(false);
    expect(shouldFilterOutPathName('_metadata')).toBe(false);
    expect(shouldFilterOutPathName('_common_metadata')).toBe(false);
    expect(shouldFilterOutPathName('part-0.json')).toBe(false);
  });

  it('ignores the temporary names sync tools write before renaming (Tidemark default)', () => {
    const ignored = compileGlobList(DEFAULT_IGNORE_FILE_PATTERNS);
    for (const name of [
      'a.json.tmp',
      'a.json.partial',
      'a.json.crdownload',
      'a.json.part',
      'a.json~',
    ]) {
      expect(ignored(name), name).toBe(true);
    }
    expect(ignored('a.json')).toBe(false);
    expect(ignored('part-00001.json')).toBe(false);
  });

  it('takes user lists with commas inside {} alternatives', () => {
    const ignored = compileGlobList('*.{bak,old}, draft-*');
    expect(ignored('x.bak')).toBe(true);
    expect(ignored('x.old')).toBe(true);
    expect(ignored('draft-1.json')).toBe(true);
    expect(ignored('x.json')).toBe(false);
    expect(compileGlobList('')('anything')).toBe(false);
  });
});
