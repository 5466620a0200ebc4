import { describe, expect, it } from 'vitest';
import { formatByteSize, parseByteString } from '../../../engine/io/byte-size';

describe('byte sizes as Spark reads and prints them', () => {
  it('reads size strings with binary units (JavaUtils.byteStringAsBytes)', () => {
    expect(parseByteString('100', 'k')).toBe(100);
    expect(parseByteString('64k', 'k')).toBe(65_536);
    expect(parseByteString('64KB', 'k')).toBe(65_536);
    expect(parseByteString(' 512m ', 'k')).toBe(512 * 1024 * 1024);
    expect(parseByteString('1g', 'k')).toBe(1024 ** 3);
    expect(parseByteString('2t', 'k')).toBe(2 * 1024 ** 4);
  });

  it('rejects fractions, unknown units and words, naming the setting', () => {
    expect(() => parseByteString('1.5g', 'spark.x')).toThrow(/Fractional values are not supported\. Input was: 1\.5g \(spark\.x\)/);
    expect(() => parseByteString('12q', 'spark.x')).toThrow(/Invalid suffix: "q"/);
    expect(() => parseByteString('lots', 'spark.x')).toThrow(/Size must be specified as bytes/);
  });

  it('prints sizes as Utils.bytesToString: switching unit at twice its size', () => {
    expect(formatByteSize(1500)).toBe('1500.0 B');
    expect(formatByteSize(2048)).toBe('2.0 KiB');
    expect(formatByteSize(65_536)).toBe('64.0 KiB');
    expect(formatByteSize(512 * 1024 ** 2)).toBe('512.0 MiB');
    expect(formatByteSize(3 * 1024 ** 3)).toBe('3.0 GiB');
  });
});
