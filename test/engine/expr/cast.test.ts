import { describe, expect, it } from 'vitest';
import { SparkArithmeticException, SparkNumberFormatException } from '../../../engine/errors';
import { LEGACY, errorOf, evalOne, evalRows } from './expr-harness';

const US = 1_000_000;

describe('string → numbers (Cast.castToInt & co.)', () => {
  it('trims whitespace', () => {
    expect(evalOne("CAST('  42 ' AS INT)")).toBe(42);
    expect(evalOne("CAST('\t-7\n' AS BIGINT)")).toBe(-7);
    expect(evalOne("CAST(' 1.5 ' AS DOUBLE)")).toBe(1.5);
  });
  it('ANSI: malformed input is CAST_INVALID_INPUT with the exact message', () => {
    const e = errorOf(() => evalOne("CAST('abc' AS INT)"));
    expect(e).toBeInstanceOf(SparkNumberFormatException);
    expect(e.sqlState).toBe('22018');
    expect(e.message).toContain(
      `[CAST_INVALID_INPUT] The value 'abc' of the type "STRING" cannot be cast to "INT" because it is malformed. Correct the value as per the syntax, or change its target type. Use \`try_cast\` to tolerate malformed input and return NULL instead. If necessary set "spark.sql.ansi.enabled" to "false" to bypass this error. SQLSTATE: 22018`,
    );
  });
  it('non-ANSI: malformed input is NULL, a fraction is truncated, overflow is NULL', () => {
    expect(evalOne("CAST('abc' AS INT)", LEGACY)).toBe(null);
    expect(evalOne("CAST('1.9' AS INT)", LEGACY)).toBe(1);
    expect(evalOne("CAST('3000000000' AS INT)", LEGACY)).toBe(null);
  });
  it('try_cast is NULL on malformed input in ANSI mode', () => {
    expect(evalOne("try_cast('abc' AS INT)")).toBe(null);
    expect(evalOne("TRY_CAST('12' AS INT)")).toBe(12);
  });
  it('reads Infinity and NaN spellings for doubles', () => {
    expect(evalOne("CAST('inf' AS DOUBLE)")).toBe(Infinity);
    expect(evalOne("CAST('-Infinity' AS DOUBLE)")).toBe(-Infinity);
    expect(Number.isNaN(evalOne("CAST('NaN' AS DOUBLE)"))).toBe(true);
    expect(evalOne("CAST('1e3' AS DOUBLE)")).toBe(1000);
  });
  it('rounds floats with Math.fround', () => {
    expect(evalOne("CAST('0.1' AS FLOAT)")).toBe(Math.fround(0.1));
  });
});

describe('string → boolean (StringUtils.isTrueString)', () => {
  it('accepts t/true/y/yes/1 and f/false/n/no/0 in any case', () => {
    for (const s of ['t', 'TRUE', 'y', 'Yes', '1']) expect(evalOne(`CAST(' ${s} ' AS BOOLEAN)`)).toBe(true);
    for (const s of ['f', 'False', 'n', 'NO', '0']) expect(evalOne(`CAST('${s}' AS BOOLEAN)`)).toBe(false);
    expect(evalOne("CAST('maybe' AS BOOLEAN)", LEGACY)).toBe(null);
    expect(errorOf(() => evalOne("CAST('maybe' AS BOOLEAN)")).errorClass).toBe('CAST_INVALID_INPUT');
  });
});

describe('numeric casts', () => {
  it('double → int truncates toward zero', () => {
    expect(evalOne('CAST(2.9 AS INT)')).toBe(2);
    expect(evalOne('CAST(-2.9 AS INT)')).toBe(-2);
  });
  it('out of range: ANSI CAST_OVERFLOW, try_cast NULL, non-ANSI wraps (integral) or saturates (fractional)', () => {
    const e = errorOf(() => evalOne('CAST(3000000000L AS INT)'));
    expect(e).toBeInstanceOf(SparkArithmeticException);
    expect(e.errorClass).toBe('CAST_OVERFLOW');
    expect(e.message).toContain('The value 3000000000L of the type "BIGINT" cannot be cast to "INT" due to an overflow.');
    expect(evalOne('try_cast(3000000000L AS INT)')).toBe(null);
    expect(evalOne('CAST(3000000000L AS INT)', LEGACY)).toBe(-1294967296);
    expect(evalOne('CAST(1e10 AS INT)', LEGACY)).toBe(2147483647);
    expect(errorOf(() => evalOne('CAST(1e10 AS INT)')).message).toContain('The value 1.0E10D of the type "DOUBLE"');
    expect(evalOne('CAST(300 AS TINYINT)', LEGACY)).toBe(44);
  });
  it('boolean ↔ numbers', () => {
    expect(evalOne('CAST(true AS INT)')).toBe(1);
    expect(evalOne('CAST(0 AS BOOLEAN)')).toBe(false);
    expect(evalOne('CAST(2.5 AS BOOLEAN)')).toBe(true);
  });
});

