import { describe, expect, it } from 'vitest';
import { RuntimeConfig } from '../../../engine/plan/runtime-config';
import { TidemarkError } from '../../../engine/errors';

describe('RuntimeConfig (spark.conf), checked against pyspark 4.1.4', () => {
  it("returns Spark 4's defaults as strings", () => {
    const c = new RuntimeConfig();
    expect(c.get('spark.sql.ansi.enabled')).toBe('true');
    expect(c.get('spark.sql.caseSensitive')).toBe('false');
    expect(c.get('spark.sql.shuffle.partitions')).toBe('200');
    expect(c.get('spark.sql.columnNameOfCorruptRecord')).toBe('_corrupt_record');
    expect(c.get('spark.sql.streaming.schemaInference')).toBe('false');
    expect(c.get('spark.sql.streaming.numRecentProgressUpdates')).toBe('100');
    expect(c.get('spark.sql.streaming.noDataMicroBatches.enabled')).toBe('true');
    expect(c.get('spark.sql.streaming.multipleWatermarkPolicy')).toBe('min');
    expect(c.get('spark.sql.streaming.checkpointLocation')).toBeNull();
    expect(c.get('spark.sql.session.timeZone')).toBe('UTC');
  });

  it('stores set values as strings (set(k, 5) reads back "5", False reads back "false")', () => {
    const c = new RuntimeConfig();
    c.set('spark.sql.shuffle.partitions', 5);
    c.set('spark.sql.caseSensitive', false);
    expect(c.get('spark.sql.shuffle.partitions')).toBe('5');
    expect(c.get('spark.sql.caseSensitive')).toBe('false');
    expect(c.getAll()).toEqual({
      'spark.sql.caseSensitive': 'false',
      'spark.sql.shuffle.partitions': '5',
    });
  });

  it('accepts arbitrary keys; an unknown unset key is SQL_CONF_NOT_FOUND unless a default is passed', () => {
    const c = new RuntimeConfig();
    expect(() => c.get('spark.foo.bar')).toThrow(
      '[SQL_CONF_NOT_FOUND] The SQL config "spark.foo.bar" cannot be found. Please verify that the config exists. SQLSTATE: 42K0I',
    );
    expect(c.get('spark.foo.bar', 'dflt')).toBe('dflt');
    c.set('spark.foo.x', '1');
    c.unset('spark.foo.x');
    expect(c.get('spark.foo.x', 'gone')).toBe('gone');
  });

  it('rejects badly typed values with INVALID_CONF_VALUE', () => {
    const c = new RuntimeConfig();
    expect(() => c.set('spark.sql.ansi.enabled', 'maybe')).toThrow(
      `[INVALID_CONF_VALUE.TYPE_MISMATCH] The value 'maybe' in the config "spark.sql.ansi.enabled" is invalid. It should be a/an 'boolean' value. SQLSTATE: 22022`,
    );
    expect(() => c.set('spark.sql.shuffle.partitions', 'x')).toThrow(
      `It should be a/an 'int' value.`,
    );
    expect(() => c.set('spark.sql.streaming.multipleWatermarkPolicy', 'avg')).toThrow(
      "Valid values are 'min' and 'max'",
    );
    try {
      c.set('spark.sql.ansi.enabled', 'maybe');
    } catch (e) {
      expect((e as TidemarkError).errorClass).toBe('INVALID_CONF_VALUE.TYPE_MISMATCH');
    }
  });

  it('isModifiable is true only for known runtime SQL configs; static ones cannot be set', () => {
    const c = new RuntimeConfig();
    expect(c.isModifiable('spark.sql.ansi.enabled')).toBe(true);
    expect(c.isModifiable('spark.foo')).toBe(false);
    expect(c.isModifiable('spark.sql.warehouse.dir')).toBe(false);
    expect(() => c.set('spark.sql.warehouse.dir', '/tmp/x')).toThrow(
      '[CANNOT_MODIFY_STATIC_CONFIG] Cannot modify the value of the static Spark config: "spark.sql.warehouse.dir".',
    );
  });
});
