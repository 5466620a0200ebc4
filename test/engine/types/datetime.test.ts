import { describe, expect, it } from 'vitest';
import {
  compileDateTimePattern,
  formatDate,
  formatTimestamp,
  fromFields,
  stringToDate,
  stringToTimestamp,
  timestampFields,
  daysToTimestamp,
  timestampToDays,
} from '../../../engine/types/datetime';
import { parseZoneId } from '../../../engine/types/datetime-zones';

const us = (iso: string): number => Date.parse(iso) * 1000;

describe('stringToTimestamp (SparkDateTimeUtils.stringToTimestamp, DateTimeUtilsSuite "string to timestamp")', () => {
  it.each([
    ['2015', '2015-01-01T00:00:00Z'],
    ['2015-03', '2015-03-01T00:00:00Z'],
    ['2015-3-5', '2015-03-05T00:00:00Z'],
    ['2015-03-18 ', '2015-03-18T00:00:00Z'],
    ['2015-03-18 12:03:17', '2015-03-18T12:03:17Z'],
    ['2015-03-18T12:03:17', '2015-03-18T12:03:17Z'],
    ['2015-03-18T1:2:3', '2015-03-18T01:02:03Z'],
    ['2015-03-18T12:03', '2015-03-18T12:03:00Z'],
    ['2015-03-18T12:03:17.123', '2015-03-18T12:03:17.123Z'],
    ['2015-03-18T12:03:17Z', '2015-03-18T12:03:17Z'],
    ['2015-03-18T12:03:17-13:53', '2015-03-19T01:56:17Z'],
    ['2015-03-18T12:03:17+0100', '2015-03-18T11:03:17Z'],
    ['2015-03-18T12:03:17.456+7:30', '2015-03-18T04:33:17.456Z'],
    ['2015-03-18T12:03:17UTC+01:00', '2015-03-18T11:03:17Z'],
    ['2015-03-18T12:03:17GMT-1', '2015-03-18T13:03:17Z'],
    ['2015-03-18 12:03:17 Europe/Paris', '2015-03-18T11:03:17Z'],
    ['2015-07-18 12:03:17 Europe/Paris', '2015-07-18T10:03:17Z'],
    ['  2015-03-18 12:03:17\t', '2015-03-18T12:03:17Z'],
  ])('%j → %s', (text, iso) => {
    expect(stringToTimestamp(text, 'UTC')).toBe(us(iso));
  });

  it('keeps 6 fraction digits and truncates the rest', () => {
    expect(stringToTimestamp('2015-03-18T12:03:17.123456789Z', 'UTC')).toBe(us('2015-03-18T12:03:17.123Z') + 456);
    expect(stringToTimestamp('2015-03-18T12:03:17.000001', 'UTC')).toBe(us('2015-03-18T12:03:17Z') + 1);
  });

  it('applies the session time zone when the text has none', () => {
    expect(stringToTimestamp('2015-03-18 12:03:17', 'America/Los_Angeles')).toBe(us('2015-03-18T19:03:17Z'));
    expect(stringToTimestamp('2015-03-18 12:03:17', '+05:30')).toBe(us('2015-03-18T06:33:17Z'));
    expect(stringToTimestamp('2015-03-18 12:03:17Z', 'America/Los_Angeles')).toBe(us('2015-03-18T12:03:17Z'));
  });

  it('accepts signed and long years', () => {
    expect(formatTimestamp(stringToTimestamp('+10000-01-01', 'UTC') as number, 'UTC')).toBe('+10000-01-01 00:00:00');
    expect(formatTimestamp(stringToTimestamp('-0001-06-01', 'UTC') as number, 'UTC')).toBe('-0001-06-01 00:00:00');
  });

  it('time-only strings take today in the zone', () => {
    const v = stringToTimestamp('T10:11:12', 'UTC') as number;
    const today = new Date().toISOString().slice(0, 10);
    expect(formatTimestamp(v, 'UTC')).toBe(`${today} 10:11:12`);
    expect(stringToTimestamp('10:11:12', 'UTC')).toBe(v);
  });

  it.each([
    '1700000000', // digits only: a 10-digit year, not epoch seconds (JSON's digit strings fail)
    '201',
    '2015-02-30',
    '2015-13-01',
    '2015-03-18T24:00:00',
    '2015-03-18T12:60',
    '2015-03-18X12',
    '2015-03-18T12:03:17 Mars/Olympus',
    '2015-03-18T12:03:17+19:00',
    '',
    '   ',
    'abc',
  ])('%j is not a timestamp (null)', (text) => {
    expect(stringToTimestamp(text, 'UTC')).toBeNull();
  });

  it('a gap moves later, an overlap takes the earlier offset (ZonedDateTime.of)', () => {
    expect(stringToTimestamp('2015-03-29 02:30:00', 'Europe/Paris')).toBe(us('2015-03-29T01:30:00Z'));
    expect(stringToTimestamp('2015-10-25 02:30:00', 'Europe/Paris')).toBe(us('2015-10-25T00:30:00Z'));
  });
});

