/**
 * Hostile input (issue 7 §4): every file of the corpus (test/faults/hostile) read in every
 * parse mode through `session.read` and through `readStream` into a memory sink. The valid
 * rows around each bad record are all kept, bad records give Spark's mode outcome, and a
 * streaming query keeps running (it reads a file written after the bad one) — except in
 * FAILFAST, where it stops with an error naming the file and line. Then the file-system
 * faults: files deleted, truncated or made unreadable between listing and reading, symlink
 * loops, a 100 MB line, and a source folder that disappears and comes back.
 */
import {
  mkdirSync,
  mkdtempSync,
  promises as fs,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Session, type StreamingQuery } from '../../engine/index';
import { SparkRuntimeException, TidemarkError } from '../../engine/errors';
import { JsonReader } from '../../engine/io/formats/json-reader';
import { MAX_DECODED_FILE_BYTES } from '../../engine/io/formats/line-splitter';
import { listDataFiles } from '../../engine/io/sources/file-listing';
import { FileStreamSource } from '../../engine/io/sources/file-stream-source';
import { parseDDL } from '../../engine/types/index';
import { BINARY_LINE, CASES, type HostileCase, type Row } from './hostile/corpus';

const spark = Session.builder().appName('hostile-input').getOrCreate();
const CORRUPT = '_bad_input';

interface Mode {
  readonly label: string;
  readonly mode: 'PERMISSIVE' | 'DROPMALFORMED' | 'FAILFAST';
  /** The corrupt-record column, named through the columnNameOfCorruptRecord option (JsonSuite SPARK-13953). */
  readonly corruptColumn: string | null;
}

const MODES: readonly Mode[] = [
  {
    label: 'PERMISSIVE with columnNameOfCorruptRecord',
    mode: 'PERMISSIVE',
    corruptColumn: CORRUPT,
  },
  { label: 'PERMISSIVE without a corrupt-record column', mode: 'PERMISSIVE', corruptColumn: null },
  { label: 'DROPMALFORMED', mode: 'DROPMALFORMED', corruptColumn: null },
  { label: 'FAILFAST', mode: 'FAILFAST', corruptColumn: null },
];

let dir: string;
let query: StreamingQuery | undefined;
let queryCounter = 0;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tidemark-hostile-'));
});
afterEach(async () => {
  await query?.stop();
  query = undefined;
  rmSync(dir, { recursive: true, force: true });
});
afterAll(async () => {
  await spark.stop();
});

function schemaDDL(c: HostileCase, m: Mode): string {
  return m.corruptColumn === null ? c.ddl : `${c.ddl}, ${m.corruptColumn} STRING`;
}

function readOptions(c: HostileCase, m: Mode): Record<string, string> {
  return {
    ...c.options,
    mode: m.mode,
    ...(m.corruptColumn === null ? {} : { columnNameOfCorruptRecord: m.corruptColumn }),
  };
}

/** The rows Spark gives for the case in this mode (FAILFAST: the rows when nothing is bad). */
function expectedRows(c: HostileCase, m: Mode): Row[] {
  const blank = (): Row => {
    const row: Row = Object.fromEntries(parseDDL(c.ddl).fields.map((f) => [f.name, null]));
    if (m.corruptColumn !== null) row[m.corruptColumn] = null;
    return row;
  };
  const rows: Row[] = [];
  for (const r of c.records) {
    if ('row' in r) rows.push({ ...blank(), ...r.row });
    else if (m.mode === 'PERMISSIVE') {
      const row = { ...blank(), ...r.partial };
      if (m.corruptColumn !== null) row[m.corruptColumn] = r.bad;
      rows.push(row);
    }
  }
  return rows;
}

function firstBad(c: HostileCase): { line: number } | undefined {
  return c.records.find((r): r is Extract<typeof r, { bad: string }> => 'bad' in r);
}

/** A good file written after the hostile one: a running query must still pick it up. */
function laterFile(c: HostileCase): { name: string; text: string; row: Row } {
  const header = c.options?.header === 'true' ? 'a,b\n' : '';
  return c.format === 'json'
    ? { name: 'later.json', text: '{"a":100,"b":"later"}\n', row: { a: 100, b: 'later' } }
    : { name: 'later.csv', text: `${header}100,later\n`, row: { a: 100, b: 'later' } };
}

