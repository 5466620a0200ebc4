/**
 * The palette's nodes, the window keys and aggregates the inspector edits as parts, and the
 * inline reference rows of a join.
 */
import { describe, expect, it } from 'vitest';
import { aggregateText, parseAggregate } from '../../../renderer/src/lib/builder-aggregates';
import {
  nodeSummary,
  nodeTitle,
  PALETTE,
  stepFor,
  timeColumn,
} from '../../../renderer/src/lib/builder-palette';
import { parseRowLines, rowLines } from '../../../renderer/src/lib/builder-reference-rows';
import { parseWindowKey, windowKeyText } from '../../../renderer/src/lib/builder-window-keys';

const LAB = [
  { name: 'Arrival_Time', type: 'bigint' },
  { name: 'Creation_Time', type: 'timestamp' },
  { name: 'Device', type: 'string' },
  { name: 'User', type: 'string' },
];

describe('palette', () => {
  it('offers every operator of the issue, each making a step (the sink selects the sink node)', () => {
    expect(PALETTE.map((p) => p.label)).toEqual([
      'Filter',
      'Select',
      'Add column',
      'Rename',
      'Drop columns',
      'Drop nulls',
      'Fill nulls',
      'Group by',
      'Cube',
      'Rollup',
      'Window',
      'Session window',
      'Watermark',
      'Deduplicate',
      'Join reference data',
      'Sink',
    ]);
    for (const p of PALETTE) expect(stepFor(p.id, LAB) === null).toBe(p.id === 'sink');
  });

  it('watermark and window default to the first timestamp column', () => {
    expect(timeColumn(LAB)).toBe('Creation_Time');
    expect(stepFor('watermark', LAB)).toEqual({
      kind: 'watermark',
      column: 'Creation_Time',
      delay: '10 minutes',
    });
    expect(stepFor('window', LAB)).toEqual({
      kind: 'groupBy',
      keys: ["window(Creation_Time, '10 minutes')"],
      aggs: [],
    });
    expect(stepFor('sessionWindow', LAB)).toEqual({
      kind: 'groupBy',
      keys: ["session_window(Creation_Time, '5 minutes')"],
      aggs: [],
    });
  });

  it('names and summarises nodes in the DataFrame API’s words', () => {
    const w = stepFor('window', LAB)!;
    expect(nodeTitle(w)).toBe('Window + group by');
    expect(nodeSummary(w)).toBe("groupBy(window(Creation_Time, '10 minutes')).count()");
    expect(nodeSummary({ kind: 'watermark', column: 'Creation_Time', delay: '1 minute' })).toBe(
      "withWatermark(Creation_Time, '1 minute')",
    );
  });
});

describe('window keys', () => {
  it('reads and writes tumbling, sliding and session windows', () => {
    expect(parseWindowKey("window(Creation_Time, '15 seconds', '10 seconds')")).toEqual({
      kind: 'window',
      column: 'Creation_Time',
      duration: '15 seconds',
      slide: '10 seconds',
    });
    expect(parseWindowKey("session_window(`event time`, '5 minutes')")).toEqual({
      kind: 'session_window',
      column: 'event time',
      duration: '5 minutes',
      slide: '',
    });
    expect(parseWindowKey('User')).toBeNull();
    for (const text of [
      "window(Creation_Time, '30 seconds')",
      "window(t, '15 seconds', '10 seconds')",
      "session_window(`a b`, '1 minute')",
    ])
      expect(windowKeyText(parseWindowKey(text)!)).toBe(text);
  });
});

describe('aggregates', () => {
  it('reads fn(column) AS alias and writes it back', () => {
    expect(parseAggregate('avg(x) AS avg_x')).toEqual({ fn: 'avg', column: 'x', alias: 'avg_x' });
    expect(parseAggregate('count(*)')).toEqual({ fn: 'count', column: '*', alias: '' });
    expect(parseAggregate('avg(x + 1)')).toBeNull();
    expect(aggregateText({ fn: 'max', column: 'my col', alias: 'm' })).toBe('max(`my col`) AS m');
    expect(aggregateText(parseAggregate('sum(`a b`) AS `the sum`')!)).toBe(
      'sum(`a b`) AS `the sum`',
    );
  });
});

describe('inline reference rows', () => {
  it('one JSON array per line; blank lines skipped; a bad line named', () => {
    expect(parseRowLines('["d1", "ann"]\n\n["d2", null]')).toEqual({
      ok: true,
      rows: [
        ['d1', 'ann'],
        ['d2', null],
      ],
    });
    expect(parseRowLines('["d1"\n')).toEqual({
      ok: false,
      problem: expect.stringMatching(/^Line 1 is not JSON/),
    });
    expect(parseRowLines('{"a": 1}')).toEqual({
      ok: false,
      problem: 'Line 1 is not an array of values.',
    });
    expect(rowLines([['d1', 1, true]])).toBe('["d1",1,true]');
  });
});
