import { tableFromIPC } from 'apache-arrow';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReaderConf } from '../../../engine/io/formats/format';
import { applySuggestion } from '../../../engine/service/option-suggestion';
import type { SourcePreview, SourceSetup } from '../../../engine/service/protocol';
import { previewSource } from '../../../engine/service/source-preview';
import { parseDDL } from '../../../engine/types/ddl';

const conf: ReaderConf = { timeZone: 'UTC', columnNameOfCorruptRecord: '_corrupt_record' };
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tidemark-preview-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Writes a file whose mtime is `ageS` seconds in the past (older files are read first). */
function write(name: string, lines: readonly string[], ageS = 100): string {
  const path = join(dir, name);
  writeFileSync(path, lines.join('\n') + '\n');
  const t = Date.now() / 1000 - ageS;
  utimesSync(path, t, t);
  return path;
}

function setup(
  format: string,
  schemaDDL: string | null,
  options: Record<string, string> = {},
): SourceSetup {
  return {
    path: dir,
    format,
    schema: schemaDDL === null ? null : parseDDL(schemaDDL).jsonValue(),
    options,
  };
}

function rowsOf(p: SourcePreview): Record<string, unknown>[] {
  return tableFromIPC(p.ipc)
    .toArray()
    .map((r) => r.toJSON() as Record<string, unknown>);
}

function columnsOf(p: SourcePreview): string[] {
  return tableFromIPC(p.ipc).schema.fields.map((f) => f.name);
}

/** The UTC year of a timestamp as apache-arrow gives it (ms since the epoch). */
function yearOf(ms: unknown): number {
  return new Date(Number(ms)).getUTCFullYear();
}

describe('previewSource: rows and corrupt records', () => {
  it('previews a JSON folder, naming the file and line of each corrupt record', async () => {
    write('a.json', ['{"device":"a","v":1}', '{"device":"b","v":2}'], 200);
    write(
      'b.json',
      ['{"device":"c","v":3}', '{"device":"d","v":"high"}', '{"device":"e", "v":'],
      100,
    );
    const p = await previewSource(setup('json', 'device STRING, v INT'), 100, conf);

    expect(p.sampledFiles).toEqual(['a.json', 'b.json']);
    expect(p.numRows).toBe(5);
    expect(rowsOf(p).map((r) => [r.device, r.v])).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 3],
      ['d', null],
      [null, null],
    ]);
    // The user's schema has no corrupt column, so neither do the rows (Spark's behaviour).
    expect(columnsOf(p)).toEqual(['device', 'v']);
    expect(p.corrupt.map((c) => [c.file, c.line, c.text])).toEqual([
      ['b.json', 2, '{"device":"d","v":"high"}'],
      ['b.json', 3, '{"device":"e", "v":'],
    ]);
    expect(p.corrupt[0].reason).toContain("field name 'v'");
    expect(p.corrupt[0].reason).toContain('"INT"');
    expect(p.corrupt[1].reason).toMatch(/Malformed JSON/);
  });

  it('shows _corrupt_record in the rows when the schema has that column', async () => {
    write('a.json', ['{"device":"a"}', 'not json', '{"device":"c"}']);
    const p = await previewSource(
      setup('json', 'device STRING, _corrupt_record STRING'),
      100,
      conf,
    );
    expect(rowsOf(p)).toEqual([
      { device: 'a', _corrupt_record: null },
      { device: null, _corrupt_record: 'not json' },
      { device: 'c', _corrupt_record: null },
    ]);
    expect(p.corrupt).toEqual([
      expect.objectContaining({ file: 'a.json', line: 2, text: 'not json' }),
    ]);
  });

  it('tells identical bad lines apart and counts a bad top-level array once', async () => {
    write('a.json', [
      '{"v":"oops"}',
      '{"v":1,"w":"{\\"v\\":\\"oops\\"}"}',
      '{"v":"oops"}',
      '[{"v":2},{"v":"no"}]',
    ]);
    const p = await previewSource(setup('json', 'v INT'), 100, conf);
    expect(rowsOf(p).map((r) => r.v)).toEqual([null, 1, null, 2, null]);
    expect(p.corrupt.map((c) => [c.line, c.text])).toEqual([
      [1, '{"v":"oops"}'],
      [3, '{"v":"oops"}'],
      [4, '[{"v":2},{"v":"no"}]'],
    ]);
  });

  it('previews a CSV folder with a bad value and a short record', async () => {
    write('a.csv', [
      '2024-06-10 10:00:00,a,1',
      '2024-06-10 10:00:01,b,x',
      '',
      '2024-06-10 10:00:02,c',
    ]);
    const p = await previewSource(
      setup('csv', 'time TIMESTAMP, device STRING, value INT'),
      100,
      conf,
    );
    expect(p.numRows).toBe(3);
    expect(p.corrupt.map((c) => [c.file, c.line])).toEqual([
      ['a.csv', 2],
      ['a.csv', 4],
    ]);
    expect(p.corrupt[0].reason).toBe('Cannot parse "x" as "INT" for column `value`.');
    expect(p.corrupt[1].reason).toBe('Malformed CSV record: expected 3 values, found 2.');
  });

  it('reads the oldest files first and stops once maxRows rows are read', async () => {
    write('new.json', ['{"n":5}', '{"n":6}'], 10);
    write('old.json', ['{"n":1}', '{"n":2}'], 300);
    write('mid.json', ['{"n":3}', '{"n":4}'], 200);
    const p = await previewSource(setup('json', 'n INT'), 3, conf);
    expect(p.files.map((f) => f.name)).toEqual(['old.json', 'mid.json', 'new.json']);
    expect(p.sampledFiles).toEqual(['old.json', 'mid.json']);
    expect(rowsOf(p).map((r) => r.n)).toEqual([1, 2, 3]);
  });

  it('previews a text folder with its fixed `value` column', async () => {
    write('log.txt', ['first line', 'second line']);
    const p = await previewSource(setup('text', null), 100, conf);
    expect(p.schemaDDL).toBe('`value` STRING');
    expect(rowsOf(p).map((r) => r.value)).toEqual(['first line', 'second line']);
    expect(p.corrupt).toEqual([]);
  });
});