/** Walks an error's causes for the reader's MALFORMED_RECORD_IN_PARSING. */
function rootError(e: unknown): TidemarkError {
  let cur = e;
  while (cur instanceof Error) {
    if (cur instanceof TidemarkError && cur.errorClass !== 'STREAM_FAILED') return cur;
    cur = cur.cause;
  }
  throw new Error(`no Tidemark error in ${String(e)}`);
}

function expectNamesFileAndLine(e: unknown, file: string, line: number): void {
  const err = rootError(e);
  expect(err).toBeInstanceOf(SparkRuntimeException);
  expect(err.errorClass).toBe('MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION');
  expect(err.context).toMatchObject({ file, line });
  expect(err.message).toContain(`== File ${file}, line ${line} ==`);
}

async function memoryRows(name: string): Promise<Row[]> {
  return spark.sql(`SELECT * FROM ${name}`).collect();
}

describe.each(CASES)('$title', (c) => {
  describe.each(MODES)('$label', (m) => {
    it('session.read keeps every valid row and gives the mode outcome for the bad ones', async () => {
      const file = join(dir, c.fileName);
      writeFileSync(file, c.bytes());
      const df = spark.read
        .format(c.format)
        .schema(schemaDDL(c, m))
        .options(readOptions(c, m))
        .load(dir);
      const bad = firstBad(c);
      if (m.mode === 'FAILFAST' && bad !== undefined) {
        const e = await df.collect().catch((err: unknown) => err);
        expectNamesFileAndLine(e, file, bad.line);
      } else {
        expect(await df.collect()).toEqual(expectedRows(c, m));
      }
    });

    it('readStream into a memory sink: same rows, and the query keeps running (FAILFAST: stops naming file and line)', async () => {
      const file = join(dir, c.fileName);
      writeFileSync(file, c.bytes());
      const name = `hostile_${queryCounter++}`;
      query = spark.readStream
        .format(c.format)
        .schema(schemaDDL(c, m))
        .options(readOptions(c, m))
        .load(dir)
        .writeStream.format('memory')
        .queryName(name)
        .start();
      const bad = firstBad(c);
      if (m.mode === 'FAILFAST' && bad !== undefined) {
        const e = await query.processAllAvailable().catch((err: unknown) => err);
        expect((e as TidemarkError).errorClass).toBe('STREAM_FAILED');
        expectNamesFileAndLine(e, file, bad.line);
        expect(query.isActive).toBe(false);
        expectNamesFileAndLine(query.exception(), file, bad.line);
        return;
      }
      await query.processAllAvailable();
      const rows = expectedRows(c, m);
      expect(await memoryRows(name)).toEqual(rows);
      const later = laterFile(c);
      writeFileSync(join(dir, later.name), later.text);
      await query.processAllAvailable();
      expect(query.isActive).toBe(true);
      const laterRow = {
        ...later.row,
        ...(m.corruptColumn === null ? {} : { [m.corruptColumn]: null }),
      };
      expect(await memoryRows(name)).toEqual([...rows, laterRow]);
    });
  });
});

describe('JSON multiLine: the whole file is the record (JsonSuite SPARK-18352: Handle multi-line corrupt documents)', () => {
  const ddl = `a INT, ${CORRUPT} STRING`;
  const options = { multiLine: 'true', columnNameOfCorruptRecord: CORRUPT };

  it('a document with invalid UTF-8 is one corrupt record holding the text; an empty file gives no row', async () => {
    writeFileSync(
      join(dir, '1-bad.json'),
      Buffer.concat([
        Buffer.from('{\n "a": 1,\n "b": "caf'),
        Buffer.from([0xe9]),
        Buffer.from('"\n}\n'),
      ]),
    );
    writeFileSync(join(dir, '2-empty.json'), '');
    writeFileSync(join(dir, '3-good.json'), '{\n "a": 3\n}\n');
    const rows = await spark.read.schema(ddl).options(options).json(dir).collect();
    expect(rows).toEqual([
      { a: null, [CORRUPT]: '{\n "a": 1,\n "b": "caf\uFFFD"\n}\n' },
      { a: 3, [CORRUPT]: null },
    ]);
  });
});

