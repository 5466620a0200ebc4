import { getHeapStatistics } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { RuntimeConfig } from '../../../engine/plan/runtime-config';
import { defaultResourceLimits, readResourceLimits } from '../../../engine/stream/resource-limits';

describe('resource limits: writer option, then session conf, then a default sized from the heap', () => {
  it('defaults: 512 MiB of state (or a quarter of the heap), 5,000,000 sink rows, warnings at 80%', () => {
    const heapQuarter = Math.floor(getHeapStatistics().heap_size_limit / 4);
    const limits = defaultResourceLimits();
    expect(limits.state).toEqual({ maxMemoryBytes: Math.min(512 * 1024 ** 2, heapQuarter), warnFraction: 0.8 });
    expect(limits.memorySink).toEqual({
      maxRows: 5_000_000,
      maxBytes: Math.min(1024 ** 3, heapQuarter),
      warnFraction: 0.8,
    });
  });

  it('reads the session conf, and a writer option (any case) wins over it', () => {
    const conf = new RuntimeConfig([
      ['spark.tidemark.state.maxMemoryBytes', '64k'],
      ['spark.tidemark.state.warnFraction', '0.5'],
      ['spark.tidemark.memorySink.maxRows', '1000'],
      ['spark.tidemark.memorySink.maxBytes', '2m'],
    ]);
    const fromConf = readResourceLimits(conf, {});
    expect(fromConf.state).toEqual({ maxMemoryBytes: 65_536, warnFraction: 0.5 });
    expect(fromConf.memorySink).toMatchObject({ maxRows: 1000, maxBytes: 2 * 1024 ** 2 });
    const fromOption = readResourceLimits(conf, {
      'SPARK.TIDEMARK.STATE.MAXMEMORYBYTES': '1m',
      'spark.tidemark.memorySink.maxRows': '7',
      'spark.tidemark.memorySink.warnFraction': '1',
    });
    expect(fromOption.state.maxMemoryBytes).toBe(1024 ** 2);
    expect(fromOption.memorySink).toMatchObject({ maxRows: 7, maxBytes: 2 * 1024 ** 2, warnFraction: 1 });
  });

  it('rejects values that are not positive sizes, counts or fractions, naming the key', () => {
    const conf = new RuntimeConfig();
    const read = (key: string, value: string) => () => readResourceLimits(conf, { [key]: value });
    expect(read('spark.tidemark.state.maxMemoryBytes', '0')).toThrow(/spark\.tidemark\.state\.maxMemoryBytes must be a positive size/);
    expect(read('spark.tidemark.state.maxMemoryBytes', 'big')).toThrow(/spark\.tidemark\.state\.maxMemoryBytes/);
    expect(read('spark.tidemark.state.warnFraction', '1.5')).toThrow(/spark\.tidemark\.state\.warnFraction must be a fraction/);
    expect(read('spark.tidemark.memorySink.maxRows', '2.5')).toThrow(/spark\.tidemark\.memorySink\.maxRows must be a positive whole number/);
    expect(read('spark.tidemark.memorySink.maxBytes', '-1g')).toThrow(/spark\.tidemark\.memorySink\.maxBytes must be a positive size/);
  });
});