describe('previewSource: schema', () => {
  it('infers the schema from the sampled files when none is given', async () => {
    write('a.json', ['{"device":"a","v":1,"x":0.5}', '{"device":"b","v":2,"x":1.5}']);
    const p = await previewSource(setup('json', null), 100, conf);
    expect(p.inferred).toBe(true);
    expect(p.schemaDDL).toBe('`device` STRING, `v` BIGINT, `x` DOUBLE');
    expect(rowsOf(p)[1]).toEqual({ device: 'b', v: 2n, x: 1.5 });
  });

  it('uses the given schema as is (nullable, as the file source reads it)', async () => {
    write('a.json', ['{"device":"a","v":1,"x":0.5}']);
    const p = await previewSource(setup('json', 'v INT NOT NULL, device STRING'), 100, conf);
    expect(p.inferred).toBe(false);
    expect(p.schemaDDL).toBe('`v` INT, `device` STRING');
    expect(p.schema).toEqual(parseDDL('v INT, device STRING').jsonValue());
    expect(rowsOf(p)).toEqual([{ v: 1, device: 'a' }]);
  });

  it('keeps the inferred corrupt-record column when the sample has bad records (JsonInferSchema)', async () => {
    write('a.json', ['{"v":1}', '{"v":']);
    const p = await previewSource(setup('json', null), 100, conf);
    expect(p.schemaDDL).toBe('`_corrupt_record` STRING, `v` BIGINT');
    expect(rowsOf(p)).toEqual([
      { _corrupt_record: null, v: 1n },
      { _corrupt_record: '{"v":', v: null },
    ]);
  });
});