describe('timestamps and dates', () => {
  it('number → timestamp is seconds since the epoch', () => {
    expect(evalOne('CAST(1 AS TIMESTAMP)')).toBe(US);
    expect(evalOne('CAST(1.5 AS TIMESTAMP)')).toBe(1.5 * US);
  });
  it('timestamp → bigint is floor seconds, → double fractional seconds', () => {
    expect(evalRows('CAST(ts AS BIGINT)', [{ ts: -1 }, { ts: 2_500_000 }])).toEqual([-1, 2]);
    expect(evalRows('CAST(ts AS DOUBLE)', [{ ts: 2_500_000 }])).toEqual([2.5]);
  });
  it("timestamp → string uses Spark's format with a trimmed fraction", () => {
    expect(evalRows('CAST(ts AS STRING)', [{ ts: Date.UTC(2024, 0, 2, 3, 4, 5) * 1000 + 120_000 }])).toEqual(['2024-01-02 03:04:05.12']);
    expect(evalOne("CAST(TIMESTAMP '2024-01-02 03:04:05' AS STRING)", { ...LEGACY, timeZone: 'America/New_York' })).toBe('2024-01-02 03:04:05');
  });
  it('string → timestamp and date follow the session time zone', () => {
    expect(evalOne("CAST('2024-01-01 00:00:00' AS TIMESTAMP)")).toBe(Date.UTC(2024, 0, 1) * 1000);
    expect(evalOne("CAST('2024-01-01 00:00:00' AS TIMESTAMP)", { ...LEGACY, timeZone: 'Europe/Paris' })).toBe(Date.UTC(2023, 11, 31, 23) * 1000);
    expect(evalOne("CAST('2024-02-29' AS DATE)")).toBe(19782);
    expect(errorOf(() => evalOne("CAST('2024-13-01' AS DATE)")).errorClass).toBe('CAST_INVALID_INPUT');
    expect(evalOne("CAST('2024-13-01' AS DATE)", LEGACY)).toBe(null);
  });
  it('timestamp ↔ date', () => {
    expect(evalRows('CAST(ts AS DATE)', [{ ts: Date.UTC(2024, 0, 1, 23) * 1000 }])).toEqual([19723]);
    expect(evalRows('CAST(dt AS TIMESTAMP)', [{ dt: 19723 }])).toEqual([Date.UTC(2024, 0, 1) * 1000]);
  });
  it('rejects casts Spark does not allow (DATATYPE_MISMATCH.CAST_WITH_FUNC_SUGGESTION)', () => {
    const e = errorOf(() => evalRows('CAST(dt AS INT)', []));
    expect(e.errorClass).toBe('DATATYPE_MISMATCH.CAST_WITH_FUNC_SUGGESTION');
    expect(e.message).toContain('cannot cast "DATE" to "INT". To convert values from "DATE" to "INT", you can use the functions `UNIX_DATE` instead.');
  });
});

describe('→ string', () => {
  it("prints doubles as Java's Double.toString", () => {
    expect(evalOne('CAST(1.0 AS STRING)')).toBe('1.0');
    expect(evalOne('CAST(1e10 AS STRING)')).toBe('1.0E10');
    expect(evalOne('CAST(0.0001 AS STRING)')).toBe('1.0E-4');
    expect(evalOne('CAST(123.456 AS STRING)')).toBe('123.456');
    expect(evalOne('CAST(1.5F AS STRING)')).toBe('1.5');
    expect(evalOne('CAST(true AS STRING)')).toBe('true');
    expect(evalOne('CAST(10L AS STRING)')).toBe('10');
  });
  it('reads binary as UTF-8 (Cast: UTF8String.fromBytes), e.g. a Kafka value', () => {
    const value = new TextEncoder().encode('héllo');
    expect(evalRows('CAST(v AS STRING)', [{ v: value }], LEGACY, 'v BINARY')).toEqual(['héllo']);
  });
  it('prints structs as {a, b}', () => {
    expect(evalRows('CAST(w AS STRING)', [{ w: { a: 1, b: null } }], LEGACY, 'w STRUCT<a: INT, b: STRING>')).toEqual(['{1, null}']);
  });
});

describe('typed literals (AstBuilder.visitTypeConstructor)', () => {
  it('converts TIMESTAMP and DATE literals in the session zone, rejecting invalid text', () => {
    expect(evalOne("TIMESTAMP '1970-01-01 00:00:01'")).toBe(US);
    expect(evalOne("DATE '1970-01-02'")).toBe(1);
    const e = errorOf(() => evalOne("DATE '2024-13-01'"));
    expect(e.errorClass).toBe('INVALID_TYPED_LITERAL');
    expect(e.message).toContain(`The value of the typed literal "DATE" is invalid: '2024-13-01'.`);
  });
});
