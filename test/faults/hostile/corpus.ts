/**
 * The hostile-input corpus: each case is a file (a small fixture under `files/`, or bytes
 * generated at test time for binary and huge input) and what Spark makes of every record in
 * it. From the records the test derives the outcome of each parse mode (FailureSafeParser):
 *
 * - PERMISSIVE: every record gives a row; a bad one keeps the fields that converted
 *   (`partial`) and, when the schema has the corrupt-record column, its text there;
 * - DROPMALFORMED: only the good rows;
 * - FAILFAST: MALFORMED_RECORD_IN_PARSING naming the file and the line of the first bad record.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export type Row = Record<string, unknown>;

export type HostileRecord =
  { readonly row: Row } | { readonly bad: string; readonly line: number; readonly partial?: Row };

export interface HostileCase {
  /** The test title, citing the Spark suite test or class whose behaviour it follows. */
  readonly title: string;
  readonly format: 'json' | 'csv';
  readonly fileName: string;
  readonly bytes: () => Uint8Array;
  /** The data columns (the corrupt-record column is added per mode). */
  readonly ddl: string;
  readonly options?: Readonly<Record<string, string>>;
  readonly records: readonly HostileRecord[];
}

const FILES = join(import.meta.dirname, 'files');
const fixture = (name: string) => (): Uint8Array => readFileSync(join(FILES, name));
const enc = (text: string): Uint8Array => new TextEncoder().encode(text);
const concat = (...parts: (string | Uint8Array | number[])[]): Uint8Array =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? enc(p) : Uint8Array.from(p))));

/** Every byte but the line breaks: NULs, control characters, invalid UTF-8 lead and continuation bytes. */
export const BINARY_LINE = Uint8Array.from({ length: 256 }, (_, i) => i).filter(
  (b) => b !== 10 && b !== 13,
);
/** How Java's decoder (and the corrupt-record column) renders those bytes: U+FFFD for the invalid ones. */
const asText = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

/** `{"a":1,"b":"deep","c":[[…]]}`: the root object plus `arrays` levels. */
export function nestedRecord(arrays: number): string {
  return `{"a":1,"b":"deep","c":${'['.repeat(arrays)}${']'.repeat(arrays)}}`;
}

