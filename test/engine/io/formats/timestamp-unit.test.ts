import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { integerToMicros, parseTimestampUnits, plausibleUnit, type TimestampUnit } from '../../../../engine/io/formats/timestamp-unit';
import { javaMicros } from '../../../fixtures/java-long-micros';

/** Java's long arithmetic, for reference values. */
const javaTimes = (literal: string, factor: bigint): number => Number(BigInt.asIntN(64, BigInt(literal) * factor));

describe('integer timestamps (JacksonParser: parser.getLongValue * 1000000L, no overflow check)', () => {
  it('seconds ×1e6 exactly within range', () => {
    expect(integerToMicros('1424686735', 's')).toBe(1424686735_000_000);
    expect(integerToMicros('-1', 's')).toBe(-1_000_000);
    expect(integerToMicros('0', 's')).toBe(0);
  });

  it('wraps around 64 bits like Java for values past 2^63 / 1e6', () => {
    for (const literal of ['1424686733176178965', '-1424686733176178965', '9223372036854775807', '-9223372036854775808', '1424686735175', '9223372036855']) {
      expect(integerToMicros(literal, 's')).toBe(javaTimes(literal, 1_000_000n));
      expect(integerToMicros(literal, 'ms')).toBe(javaTimes(literal, 1_000n));
    }
  });

  it('a literal that does not fit a long is a bad value (Jackson getLongValue throws)', () => {
    expect(integerToMicros('9223372036854775808', 's')).toBeNull();
    expect(integerToMicros('-9223372036854775809', 'ns')).toBeNull();
    expect(integerToMicros('123456789012345678901', 'us')).toBeNull();
  });

  it("equals Java's long arithmetic (BigInt model) for every unit, across and beyond the 64-bit range", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.bigInt({ min: -(2n ** 66n), max: 2n ** 66n }), fc.bigInt({ min: -(10n ** 16n), max: 10n ** 16n }), fc.integer().map(BigInt)),
        fc.constantFrom<TimestampUnit>('s', 'ms', 'us', 'ns'),
        (n, unit) => {
          expect(integerToMicros(String(n), unit)).toBe(javaMicros(n, unit));
        },
      ),
      { numRuns: 2000 },
    );
    expect(Object.is(integerToMicros('-0', 's'), -0)).toBe(true);
  });

  it('nanoseconds floor to microseconds', () => {
    expect(integerToMicros('1424686733176178965', 'ns')).toBe(1424686733176178);
    expect(integerToMicros('-1500', 'ns')).toBe(-2);
    expect(integerToMicros('999', 'ns')).toBe(0);
  });

  it('finds the unit that gives a year in 1900-2200', () => {
    expect(plausibleUnit('1424686735')).toBe('s');
    expect(plausibleUnit('1424686735175')).toBe('ms');
    expect(plausibleUnit('1424686735175000')).toBe('us');
    expect(plausibleUnit('1424686733176178965')).toBe('ns');
    expect(plausibleUnit('42')).toBe('s');
    expect(plausibleUnit('99999999999999999999')).toBeNull();
  });

  it('parses the option: one unit, or per column', () => {
    expect(parseTimestampUnits('NS').fallback).toBe('ns');
    const u = parseTimestampUnits('ms, Creation_Time:ns');
    expect(u.fallback).toBe('ms');
    expect(u.byColumn.get('Creation_Time')).toBe('ns');
    expect(() => parseTimestampUnits('hours')).toThrow(/timestampUnit/);
  });
});
