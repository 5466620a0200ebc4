import { describe, expect, it } from 'vitest';
import {
  parseFileStreamOptions,
  timeStringAsMs,
} from '../../../../engine/io/sources/file-stream-options';
import { IllegalArgumentException } from '../../../../engine/errors';

describe('file stream options (FileStreamOptions.scala, FileStreamSourceSuite option checks)', () => {
  it('has Spark defaults plus Tidemark stability settings', () => {
    const o = parseFileStreamOptions({});
    expect(o.maxFilesPerTrigger).toBeUndefined();
    expect(o.maxBytesPerTrigger).toBeUndefined();
    expect(o.maxFileAgeMs).toBe(7 * 24 * 3600 * 1000);
    expect(o.latestFirst).toBe(false);
    expect(o.fileNameOnly).toBe(false);
    expect(o.cleanSource).toBe('off');
    expect(o.maxCachedFiles).toBe(10000);
    expect(o.discardCachedInputRatio).toBeCloseTo(0.2);
    expect(o.fileStableMs).toBe(50);
  });

  it('reads option names case-insensitively', () => {
    const o = parseFileStreamOptions({
      MAXFILESPERTRIGGER: '3',
      LatestFirst: 'TRUE',
      maxfileage: '1h',
    });
    expect(o.maxFilesPerTrigger).toBe(3);
    expect(o.latestFirst).toBe(true);
    expect(o.maxFileAgeMs).toBe(3_600_000);
  });

  it.each(['not-a-integer', '-1', '0', '10.1'])(
    'rejects maxFilesPerTrigger=%s ("max files per trigger")',
    (v) => {
      expect(() => parseFileStreamOptions({ maxFilesPerTrigger: v })).toThrow(
        new IllegalArgumentException(
          `Invalid value '${v}' for option 'maxFilesPerTrigger', must be a positive integer`,
        ),
      );
    },
  );

  it.each(['abc', '0', '-5', '1.5'])('rejects maxBytesPerTrigger=%s', (v) => {
    expect(() => parseFileStreamOptions({ maxBytesPerTrigger: v })).toThrow(
      `Invalid value '${v}' for option 'maxBytesPerTrigger', must be a positive integer`,
    );
  });

  it('refuses maxFilesPerTrigger and maxBytesPerTrigger together', () => {
    expect(() =>
      parseFileStreamOptions({ maxFilesPerTrigger: '1', maxBytesPerTrigger: '10' }),
    ).toThrow(
      "Options 'maxFilesPerTrigger' and 'maxBytesPerTrigger' can't be both set at the same time",
    );
  });

  it('validates booleans, cleanSource and the cache options with Spark messages', () => {
    expect(() => parseFileStreamOptions({ latestFirst: 'yes' })).toThrow(
      "Invalid value 'yes' for option 'latestFirst', must be 'true' or 'false'",
    );
    expect(() => parseFileStreamOptions({ cleanSource: 'archive' })).toThrow(
      "Archive mode must be used with 'sourceArchiveDir' option.",
    );
    expect(() => parseFileStreamOptions({ cleanSource: 'move' })).toThrow(
      /Invalid mode for clean source option/,
    );
    expect(parseFileStreamOptions({ cleanSource: 'DELETE' }).cleanSource).toBe('delete');
    expect(() => parseFileStreamOptions({ maxCachedFiles: '-1' })).toThrow(
      "Invalid value '-1' for option 'maxCachedFiles', must be an integer greater than or equal to 0",
    );
    expect(() => parseFileStreamOptions({ discardCachedInputRatio: '1.5' })).toThrow(
      "Invalid value '1.5' for option 'discardCachedInputRatio', must be a positive float between 0 and 1",
    );
  });

  it('rejects modifiedBefore/modifiedAfter on streams (FileStreamOptions.checkDisallowedOptions)', () => {
    expect(() => parseFileStreamOptions({ modifiedBefore: '2020-01-01T00:00:00' })).toThrow(
      "option 'modifiedBefore' is not allowed in file stream sources",
    );
  });

  it('parses durations like JavaUtils.timeStringAsMs', () => {
    expect(timeStringAsMs('7d')).toBe(604_800_000);
    expect(timeStringAsMs('100')).toBe(100);
    expect(timeStringAsMs('2min')).toBe(120_000);
    expect(timeStringAsMs('1500us')).toBe(1);
    expect(() => timeStringAsMs('1 week')).toThrow(/Time must be specified as seconds/);
    expect(() => timeStringAsMs('5y')).toThrow(/Invalid suffix: "y"/);
  });
});
