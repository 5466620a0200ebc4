import { describe, expect, it } from 'vitest';
import { sample, session } from './dataframe-fixtures';

const spark = session();
const df = sample(spark);
const is = (rows: Record<string, unknown>[]) => rows.map((r) => r.i);

describe('na.drop / dropna (DataFrameNaFunctions, results from pyspark 4.1.4)', () => {
  it("how='any' drops rows with any null or NaN (NaN counts as missing in double columns)", async () => {
    expect(await df.na.drop().collect()).toEqual([{ i: 1, s: 'a', d: 1.5 }]);
  });
  it("how='all' drops only rows where every column is missing", async () => {
    expect(await df.na.drop('all').count()).toBe(4);
  });
  it('thresh overrides how: keep rows with at least thresh present values', async () => {
    expect(is(await df.na.drop({ thresh: 2 }).collect())).toEqual([1, 2, null]);
    expect(is(await df.dropna('all', 2).collect())).toEqual([1, 2, null]);
    expect(await df.na.drop({ thresh: 0 }).count()).toBe(4);
  });
  it('subset restricts the columns looked at', async () => {
    expect(is(await df.na.drop('any', undefined, ['d']).collect())).toEqual([1, null]);
    expect(is(await df.na.drop({ subset: 'd' }).collect())).toEqual([1, null]);
  });
  it('an unknown subset column or how is an error', () => {
    expect(() => df.na.drop({ subset: ['zz'] })).toThrow('[UNRESOLVED_COLUMN.WITH_SUGGESTION]');
    expect(() => df.na.drop('some' as 'any')).toThrow(
      "Value for `how` must be 'any' or 'all', got 'some'.",
    );
  });
});

describe('na.fill / fillna typing rules (results from pyspark 4.1.4)', () => {
  it('a number fills numeric columns, cast to each (3.7 → 3 in an int column), NaN included', async () => {
    expect(await df.na.fill(3.7).collect()).toEqual([
      { i: 1, s: 'a', d: 1.5 },
      { i: 2, s: 'a', d: 3.7 },
      { i: 3, s: null, d: 3.7 },
      { i: 3, s: 'b', d: 2 },
    ]);
  });
  it('a float column takes the value rounded to float', async () => {
    const f = spark.createDataFrame([[null], [NaN]], 'x float');
    expect((await f.na.fill(3.9).collect()).map((r) => r.x)).toEqual([
      Math.fround(3.9),
      Math.fround(3.9),
    ]);
  });
  it('a string fills only string columns, a boolean only boolean columns', async () => {
    expect((await df.na.fill('z').collect()).map((r) => [r.s, r.d])).toEqual([
      ['a', 1.5],
      ['a', null],
      ['z', NaN],
      ['b', 2],
    ]);
    expect(await df.na.fill(true).collect()).toEqual(await df.collect());
  });
  it('subset restricts the columns; columns of another type in it are skipped', async () => {
    expect((await df.na.fill(0, ['s', 'd']).collect()).map((r) => [r.i, r.d])).toEqual([
      [1, 1.5],
      [2, 0],
      [3, 0],
      [null, 2],
    ]);
    expect((await df.fillna('q', ['i', 's']).collect()).map((r) => r.s)).toEqual([
      'a',
      'a',
      'q',
      'b',
    ]);
  });
  it('the dict form casts each value to its column (5 → "5", true → "true") and ignores subset', async () => {
    expect(await df.na.fill({ i: 9, s: 'q', d: 0 }).collect()).toEqual([
      { i: 1, s: 'a', d: 1.5 },
      { i: 2, s: 'a', d: 0 },
      { i: 3, s: 'q', d: 0 },
      { i: 9, s: 'b', d: 2 },
    ]);
    expect((await df.na.fill({ s: 5 }).collect()).map((r) => r.s)).toEqual(['a', 'a', '5', 'b']);
    expect((await df.na.fill({ s: true }).collect()).map((r) => r.s)).toEqual([
      'a',
      'a',
      'true',
      'b',
    ]);
    expect((await df.fillna({ i: 1 }, ['s']).collect()).map((r) => r.i)).toEqual([1, 2, 3, 1]);
  });
  it('a string that is not a number into an int column is CAST_INVALID_INPUT', () => {
    expect(() => df.na.fill({ i: 'x' })).toThrow(
      `[CAST_INVALID_INPUT] The value 'x' of the type "STRING" cannot be cast to "INT" because it is malformed.`,
    );
  });
  it('unknown columns are UNRESOLVED_COLUMN', () => {
    expect(() => df.na.fill(0, ['zz'])).toThrow('[UNRESOLVED_COLUMN.WITH_SUGGESTION]');
    expect(() => df.na.fill({ zz: 1 })).toThrow('[UNRESOLVED_COLUMN.WITH_SUGGESTION]');
  });
});