export const CASES: readonly HostileCase[] = [
  {
    title:
      'JSON malformed lines (JsonSuite: Corrupt records: PERMISSIVE / DROPMALFORMED / FAILFAST mode)',
    format: 'json',
    fileName: 'malformed-lines.json',
    bytes: fixture('malformed-lines.json'),
    ddl: 'a INT, b STRING',
    records: [
      { row: { a: 1, b: 'one' } },
      { bad: '{"a":2,"b":', line: 2 },
      { bad: 'not json at all', line: 3 },
      { row: { a: 4, b: 'four' } },
      { bad: '{"a":5,"b":"five"', line: 5 },
      { row: { a: 6, b: 'six' } },
    ],
  },
  {
    title: 'JSON truncated last line without a line break (JsonSuite: Corrupt records)',
    format: 'json',
    fileName: 'truncated-last-line.json',
    bytes: fixture('truncated-last-line.json'),
    ddl: 'a INT, b STRING',
    records: [
      { row: { a: 1, b: 'one' } },
      { row: { a: 2, b: 'two' } },
      { bad: '{"a":3,"b":"thr', line: 3 },
    ],
  },
  {
    title: 'JSON CRLF line ends: the corrupt text has no \\r (Hadoop LineRecordReader)',
    format: 'json',
    fileName: 'crlf.json',
    bytes: fixture('crlf.json'),
    ddl: 'a INT, b STRING',
    records: [
      { row: { a: 1, b: 'one' } },
      { bad: '{"a":2,"b', line: 2 },
      { row: { a: 3, b: 'three' } },
    ],
  },
  {
    title:
      'JSON with a UTF-8 BOM (Hadoop LineRecordReader skips it; JsonSuite SPARK-23723 BOM tests)',
    format: 'json',
    fileName: 'bom.json',
    bytes: fixture('bom.json'),
    ddl: 'a INT, b STRING',
    records: [{ row: { a: 1, b: 'one' } }, { row: { a: 2, b: 'two' } }],
  },
  {
    title:
      'JSON wrong types per field keep the fields that converted (JacksonParser partial results)',
    format: 'json',
    fileName: 'wrong-types.json',
    bytes: fixture('wrong-types.json'),
    ddl: 'a INT, b STRING',
    records: [
      { row: { a: 1, b: 'one' } },
      { bad: '{"a":"two","b":"kept"}', line: 2, partial: { b: 'kept' } },
      { bad: '{"a":true,"b":"also kept"}', line: 3, partial: { b: 'also kept' } },
      { bad: '{"a":[3],"b":"three"}', line: 4, partial: { b: 'three' } },
      // A STRING field takes any token's exact JSON text (spark.sql.json.enableExactStringParsing).
      { row: { a: 4, b: '{"k":"v"}' } },
      { row: { a: 5, b: 'five' } },
    ],
  },
  {
    title:
      'JSON numbers out of range are bad records (Jackson InputCoercionException → BadRecordException)',
    format: 'json',
    fileName: 'out-of-range.json',
    bytes: fixture('out-of-range.json'),
    ddl: 'a INT, b STRING',
    records: [
      { row: { a: 1, b: 'one' } },
      { bad: '{"a":2147483648,"b":"int overflow"}', line: 2, partial: { b: 'int overflow' } },
      { bad: '{"a":-2147483649,"b":"int underflow"}', line: 3, partial: { b: 'int underflow' } },
      { bad: '{"a":1.5,"b":"fraction"}', line: 4, partial: { b: 'fraction' } },
      { row: { a: 2147483647, b: 'max' } },
    ],
  },
  {
    title: 'JSON empty file gives no rows and no error',
    format: 'json',
    fileName: 'empty.json',
    bytes: fixture('empty.json'),
    ddl: 'a INT, b STRING',
    records: [],
  },
  {
    title: 'JSON blank lines (spaces, CRLF) give no rows',
    format: 'json',
    fileName: 'blank-lines.json',
    bytes: fixture('blank-lines.json'),
    ddl: 'a INT, b STRING',
    records: [],
  },
  {
    title: 'JSON binary data: a line of every byte is one bad record (JacksonParser fails on it)',
    format: 'json',
    fileName: 'binary.json',
    bytes: () => concat('{"a":1,"b":"one"}\n', BINARY_LINE, '\n{"a":3,"b":"three"}\n'),
    ddl: 'a INT, b STRING',
    records: [
      { row: { a: 1, b: 'one' } },
      { bad: asText(BINARY_LINE), line: 2 },
      { row: { a: 3, b: 'three' } },
    ],
  },
  {
    title: "JSON invalid UTF-8 is a bad record (Jackson's byte parser: Invalid UTF-8 start byte)",
    format: 'json',
    fileName: 'invalid-utf8.json',
    bytes: () =>
      concat(
        '{"a":1,"b":"one"}\n{"a":2,"b":"caf',
        [0xe9],
        '"}\n{"a":3,"b":"caf',
        [0xc3, 0xa9],
        '"}\n',
      ),
    ddl: 'a INT, b STRING',
    records: [
      { row: { a: 1, b: 'one' } },
      { bad: '{"a":2,"b":"caf\uFFFD"}', line: 2 },
      { row: { a: 3, b: 'café' } },
    ],
  },
  {
    title:
      'JSON deep nesting beyond 1000 levels is a bad record, never a crash (StreamReadConstraints maxNestingDepth)',
    format: 'json',
    fileName: 'deep-nesting.json',
    bytes: () =>
      enc(
        `${nestedRecord(999)}\n${nestedRecord(1000)}\n${nestedRecord(100_000)}\n{"a":4,"b":"four"}\n`,
      ),
    ddl: 'a INT, b STRING',
    records: [
      { row: { a: 1, b: 'deep' } },
      { bad: nestedRecord(1000), line: 2 },
      { bad: nestedRecord(100_000), line: 3 },
      { row: { a: 4, b: 'four' } },
    ],
  },
  {
    title:
      'CSV malformed rows: too many / too few tokens, a bad value (CSVSuite: test for tokens more than the fields in the schema)',
    format: 'csv',
    fileName: 'malformed.csv',
    bytes: fixture('malformed.csv'),
    ddl: 'a INT, b STRING',
    options: { header: 'true' },
    records: [
      { row: { a: 1, b: 'one' } },
      { bad: '2,two,extra', line: 3, partial: { a: 2, b: 'two' } },
      { bad: '3', line: 4, partial: { a: 3 } },
      { bad: 'x,four', line: 5, partial: { b: 'four' } },
      { row: { a: 5, b: 'five' } },
    ],
  },
  {
    title: 'CSV with a BOM before the header and CRLF line ends (univocity skips the BOM)',
    format: 'csv',
    fileName: 'bom-header-crlf.csv',
    bytes: fixture('bom-header-crlf.csv'),
    ddl: 'a INT, b STRING',
    options: { header: 'true' },
    records: [{ row: { a: 1, b: 'one' } }, { row: { a: 2, b: 'two' } }],
  },
  {
    title:
      'CSV number out of range and a truncated last line (UnivocityParser: Integer.parseInt fails)',
    format: 'csv',
    fileName: 'out-of-range-truncated.csv',
    bytes: fixture('out-of-range-truncated.csv'),
    ddl: 'a INT, b STRING',
    options: { header: 'true' },
    records: [
      { row: { a: 1, b: 'one' } },
      { bad: '2147483648,overflow', line: 3, partial: { b: 'overflow' } },
      // An unclosed quote at the end of the input ends the value there.
      { row: { a: 3, b: 'unterminated' } },
    ],
  },
  {
    title: 'CSV invalid UTF-8 decodes to U+FFFD and the row is kept (Java decoder replacement)',
    format: 'csv',
    fileName: 'invalid-utf8.csv',
    bytes: () => concat('1,one\n2,caf', [0xe9], '\n3,three\n'),
    ddl: 'a INT, b STRING',
    records: [
      { row: { a: 1, b: 'one' } },
      { row: { a: 2, b: 'caf\uFFFD' } },
      { row: { a: 3, b: 'three' } },
    ],
  },
  {
    title: 'CSV binary data: a line of every byte is kept as text or flagged, never a crash',
    format: 'csv',
    fileName: 'binary.csv',
    // The one `,` byte splits the binary line into two tokens; the first is no INT.
    bytes: () => concat('1,one\n', BINARY_LINE, '\n3,three\n'),
    ddl: 'a INT, b STRING',
    records: [
      { row: { a: 1, b: 'one' } },
      {
        bad: asText(BINARY_LINE),
        line: 2,
        partial: { b: asText(BINARY_LINE.subarray(BINARY_LINE.indexOf(44) + 1)) },
      },
      { row: { a: 3, b: 'three' } },
    ],
  },
];