describe('text format over hostile bytes (TextFileFormat: one row per line, nothing dropped)', () => {
  it('binary data, invalid UTF-8, a BOM and CRLF all become rows; invalid bytes read as U+FFFD', async () => {
    const bytes = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('first\r\n'),
      Buffer.from(BINARY_LINE),
      Buffer.from('\r\ncaf'),
      Buffer.from([0xe9]),
      Buffer.from('\nlast'),
    ]);
    writeFileSync(join(dir, 'hostile.txt'), bytes);
    const rows = await spark.read.text(dir).collect();
    expect(rows.map((r) => r.value)).toEqual([
      'first',
      new TextDecoder().decode(BINARY_LINE),
      'caf\uFFFD',
      'last',
    ]);
  });
});

describe('CSV header with a BOM (univocity skips the BOM, CSVHeaderChecker sees clean names)', () => {
  it('schema inference names the first column `a`, not `\\uFEFFa`', async () => {
    writeFileSync(
      join(dir, 'bom.csv'),
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('a,b\r\n1,one\r\n')]),
    );
    const df = spark.read.options({ header: 'true', inferSchema: 'true' }).csv(dir);
    expect(await df.collect()).toEqual([{ a: 1, b: 'one' }]);
  });
});

describe('a 100 MB single line (no line-length limit, as Hadoop LineRecordReader; bounded by one file in memory)', () => {
  const HUGE = 100 * 1024 * 1024;

  it('reads a valid 100 MB record and the records around it, through the reader and a stream', async () => {
    const payload = 'x'.repeat(HUGE);
    writeFileSync(
      join(dir, 'huge.json'),
      `{"a":1,"b":"one"}\n{"a":2,"b":"${payload}"}\n{"a":3,"b":"three"}\n`,
    );
    query = spark.readStream
      .schema('a INT, b STRING')
      .json(dir)
      .selectExpr('a', 'length(b) AS len')
      .writeStream.format('memory')
      .queryName('hostile_huge')
      .start();
    await query.processAllAvailable();
    expect(await memoryRows('hostile_huge')).toEqual([
      { a: 1, len: 3 },
      { a: 2, len: HUGE },
      { a: 3, len: 5 },
    ]);
    expect(query.isActive).toBe(true);
  }, 120_000);

  it('a malformed 100 MB record: PERMISSIVE keeps its text, FAILFAST names file and line with the record shortened', async () => {
    const file = join(dir, 'huge-bad.json');
    const bad = `{"a":2,"b":"${'y'.repeat(HUGE)}`;
    const data = Buffer.from(`{"a":1,"b":"one"}\n${bad}\n{"a":3,"b":"three"}\n`);
    const schema = parseDDL(`a INT, b STRING, ${CORRUPT} STRING`);
    const conf = { timeZone: 'UTC', columnNameOfCorruptRecord: CORRUPT };
    const rows = new JsonReader({}, conf).read(file, data, schema).batch.toRows();
    expect(rows.map((r) => r.a)).toEqual([1, null, 3]);
    expect((rows[1][CORRUPT] as string).length).toBe(bad.length);
    expect(rows[1][CORRUPT]).toBe(bad);
    let error: unknown;
    try {
      new JsonReader({ mode: 'FAILFAST' }, conf).read(file, data, schema);
    } catch (e) {
      error = e;
    }
    expectNamesFileAndLine(error, file, 2);
    expect((error as Error).message.length).toBeLessThan(2000);
    expect((error as Error).message).toContain(`(${bad.length - 1000} more characters)`);
  }, 120_000);
});

