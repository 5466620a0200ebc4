/**
 * The JSON format reader (Spark's JsonFileFormat + JacksonParser + FailureSafeParser).
 *
 * Records: one JSON value per line (blank lines give no row; a top-level array gives one row
 * per element, an empty one none; a scalar or `null` is a bad record), or with `multiLine`
 * the whole file is one value. Top-level keys are matched exactly (case-sensitive), unknown
 * keys are skipped unread, a repeated key's last value wins, and only `requiredColumns` are
 * converted — a type error in an unread field does not make the record bad.
 *
 * Bad records (syntax error → all fields NULL; conversion error → the fields that converted
 * keep their values) follow the `mode`: PERMISSIVE keeps the row and, when the schema has a
 * STRING field named `columnNameOfCorruptRecord`, puts the record's text there; DROPMALFORMED
 * drops it; FAILFAST throws MALFORMED_RECORD_IN_PARSING naming file and line.
 *
 * Beyond Spark: integer timestamps honour `timestampUnit`, and a timestamp column whose values
 * fall outside 1900–2200 in a file yields an IMPLAUSIBLE_TIMESTAMP warning naming the unit
 * that would fit.
 *
 * Two paths, one result: JSON lines with the default line separators go through the byte
 * scanner (json-fast-scanner.ts), which hands every record it is not sure about to the cursor
 * path below, one record at a time; multiLine, a custom lineSep, comments, unquoted field
 * names or a required field of a nested/decimal/date type read the whole file with the cursor.
 */
import type { StructType } from '../../types/struct-type';
import { TimestampType } from '../../types/data-types';
import type { SourceWarning } from '../source';
import type { FileReadResult, FormatReader, LineChunkDecoder, ReaderConf } from './format';
import { JSON_SYNTAX, JsonCursor } from './json-cursor';
import { CONVERSION_FAILED, JsonConverter, Kind, planFor, type ConvertPlan } from './json-converters';
import { jsonReadOptions, type JsonReadOptions } from './json-options';
import { JsonFastScanner, ScanResult } from './json-fast-scanner';
import { ByteLineSplitter, checkDecodable, LineSplitter } from './line-splitter';
import { corruptColumnIndex, malformedRecordError } from './malformed-records';
import { RowBuilders } from './row-builders';
import { decodeUtf8Checked } from './utf8-records';
import { implausibleMessage, isPlausibleMicros, unitFor } from './timestamp-unit';

/** Per-file state of one read. */
interface ReadState {
  /** Over the whole file's text, or (fast path) over the one record being re-read. */
  cursor: JsonCursor;
  converter: JsonConverter;
  readonly plans: (ConvertPlan | null)[];
  readonly index: Map<string, number>;
  /** The keys met at each position of the previous object, quoted as in the text. */
  readonly keyOrder: { quoted: string; index: number }[];
  readonly isTimestamp: boolean[];
  readonly out: RowBuilders;
  readonly corruptIdx: number;
  /** Rows of the current record, staged until we know whether it is bad. */
  readonly rows: unknown[][];
  numRows: number;
  numCorrupt: number;
  /** First implausible timestamp per column: [µs, integer literal or null]. */
  readonly implausible: Map<number, [number, string | null]>;
}

/** Per-record decoders for the fast path's fallback: a BOM inside the file is text, not a marker. */
const strictLine = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenientLine = new TextDecoder('utf-8', { ignoreBOM: true });

export class JsonReader implements FormatReader {
  readonly options: JsonReadOptions;
  /** Records read so far by each path (profiling and tests: the fast path must carry the load). */
  readonly stats = { fastRecords: 0, cursorRecords: 0 };

  constructor(options: Readonly<Record<string, string>>, conf: ReaderConf) {
    this.options = jsonReadOptions(options, conf);
  }

  read(path: string, data: Uint8Array, schema: StructType, requiredColumns?: readonly string[]): FileReadResult {
    const o = this.options;
    if (!o.multiLine && o.lineSep === null && !o.allowComments && !o.allowUnquotedFieldNames) {
      const fast = this.readLines(path, data, schema, requiredColumns);
      if (fast !== null) return fast;
    }
    return this.readWithCursor(path, data, schema, requiredColumns);
  }

  /** The whole file through the cursor path (what the fast path must agree with, record by record). */
  readWithCursor(path: string, data: Uint8Array, schema: StructType, requiredColumns?: readonly string[]): FileReadResult {
    const multiLine = this.options.multiLine;
    const { text, invalidLines } = decodeUtf8Checked(data, multiLine ? null : this.options.lineSep, path);
    const st = this.prepare(text, schema, requiredColumns);
    if (multiLine) {
      this.readRecord(st, path, 0, text.length, 1, invalidLines.size > 0);
    } else {
      const lines = new LineSplitter(text, this.options.lineSep);
      while (lines.next()) {
        this.readRecord(st, path, lines.start, lines.end, lines.lineNumber, invalidLines.has(lines.lineNumber));
      }
    }
    return { batch: st.out.finish(), numCorruptRecords: st.numCorrupt, warnings: this.warnings(st, path, schema) };
  }

