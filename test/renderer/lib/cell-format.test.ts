import { describe, expect, it } from 'vitest';
import {
  formatDateMillis,
  formatDouble,
  formatFloat,
  formatNested,
  formatTimestampMicros,
} from '../../../renderer/src/lib/cell-format';

describe("cell-format: values as Spark's show() prints them", () => {
  it('prints doubles as Java does (Double.toString)', () => {
    expect(formatDouble(1)).toBe('1.0');
    expect(formatDouble(-0.5)).toBe('-0.5');
    expect(formatDouble(0.0014038086)).toBe('0.0014038086');
    expect(formatDouble(5.0354e-4)).toBe('5.0354E-4');
    expect(formatDouble(12345678)).toBe('1.2345678E7');
    expect(formatDouble(Number.NaN)).toBe('NaN');
    expect(formatDouble(-Infinity)).toBe('-Infinity');
    expect(formatDouble(0)).toBe('0.0');
  });

  it('prints timestamps as CAST(ts AS STRING) in UTC, trailing zero fraction digits dropped', () => {
    expect(formatTimestampMicros(1424686735175000n)).toBe('2015-02-23 10:18:55.175');
    expect(formatTimestampMicros(1424686735175123n)).toBe('2015-02-23 10:18:55.175123');
    expect(formatTimestampMicros(1424686735000000n)).toBe('2015-02-23 10:18:55');
    expect(formatTimestampMicros(-1n)).toBe('1969-12-31 23:59:59.999999');
    expect(formatDateMillis(Date.UTC(2015, 1, 23))).toBe('2015-02-23');
  });

  it('prints nested values in show() spelling', () => {
    expect(formatNested([1, null, 2.5])).toBe('[1, NULL, 2.5]');
    expect(formatNested(new Map([['k', 1]]))).toBe('{k -> 1}');
    expect(formatNested(new Uint8Array([1, 171]))).toBe('[01 AB]');
  });

  it('prints floats as Java does (Float.toString): the shortest digits that read back', () => {
    expect(formatFloat(Math.fround(0.1))).toBe('0.1');
    expect(formatFloat(Math.fround(1.5))).toBe('1.5');
    expect(formatFloat(Math.fround(3.4e38))).toBe('3.4E38');
    expect(formatFloat(Math.fround(1e-5))).toBe('1.0E-5');
    expect(formatFloat(Number.NaN)).toBe('NaN');
  });
});