describe('a file over the documented size limit (MAX_DECODED_FILE_BYTES, 512 MiB: one JavaScript string)', () => {
  it('fails with FAILED_READ_FILE.NO_HINT naming the file instead of a RangeError', () => {
    const file = join(dir, 'too-big.json');
    // calloc'd and never written: the pages are not touched before the size check.
    const data = new Uint8Array(MAX_DECODED_FILE_BYTES + 1);
    const read = (): unknown =>
      new JsonReader({}, { timeZone: 'UTC', columnNameOfCorruptRecord: '_c' }).read(
        file,
        data,
        parseDDL('a INT'),
      );
    expect(read).toThrow(SparkRuntimeException);
    expect(read).toThrow(
      `Encountered error while reading file ${file}. It is ${MAX_DECODED_FILE_BYTES + 1} bytes`,
    );
  });
});

describe('files changing between listing and reading (FileStreamSource, FileScanRDD)', () => {
  const schema = parseDDL('a INT, b STRING, _corrupt_record STRING');
  const conf = { timeZone: 'UTC', columnNameOfCorruptRecord: '_corrupt_record' };
  const sources: FileStreamSource[] = [];
  afterEach(async () => {
    for (const s of sources.splice(0)) await s.stop();
  });
  const source = (options: Record<string, string> = {}): FileStreamSource => {
    const s = new FileStreamSource({
      path: dir,
      schema,
      options,
      reader: new JsonReader(options, conf),
    });
    sources.push(s);
    return s;
  };
  const old = (name: string, text: string, ageMs = 60_000): string => {
    const p = join(dir, name);
    writeFileSync(p, text);
    const t = (Date.now() - ageMs) / 1000;
    utimesSync(p, t, t);
    return p;
  };

  it('a file deleted after listing fails the batch with FAILED_READ_FILE.FILE_NOT_EXIST (FileBasedDataSourceSuite: Enabling/disabling ignoreMissingFiles)', async () => {
    old('a.json', '{"a":1,"b":"one"}\n', 60_000);
    const gone = old('b.json', '{"a":2,"b":"two"}\n', 50_000);
    const s = source();
    const end = await s.latestOffset();
    rmSync(gone);
    const e = await s.getBatch(null, end).catch((err: unknown) => err);
    expect((e as TidemarkError).errorClass).toBe('FAILED_READ_FILE.FILE_NOT_EXIST');
    expect((e as Error).message).toContain('b.json');
  });

  it('with ignoreMissingFiles=true the deleted file is skipped and the other rows are kept', async () => {
    old('a.json', '{"a":1,"b":"one"}\n', 60_000);
    const gone = old('b.json', '{"a":2,"b":"two"}\n', 50_000);
    const s = source({ ignoreMissingFiles: 'true' });
    const end = await s.latestOffset();
    rmSync(gone);
    const batch = await s.getBatch(null, end);
    expect(batch.batch.toRows()).toEqual([{ a: 1, b: 'one', _corrupt_record: null }]);
    expect(batch.warnings?.map((w) => w.code)).toEqual(['FILE_NOT_EXIST']);
  });

  it('a file truncated after listing is read as it is now: its cut last line is a corrupt record', async () => {
    const p = old('a.json', '{"a":1,"b":"one"}\n{"a":2,"b":"two"}\n{"a":3,"b":"three"}\n');
    const s = source();
    const end = await s.latestOffset();
    await fs.truncate(p, '{"a":1,"b":"one"}\n{"a":2,"b":"t'.length);
    const rows = (await s.getBatch(null, end)).batch.toRows();
    expect(rows).toEqual([
      { a: 1, b: 'one', _corrupt_record: null },
      { a: null, b: null, _corrupt_record: '{"a":2,"b":"t' },
    ]);
  });

  it('a file that cannot be read fails with FAILED_READ_FILE.NO_HINT naming it; ignoreCorruptFiles=true skips it', async () => {
    // Tests run as root, where chmod does not stop a read: a folder put where the listed
    // file was gives the same kind of I/O error (EISDIR) on every machine.
    old('a.json', '{"a":1,"b":"one"}\n', 60_000);
    const p = old('b.json', '{"a":2,"b":"two"}\n', 50_000);
    const failing = source();
    const end = await failing.latestOffset();
    const skipping = source({ ignoreCorruptFiles: 'true' });
    const end2 = await skipping.latestOffset();
    rmSync(p);
    mkdirSync(p);
    const e = await failing.getBatch(null, end).catch((err: unknown) => err);
    expect((e as TidemarkError).errorClass).toBe('FAILED_READ_FILE.NO_HINT');
    expect((e as Error).message).toContain('b.json');
    expect((e as Error).message).toContain('EISDIR');
    const batch = await skipping.getBatch(null, end2);
    expect(batch.batch.toRows()).toEqual([{ a: 1, b: 'one', _corrupt_record: null }]);
    expect(batch.warnings?.map((w) => w.code)).toEqual(['FAILED_READ_FILE']);
  });

  it.skipIf(process.getuid?.() === 0)(
    'a file without read permission fails with FAILED_READ_FILE.NO_HINT (EACCES)',
    async () => {
      const p = old('a.json', '{"a":1,"b":"one"}\n');
      const s = source();
      const end = await s.latestOffset();
      await fs.chmod(p, 0o000);
      const e = await s.getBatch(null, end).catch((err: unknown) => err);
      expect((e as TidemarkError).errorClass).toBe('FAILED_READ_FILE.NO_HINT');
      expect((e as Error).message).toContain('EACCES');
    },
  );
});