  /** The fast path over bytes; null when the schema's required fields need the cursor path. */
  private readLines(path: string, data: Uint8Array, schema: StructType, requiredColumns?: readonly string[]): FileReadResult | null {
    checkDecodable(data, path);
    const decoder = this.lineDecoder(path, schema, requiredColumns);
    if (decoder === null) return null;
    decoder.push(Buffer.from(data.buffer, data.byteOffset, data.byteLength), 0, data.byteLength);
    return decoder.finish();
  }

  /**
   * The fast path fed a region of whole lines at a time (LineChunkDecoder), so a file can be
   * read in bounded chunks; null when the schema's required fields need the cursor path.
   */
  lineDecoder(path: string, schema: StructType, requiredColumns?: readonly string[]): LineChunkDecoder | null {
    const o = this.options;
    if (o.multiLine || o.lineSep !== null || o.allowComments || o.allowUnquotedFieldNames) return null;
    const st = this.prepare('', schema, requiredColumns);
    const scanner = JsonFastScanner.create({
      plans: st.plans,
      index: st.index,
      builders: st.out.builders,
      corruptIdx: st.corruptIdx,
      implausible: st.implausible,
      onRow: () => st.out.numRows++,
    });
    if (scanner === null) return null;
    let lineNumber = 0;
    let fallbacks = 0;
    let first = true;
    const push = (bytes: Buffer, from: number, to: number): void => {
      const buf = to === bytes.length ? bytes : bytes.subarray(0, to);
      let start = from;
      // The decoders drop a byte-order mark and decodeUtf8Checked a second one (utf8-records.ts).
      for (let k = 0; first && k < 2 && buf[start] === 0xef && buf[start + 1] === 0xbb && buf[start + 2] === 0xbf; k++) start += 3;
      first = false;
      const lines = new ByteLineSplitter(buf, start);
      lines.lineNumber = lineNumber;
      while (lines.next()) {
        if (scanner.scan(buf, lines.start, lines.end) !== ScanResult.Fallback) continue;
        fallbacks++;
        const bytes = buf.subarray(lines.start, lines.end);
        let text: string;
        let notUtf8 = false;
        try {
          text = strictLine.decode(bytes);
        } catch {
          text = lenientLine.decode(bytes);
          notUtf8 = true;
        }
        st.cursor = new JsonCursor(text, this.options);
        st.converter = new JsonConverter(st.cursor, this.options);
        this.readRecord(st, path, 0, text.length, lines.lineNumber, notUtf8);
      }
      lineNumber = lines.lineNumber;
    };
    const finish = (): FileReadResult => {
      this.stats.fastRecords += lineNumber - fallbacks;
      this.stats.cursorRecords += fallbacks;
      return { batch: st.out.finish(), numCorruptRecords: st.numCorrupt, warnings: this.warnings(st, path, schema) };
    };
    // Rows per byte so far, times the file's bytes, plus a little: one allocation per column.
    const expectBytes = (consumed: number, total: number): void => {
      if (consumed > 0 && st.out.numRows > 0) st.out.reserve(Math.ceil((st.out.numRows * total * 1.02) / consumed) + 16);
    };
    return { push, finish, expectBytes };
  }

  private prepare(text: string, schema: StructType, requiredColumns?: readonly string[]): ReadState {
    const o = this.options;
    const corruptIdx = corruptColumnIndex(schema, o.columnNameOfCorruptRecord);
    const required = requiredColumns === undefined ? null : new Set(requiredColumns);
    const index = new Map<string, number>();
    const plans = schema.fields.map((f, i) => {
      if (i === corruptIdx || (required !== null && !required.has(f.name))) return null;
      index.set(f.name, i);
      return planFor(f.dataType, unitFor(o.timestampUnits, f.name));
    });
    const cursor = new JsonCursor(text, o);
    const keptCorrupt = required !== null && !required.has(o.columnNameOfCorruptRecord) ? -1 : corruptIdx;
    return {
      cursor,
      converter: new JsonConverter(cursor, o),
      plans,
      index,
      keyOrder: [],
      isTimestamp: schema.fields.map((f) => f.dataType instanceof TimestampType),
      // Fields neither converted nor given the corrupt text stay NULL without per-row work.
      out: new RowBuilders(schema, plans.map((p, i) => p === null && i !== keptCorrupt)),
      corruptIdx: keptCorrupt,
      rows: [],
      numRows: 0,
      numCorrupt: 0,
      implausible: new Map(),
    };
  }