describe('previewSource: the folder', () => {
  it('leaves out sync temp files and hidden files, as the stream source does', async () => {
    write('a.json', ['{"v":1}']);
    write('b.json.tmp', ['{"v":2}']);
    write('c.json.partial', ['{"v":3}']);
    write('.d.json', ['{"v":4}']);
    write('_SUCCESS', []);
    const p = await previewSource(setup('json', 'v INT'), 100, conf);
    expect(p.files.map((f) => f.name)).toEqual(['a.json']);
    expect(p.sampledFiles).toEqual(['a.json']);
    expect(rowsOf(p).map((r) => r.v)).toEqual([1]);
  });

  it('applies pathGlobFilter and recursiveFileLookup', async () => {
    write('a.json', ['{"v":1}'], 300);
    write('notes.txt', ['{"v":2}'], 200);
    mkdirSync(join(dir, 'sub'));
    write('sub/b.json', ['{"v":3}'], 100);
    const p = await previewSource(
      setup('json', 'v INT', { pathGlobFilter: '*.json', recursiveFileLookup: 'true' }),
      100,
      conf,
    );
    expect(p.files.map((f) => f.name)).toEqual(['a.json', 'sub/b.json']);
    expect(rowsOf(p).map((r) => r.v)).toEqual([1, 3]);
  });

  it('returns no rows and no files for an empty folder', async () => {
    const p = await previewSource(setup('json', null), 100, conf);
    expect(p.files).toEqual([]);
    expect(p.sampledFiles).toEqual([]);
    expect(p.numRows).toBe(0);
    expect(tableFromIPC(p.ipc).numRows).toBe(0);
    expect(p.corrupt).toEqual([]);
    expect(p.suggestions).toEqual([]);
  });

  it('fails with the path when the folder does not exist or is a file', async () => {
    const missing = join(dir, 'missing');
    await expect(
      previewSource({ ...setup('json', null), path: missing }, 100, conf),
    ).rejects.toThrow(`[PATH_NOT_FOUND] Path does not exist: file:${missing}.`);
    const file = write('a.json', ['{"v":1}']);
    await expect(previewSource({ ...setup('json', null), path: file }, 100, conf)).rejects.toThrow(
      `${file} is a file, not a folder`,
    );
  });

  it('refuses a format the engine cannot read', async () => {
    await expect(previewSource(setup('orc', null), 100, conf)).rejects.toThrow(
      /DATA_SOURCE_NOT_FOUND/,
    );
  });
});

