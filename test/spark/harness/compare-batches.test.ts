/**
 * The conformance comparison itself: canonical values (typed-rows.ts), the batch alignment
 * rule and multiset/tolerance matching (compare-batches.ts), error expectations and scenario
 * loading. A comparison that is too lenient would hide engine differences, so each rule
 * is checked in both directions.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DoubleType, LongType, TimestampType } from '../../../engine/types/data-types';
import { StructType } from '../../../engine/types/struct-type';
import { compareBatches } from './compare-batches';
import { errorMatches } from './evaluate';
import { loadScenarios } from './scenario';
import { scenarioPlan } from './scenario-plan';
import {
  canonicalValue,
  formatMicros,
  parseTimestampText,
  type CanonicalBatch,
} from './typed-rows';

const cols = [
  { name: 'k', type: 'string' },
  { name: 'avg(x)', type: 'double' },
];
const batch = (batchId: number, rows: unknown[][]): CanonicalBatch => ({
  batchId,
  columns: cols,
  rows,
});

describe('typed-rows: both engines in one canonical form', () => {
  it('formats microseconds as Spark prints timestamps, including years past 9999 (overflowed lab nanoseconds)', () => {
    expect(formatMicros(10_000_000)).toBe('1970-01-01T00:00:10.000000Z');
    expect(formatMicros(-1)).toBe('1969-12-31T23:59:59.999999Z');
    const spark = '+47116-07-11T19:19:35.000000Z';
    expect(formatMicros(parseTimestampText(spark) as number)).toBe(spark);
  });

  it('reads Spark timestamp text with offsets to the same microsecond as Tidemark', () => {
    expect(parseTimestampText('2024-03-01T12:00:00.123456+02:00')).toBe(
      Date.UTC(2024, 2, 1, 10) * 1000 + 123_456,
    );
    expect(canonicalValue('1970-01-01T00:00:10.000000Z', new TimestampType())).toBe(
      canonicalValue(10_000_000, new TimestampType()),
    );
  });

  it('keeps NaN and infinities as Spark quotes them, and -0 as 0', () => {
    expect(canonicalValue(NaN, new DoubleType())).toBe('NaN');
    expect(canonicalValue(-Infinity, new DoubleType())).toBe('-Infinity');
    expect(canonicalValue(-0, new DoubleType())).toBe(0);
  });

  it('canonicalises structs (the window column) field by field', () => {
    const window = new StructType()
      .add('start', new TimestampType())
      .add('end', new TimestampType());
    expect(canonicalValue({ start: 0, end: 5_000_000 }, window)).toEqual({
      start: '1970-01-01T00:00:00.000000Z',
      end: '1970-01-01T00:00:05.000000Z',
    });
    expect(canonicalValue('12', new LongType())).toBe(12);
  });
});

describe('compareBatches: batch by batch, rows as multisets', () => {
  it('ignores row order and batches without rows, but not the number of batches with output', () => {
    const spark = [
      batch(0, [
        ['a', 1],
        ['b', 2],
      ]),
      batch(1, []),
      batch(2, [['a', 3]]),
    ];
    const same = [
      batch(0, [
        ['b', 2],
        ['a', 1],
      ]),
      batch(1, [['a', 3]]),
    ];
    expect(compareBatches(spark, same).equal).toBe(true);
    const merged = [
      batch(0, [
        ['a', 1],
        ['b', 2],
        ['a', 3],
      ]),
    ];
    const r = compareBatches(spark, merged);
    expect(r.equal).toBe(false);
    expect(r.differences[0]).toContain('batches with output: Spark 2 [0, 2], Tidemark 1 [0]');
  });

  it('counts duplicates: a multiset, not a set', () => {
    expect(
      compareBatches(
        [
          batch(0, [
            ['a', 1],
            ['a', 1],
          ]),
        ],
        [batch(0, [['a', 1]])],
      ).equal,
    ).toBe(false);
  });

  it('compares doubles within the relative tolerance only', () => {
    expect(compareBatches([batch(0, [['a', 0.1 + 0.2]])], [batch(0, [['a', 0.3]])]).equal).toBe(
      true,
    );
    const far = compareBatches([batch(0, [['a', 0.3]])], [batch(0, [['a', 0.3001]])]);
    expect(far.equal).toBe(false);
    expect(far.differences[0]).toContain('only in Spark');
    expect(
      compareBatches([batch(0, [['a', 0.3]])], [batch(0, [['a', 0.3001]])], {
        floatTolerance: 1e-3,
      }).equal,
    ).toBe(true);
  });

  it('reports a column name or type difference as a schema difference', () => {
    const other: CanonicalBatch = {
      batchId: 0,
      columns: [cols[0], { name: 'avg(x)', type: 'bigint' }],
      rows: [['a', 1]],
    };
    const r = compareBatches([batch(0, [['a', 1]])], [other]);
    expect(r.differences[0]).toMatch(/^schema differs/);
  });

  it('sorts arrays of unordered-array columns before comparing (collect_list)', () => {
    const c = [{ name: 'collect_list(v)', type: 'array<int>' }];
    const s: CanonicalBatch[] = [{ batchId: 0, columns: c, rows: [[[2, 1, 1]]] }];
    const t: CanonicalBatch[] = [{ batchId: 0, columns: c, rows: [[[1, 2, 1]]] }];
    expect(compareBatches(s, t).equal).toBe(false);
    expect(compareBatches(s, t, { unorderedArrays: ['collect_list(v)'] }).equal).toBe(true);
  });
});

describe('error expectations', () => {
  const error = {
    phase: 'run',
    type: 'StreamingQueryException',
    condition: 'STREAM_FAILED',
    classes: ['STREAM_FAILED', 'MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION'],
    message: 'Malformed records are detected in record parsing',
  };
  it('matches an error class, its sub-class, or a message fragment (case-insensitive)', () => {
    expect(errorMatches({ errorClass: 'MALFORMED_RECORD_IN_PARSING' }, error)).toBe(true);
    expect(errorMatches({ errorClass: 'MALFORMED_RECORD' }, error)).toBe(false);
    expect(errorMatches({ messageContains: 'malformed records' }, error)).toBe(true);
    expect(errorMatches({ errorClass: 'DIVIDE_BY_ZERO' }, null)).toBe(false);
  });
});

describe('scenario files', () => {
  let dir = '';
  afterEach(() => {
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
    dir = '';
  });

  it('expand variants, parse expression strings and complete the source node', () => {
    dir = mkdtempSync(join(tmpdir(), 'tidemark-scenarios-'));
    mkdirSync(join(dir, 'expressions'));
    writeFileSync(
      join(dir, 'expressions', 'x.json'),
      JSON.stringify({
        name: 'x',
        area: 'expressions',
        description: 'd',
        schema: 'a INT',
        plan: { op: 'project', input: { op: 'source', path: '$INPUT' }, exprs: ['a + 1'] },
        sink: { outputMode: 'append' },
        steps: [{ files: [[{ a: 1 }]] }],
        variants: [
          { suffix: 'ansi-on', conf: { 'spark.sql.ansi.enabled': 'true' } },
          {
            suffix: 'ansi-off',
            conf: { 'spark.sql.ansi.enabled': 'false' },
            expect: { error: { errorClass: 'X' } },
          },
        ],
      }),
    );
    const [off, on] = loadScenarios(dir);
    expect([off.id, on.id]).toEqual(['x[ansi-off]', 'x[ansi-on]']);
    expect(off.conf['spark.sql.ansi.enabled']).toBe('false');
    expect(off.expect?.error?.errorClass).toBe('X');
    const plan = scenarioPlan(on, '/data/in');
    expect(plan.op).toBe('project');
    if (plan.op !== 'project' || plan.input.op !== 'source') throw new Error('unexpected plan');
    expect(plan.exprs[0]).toMatchObject({ kind: 'binary', op: '+' });
    expect(plan.input).toMatchObject({
      path: '/data/in',
      format: 'json',
      streaming: true,
      id: 'input',
    });
  });

  it('name the file when a scenario is malformed', () => {
    dir = mkdtempSync(join(tmpdir(), 'tidemark-scenarios-'));
    mkdirSync(join(dir, 'na'));
    writeFileSync(join(dir, 'na', 'bad.json'), JSON.stringify({ name: 'bad', area: 'na' }));
    expect(() => loadScenarios(dir)).toThrow(/na[\\/]bad\.json: missing "description"/);
  });
});