  /** `notUtf8`: the record's bytes are not valid UTF-8, so Jackson fails on it (utf8-records.ts). */
  private readRecord(st: ReadState, path: string, start: number, end: number, line: number, notUtf8: boolean): void {
    const cur = st.cursor;
    cur.reset(start, end);
    st.numRows = 0;
    let bad = false;
    try {
      const c = cur.skipWs();
      if (c === -1) return; // blank: no row
      if (notUtf8) bad = true;
      else if (c === 123 || c === 91) {
        cur.enter();
        bad = c === 123 ? this.readObject(st) : this.readArrayOfObjects(st);
      } else {
        st.numRows = 0;
        bad = true; // a scalar (or null) where a record belongs
      }
    } catch (e) {
      if (e !== JSON_SYNTAX) throw e;
      st.numRows = 0;
      bad = true;
    }
    if (!bad) {
      for (let r = 0; r < st.numRows; r++) st.out.appendRow(st.rows[r]);
      return;
    }
    st.numCorrupt++;
    const mode = this.options.mode;
    if (mode === 'DROPMALFORMED') return;
    const record = cur.text.slice(start, end);
    if (mode === 'FAILFAST') throw malformedRecordError(record, path, line);
    // PERMISSIVE: partial rows (or one all-NULL row) carrying the record text.
    if (st.numRows === 0) this.stageRow(st);
    for (let r = 0; r < st.numRows; r++) {
      if (st.corruptIdx >= 0) st.rows[r][st.corruptIdx] = record;
      st.out.appendRow(st.rows[r]);
    }
  }

  /** A fresh all-NULL staged row. */
  private stageRow(st: ReadState): unknown[] {
    let row = st.rows[st.numRows];
    if (row === undefined) {
      row = new Array(st.plans.length);
      st.rows.push(row);
    }
    row.fill(null);
    st.numRows++;
    return row;
  }

  /** Reads the object at the cursor into a new staged row; true when a field failed to convert. */
  private readObject(st: ReadState): boolean {
    const cur = st.cursor;
    const text = cur.text;
    const conv = st.converter;
    const row = this.stageRow(st);
    let bad = false;
    cur.pos++;
    let c = cur.skipWs();
    if (c === 125) {
      cur.pos++;
      return false;
    }
    for (let k = 0; ; k++) {
      // Records of one file nearly always list their keys in the same order: check the key
      // seen at this position last time before decoding and looking the name up.
      let idx: number;
      const known = st.keyOrder[k];
      if (known !== undefined && text.startsWith(known.quoted, cur.pos)) {
        cur.pos += known.quoted.length;
        idx = known.index;
      } else {
        const keyStart = cur.pos;
        const key = cur.readKeyName();
        idx = st.index.get(key) ?? -1;
        if (cur.pos - keyStart === key.length + 2 && text.charCodeAt(keyStart) === 34) {
          st.keyOrder[k] = { quoted: text.slice(keyStart, cur.pos), index: idx };
        }
      }
      cur.expect(58);
      c = cur.skipWs();
      if (idx < 0) cur.skipValue();
      else {
        const plan = st.plans[idx]!;
        let v: unknown;
        if (plan.kind === Kind.Double && ((c >= 48 && c <= 57) || c === 45)) {
          cur.scanNumber();
          v = cur.numberValue();
        } else if (plan.kind === Kind.String && c === 34) {
          v = cur.readString();
        } else {
          conv.partial = false;
          conv.lastTimestampLiteral = null;
          v = conv.readValue(plan, c);
          if (v === CONVERSION_FAILED) {
            bad = true;
            v = null;
          } else if (conv.partial) bad = true;
          if (st.isTimestamp[idx] && typeof v === 'number' && !isPlausibleMicros(v) && !st.implausible.has(idx)) {
            st.implausible.set(idx, [v, conv.lastTimestampLiteral]);
          }
        }
        row[idx] = v;
      }
      c = cur.skipWs();
      cur.pos++;
      if (c === 125) return bad;
      if (c !== 44) throw JSON_SYNTAX;
      cur.skipWs();
    }
  }

  /** SPARK-3308: a top-level array gives one row per object element. */
  private readArrayOfObjects(st: ReadState): boolean {
    const cur = st.cursor;
    let bad = false;
    cur.pos++;
    let c = cur.skipWs();
    if (c === 93) {
      cur.pos++;
      return false;
    }
    for (;;) {
      // A non-object element (including null) makes the whole record bad with no partial rows.
      if (c !== 123) {
        cur.skipValue();
        st.numRows = 0;
        return true;
      }
      cur.enter();
      if (this.readObject(st)) bad = true;
      cur.leave();
      c = cur.skipWs();
      cur.pos++;
      if (c === 93) return bad;
      if (c !== 44) throw JSON_SYNTAX;
      c = cur.skipWs();
    }
  }

  private warnings(st: ReadState, path: string, schema: StructType): SourceWarning[] {
    const out: SourceWarning[] = [];
    for (const [idx, [us, literal]] of st.implausible) {
      const column = schema.fields[idx].name;
      out.push({
        code: 'IMPLAUSIBLE_TIMESTAMP',
        message: implausibleMessage(path, column, us, literal, unitFor(this.options.timestampUnits, column), this.options.timeZone),
        file: path,
        column,
      });
    }
    return out;
  }
}