describe('previewSource: warnings and suggestions', () => {
  it('suggests timestampUnit=ms for millisecond epochs, and applied it gives 2024', async () => {
    write('events.json', ['{"time":1718000000000,"v":1}', '{"time":1718000060000,"v":2}']);
    const s = setup('json', 'time TIMESTAMP, v INT');
    const p = await previewSource(s, 100, conf);

    expect(yearOf(rowsOf(p)[0].time)).toBeGreaterThan(50000);
    expect(p.warnings).toEqual([
      expect.objectContaining({ code: 'IMPLAUSIBLE_TIMESTAMP', column: 'time', numFiles: 1 }),
    ]);
    expect(p.suggestions).toHaveLength(1);
    const suggestion = p.suggestions[0];
    expect(suggestion).toMatchObject({
      option: 'timestampUnit',
      value: 'ms',
      column: null,
      after: '2024-06-10 06:13:20',
    });
    expect(suggestion.before).toMatch(/^\+56411-/);
    expect(suggestion.reason).toContain('events.json');

    const fixed = await previewSource(
      { ...s, options: applySuggestion(s.options, suggestion) },
      100,
      conf,
    );
    expect(rowsOf(fixed).map((r) => yearOf(r.time))).toEqual([2024, 2024]);
    expect(fixed.warnings).toEqual([]);
    expect(fixed.suggestions).toEqual([]);
  });

  it('suggests timestampUnit=s when seconds were read as milliseconds (every value in 1970)', async () => {
    write('events.json', ['{"time":1718000000}', '{"time":1718000060}']);
    const s = setup('json', 'time TIMESTAMP', { timestampUnit: 'ms' });
    const p = await previewSource(s, 100, conf);
    expect(rowsOf(p).map((r) => yearOf(r.time))).toEqual([1970, 1970]);
    expect(p.suggestions).toEqual([
      expect.objectContaining({
        option: 'timestampUnit',
        value: 's',
        before: '1970-01-20 21:13:20',
      }),
    ]);
    const fixed = await previewSource(
      { ...s, options: applySuggestion(s.options, p.suggestions[0]) },
      100,
      conf,
    );
    expect(rowsOf(fixed).map((r) => yearOf(r.time))).toEqual([2024, 2024]);
  });

  it('suggests one unit per column for the lab data (ms arrival, ns creation)', async () => {
    write('part-0.json', [
      '{"Arrival_Time":1424686735175,"Creation_Time":1424686733176178965,"Device":"nexus4_1"}',
      '{"Arrival_Time":1424686735378,"Creation_Time":1424686733178175965,"Device":"nexus4_1"}',
    ]);
    const s = setup('json', 'Arrival_Time TIMESTAMP, Creation_Time TIMESTAMP, Device STRING');
    const p = await previewSource(s, 100, conf);
    expect(p.suggestions.map((x) => [x.column, x.value, x.after])).toEqual([
      ['Arrival_Time', 'ms', '2015-02-23 10:18:55.175'],
      ['Creation_Time', 'ns', '2015-02-23 10:18:53.176178'],
    ]);
    const options = p.suggestions.reduce((o, x) => applySuggestion(o, x), s.options);
    expect(options).toEqual({ timestampUnit: 'Arrival_Time:ms,Creation_Time:ns' });
    const fixed = await previewSource({ ...s, options }, 100, conf);
    expect(rowsOf(fixed).map((r) => [yearOf(r.Arrival_Time), yearOf(r.Creation_Time)])).toEqual([
      [2015, 2015],
      [2015, 2015],
    ]);
    expect(fixed.suggestions).toEqual([]);
  });

  it('suggests nothing for plausible timestamps or for CSV, where timestampUnit does not apply', async () => {
    write('a.json', ['{"time":1718000000,"at":"2024-06-10T10:00:00Z"}']);
    const p = await previewSource(setup('json', 'time TIMESTAMP, at TIMESTAMP'), 100, conf);
    expect(p.suggestions).toEqual([]);
    write('b.csv', ['1718000000000,a']);
    const c = await previewSource(
      setup('csv', 'time TIMESTAMP, device STRING', { pathGlobFilter: '*.csv' }),
      100,
      conf,
    );
    expect(c.suggestions).toEqual([]);
  });

  it('suggests header=true for a CSV file whose first line names the columns', async () => {
    write('readings.csv', [
      'time,device,value',
      '2024-06-10 10:00:00,a,1',
      '2024-06-10 10:00:01,b,2',
    ]);
    const s = setup('csv', null, { inferSchema: 'true' });
    const p = await previewSource(s, 100, conf);
    expect(p.schemaDDL).toBe('`_c0` STRING, `_c1` STRING, `_c2` STRING');
    expect(p.numRows).toBe(3);
    expect(p.suggestions).toHaveLength(1);
    expect(p.suggestions[0]).toMatchObject({
      option: 'header',
      value: 'true',
      column: null,
      before: 'first row: time, device, value',
      after: 'columns: time, device, value',
    });
    expect(p.suggestions[0].reason).toContain('readings.csv');

    const fixed = await previewSource(
      { ...s, options: applySuggestion(s.options, p.suggestions[0]) },
      100,
      conf,
    );
    expect(fixed.schemaDDL).toBe('`time` TIMESTAMP, `device` STRING, `value` INT');
    expect(rowsOf(fixed).map((r) => [r.device, r.value])).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
    expect(fixed.suggestions).toEqual([]);
  });

  it('does not suggest a header for a CSV file that starts with data', async () => {
    write('readings.csv', ['2024-06-10 10:00:00,a,1', '2024-06-10 10:00:01,b,2']);
    const p = await previewSource(setup('csv', null, { inferSchema: 'true' }), 100, conf);
    expect(p.suggestions).toEqual([]);
  });
});