describe('stringToDate (SparkDateTimeUtils.stringToDate)', () => {
  it('reads the date forms and ignores what follows a space or T', () => {
    expect(stringToDate('2015-02-23')).toBe(16489);
    expect(stringToDate('2015-2-3')).toBe(16469);
    expect(stringToDate('2015-02')).toBe(16467);
    expect(stringToDate('2015')).toBe(16436);
    expect(stringToDate('2015-02-23 anything')).toBe(16489);
    expect(stringToDate('2015-02-23T10:00')).toBe(16489);
    expect(stringToDate('1969-12-31')).toBe(-1);
  });
  it('rejects bad dates', () => {
    expect(stringToDate('2015-02-29')).toBeNull();
    expect(stringToDate('2015-02x')).toBeNull();
    expect(stringToDate('15-02-23')).toBeNull();
    expect(stringToDate('')).toBeNull();
  });
});

describe('formatTimestamp / formatDate (CAST AS STRING)', () => {
  it('trims trailing fraction zeros', () => {
    expect(formatTimestamp(us('2015-02-23T10:18:53Z'), 'UTC')).toBe('2015-02-23 10:18:53');
    expect(formatTimestamp(us('2015-02-23T10:18:53.100Z'), 'UTC')).toBe('2015-02-23 10:18:53.1');
    expect(formatTimestamp(us('2015-02-23T10:18:53Z') + 1, 'UTC')).toBe('2015-02-23 10:18:53.000001');
  });
  it('renders in the given zone', () => {
    expect(formatTimestamp(us('2015-02-23T10:18:53Z'), 'Europe/Paris')).toBe('2015-02-23 11:18:53');
    expect(formatTimestamp(us('2015-07-23T10:18:53Z'), 'Europe/Paris')).toBe('2015-07-23 12:18:53');
    expect(formatTimestamp(us('2015-07-23T10:18:53Z'), '-08:00')).toBe('2015-07-23 02:18:53');
  });
  it('handles instants before the epoch', () => {
    expect(formatTimestamp(-1, 'UTC')).toBe('1969-12-31 23:59:59.999999');
    expect(formatDate(-1)).toBe('1969-12-31');
  });
  it('prints years beyond 9999 with a + as java.time does (the lab Arrival_Time read as seconds)', () => {
    expect(formatTimestamp(1424686735175 * 1_000_000, 'UTC')).toBe('+47116-07-11 19:19:35');
  });
});

describe('timestampFields / fromFields', () => {
  it('splits a timestamp in a zone', () => {
    const f = timestampFields(us('2015-02-23T10:18:53.176Z') + 178, 'Europe/Paris');
    expect(f).toEqual({ year: 2015, month: 2, day: 23, hour: 11, minute: 18, second: 53, micros: 176178, dayOfWeek: 1, dayOfYear: 54 });
  });
  it('builds a timestamp from local fields', () => {
    expect(fromFields(2015, 2, 23, 11, 18, 53, 5, 'Europe/Paris')).toBe(us('2015-02-23T10:18:53Z') + 5);
    expect(fromFields(2015, 2, 29, 0, 0, 0, 0, 'UTC')).toBeNull();
  });
  it('converts between dates and timestamps in a zone', () => {
    expect(timestampToDays(us('2015-02-23T23:30:00Z'), 'Europe/Paris')).toBe(16490);
    expect(daysToTimestamp(16489, 'Europe/Paris')).toBe(us('2015-02-22T23:00:00Z'));
  });
});

describe('zone ids (SparkDateTimeUtils.getZoneId)', () => {
  it('resolves offsets, prefixes, short ids and regions', () => {
    expect(parseZoneId('+01:00')?.fixedOffsetSeconds).toBe(3600);
    expect(parseZoneId('+1:00')?.fixedOffsetSeconds).toBe(3600);
    expect(parseZoneId('-08')?.fixedOffsetSeconds).toBe(-28800);
    expect(parseZoneId('+0530')?.fixedOffsetSeconds).toBe(19800);
    expect(parseZoneId('UTC+2')?.fixedOffsetSeconds).toBe(7200);
    expect(parseZoneId('EST')?.fixedOffsetSeconds).toBe(-18000);
    expect(parseZoneId('PST')?.id).toBe('America/Los_Angeles');
    expect(parseZoneId('Europe/Paris')?.fixedOffsetSeconds).toBeNull();
    expect(parseZoneId('+18:01')).toBeNull();
    expect(parseZoneId('Nowhere/City')).toBeNull();
  });
});