describe('symlink loops with recursiveFileLookup: no hang, each real file once', () => {
  function layout(): void {
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'top.json'), '{"a":1,"b":"top"}\n');
    writeFileSync(join(dir, 'sub', 'inner.json'), '{"a":2,"b":"inner"}\n');
    symlinkSync(dir, join(dir, 'sub', 'back-to-root')); // a folder cycle
    symlinkSync(join(dir, 'loop-b.json'), join(dir, 'loop-a.json')); // a file link loop
    symlinkSync(join(dir, 'loop-a.json'), join(dir, 'loop-b.json'));
    symlinkSync(join(dir, 'missing.json'), join(dir, 'dangling.json'));
  }

  it('listing skips link loops and dangling links and enters a folder cycle once', async () => {
    layout();
    const files = await listDataFiles(dir, {
      recursiveFileLookup: true,
      isIgnoredName: () => false,
    });
    expect(files.map((f) => f.path).sort()).toEqual([
      join(dir, 'sub', 'inner.json'),
      join(dir, 'top.json'),
    ]);
  });

  it('session.read and readStream read each row once and the query keeps running', async () => {
    layout();
    const opts = { recursiveFileLookup: 'true' };
    const rows = await spark.read.schema('a INT, b STRING').options(opts).json(dir).collect();
    expect(rows.map((r) => r.b).sort()).toEqual(['inner', 'top']);
    query = spark.readStream
      .schema('a INT, b STRING')
      .options(opts)
      .json(dir)
      .writeStream.format('memory')
      .queryName('hostile_links')
      .start();
    await query.processAllAvailable();
    writeFileSync(join(dir, 'sub', 'later.json'), '{"a":3,"b":"later"}\n');
    await query.processAllAvailable();
    expect(query.isActive).toBe(true);
    expect((await memoryRows('hostile_links')).map((r) => r.b).sort()).toEqual([
      'inner',
      'later',
      'top',
    ]);
  });
});

describe('a source folder that disappears and comes back (FileStreamSource: a missing path lists as empty)', () => {
  it('the stream keeps running while it is gone and reads the files that arrive after it returns', async () => {
    const folder = join(dir, 'incoming');
    mkdirSync(folder);
    writeFileSync(join(folder, 'first.json'), '{"a":1,"b":"first"}\n');
    query = spark.readStream
      .schema('a INT, b STRING')
      .json(folder)
      .writeStream.format('memory')
      .queryName('hostile_vanish')
      .start();
    await query.processAllAvailable();
    rmSync(folder, { recursive: true });
    await query.processAllAvailable();
    expect(query.isActive).toBe(true);
    mkdirSync(folder);
    writeFileSync(join(folder, 'second.json'), '{"a":2,"b":"second"}\n');
    await query.processAllAvailable();
    expect(query.isActive).toBe(true);
    expect(await memoryRows('hostile_vanish')).toEqual([
      { a: 1, b: 'first' },
      { a: 2, b: 'second' },
    ]);
  });
});