describe('compileDateTimePattern (Spark datetime patterns, DateFormatterSuite / TimestampFormatterSuite)', () => {
  it("formats the JSON writer's default yyyy-MM-dd'T'HH:mm:ss.SSSXXX", () => {
    const p = compileDateTimePattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    const t = us('2015-02-23T10:18:53.176Z') + 178;
    expect(p.format(t, 'UTC')).toBe('2015-02-23T10:18:53.176Z');
    expect(p.format(t, 'Europe/Paris')).toBe('2015-02-23T11:18:53.176+01:00');
    expect(p.format(1424686735175 * 1_000_000, 'UTC')).toBe('+47116-07-11T19:19:35.000Z');
  });

  it('parses with variable-length fractions and offsets', () => {
    const p = compileDateTimePattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    expect(p.parse('2015-02-23T11:18:53.176+01:00', 'UTC')).toBe(us('2015-02-23T10:18:53.176Z'));
    expect(p.parse('2015-02-23T10:18:53.1Z', 'UTC')).toBe(us('2015-02-23T10:18:53.100Z'));
    expect(p.parse('2015-02-23T10:18:53.1234Z', 'UTC')).toBeNull();
    expect(p.parse('2015-02-23 10:18:53.176Z', 'UTC')).toBeNull();
  });

  it('parses adjacent numbers (yyyyMMddHHmmss)', () => {
    expect(compileDateTimePattern('yyyyMMddHHmmss').parse('20150223101853', 'UTC')).toBe(us('2015-02-23T10:18:53Z'));
  });

  it('uses the session zone when the pattern has no zone', () => {
    expect(compileDateTimePattern('yyyy-MM-dd HH:mm').parse('2015-02-23 11:18', 'Europe/Paris')).toBe(us('2015-02-23T10:18:00Z'));
  });

  it('12-hour clocks with am/pm, case-insensitive text', () => {
    const p = compileDateTimePattern('dd/MM/yyyy hh:mm a');
    expect(p.parse('23/02/2015 10:18 pm', 'UTC')).toBe(us('2015-02-23T22:18:00Z'));
    expect(p.parse('23/02/2015 12:05 AM', 'UTC')).toBe(us('2015-02-23T00:05:00Z'));
    expect(p.format(us('2015-02-23T00:05:00Z'), 'UTC')).toBe('23/02/2015 12:05 AM');
    expect(compileDateTimePattern('dd MMM yyyy').parse('23 feb 2015', 'UTC')).toBe(us('2015-02-23T00:00:00Z'));
  });

  it('defaults missing fields to 1970-01-01 00:00 (toLocalDate/toLocalTime)', () => {
    expect(compileDateTimePattern('HH:mm').parse('10:30', 'UTC')).toBe(us('1970-01-01T10:30:00Z'));
    expect(compileDateTimePattern('MM').parse('03', 'UTC')).toBe(us('1970-03-01T00:00:00Z'));
  });

  it('is strict: invalid dates and leftovers do not parse', () => {
    const p = compileDateTimePattern('yyyy-MM-dd');
    expect(p.parse('2015-02-30', 'UTC')).toBeNull();
    expect(p.parse('2015-02-23x', 'UTC')).toBeNull();
    expect(p.parse('15-02-23', 'UTC')).toBeNull();
    expect(p.parseDate('2015-02-23')).toBe(16489);
  });

  it('formats text fields in English', () => {
    const p = compileDateTimePattern("EEEE, MMMM d, yyyy G 'Q'q QQQ", { forParsing: false });
    expect(p.format(us('2015-02-23T10:00:00Z'), 'UTC')).toBe('Monday, February 23, 2015 AD Q1 Q1');
    expect(compileDateTimePattern('xx ZZZZ O VV', { forParsing: false }).format(us('2015-02-23T10:00:00Z'), 'Europe/Paris')).toBe(
      '+0100 GMT+01:00 GMT+1 Europe/Paris',
    );
  });

  it('rejects what Spark rejects', () => {
    expect(() => compileDateTimePattern('YYYY-ww')).toThrow(/INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_WEEK_BASED_PATTERN/);
    expect(() => compileDateTimePattern('yyyy-MM-dd n')).toThrow(/INVALID_DATETIME_PATTERN.ILLEGAL_CHARACTER/);
    expect(() => compileDateTimePattern('EEE yyyy')).toThrow(/ILLEGAL_CHARACTER/);
    expect(() => compileDateTimePattern('EEE yyyy', { forParsing: false })).not.toThrow();
    expect(() => compileDateTimePattern('MMMMM')).toThrow(/INVALID_DATETIME_PATTERN.LENGTH/);
    expect(() => compileDateTimePattern('yyyyyyy')).toThrow(/INVALID_DATETIME_PATTERN.LENGTH/);
  });
});
