/**
 * The CSV format reader (Spark's CSVFileFormat + UnivocityParser + FailureSafeParser).
 * Tokens map to the schema by position (the corrupt-record column takes no token); with
 * `header` the first record of each file is skipped (enforceSchema: names are not checked).
 * A record with fewer or more tokens than the schema is malformed but still parsed as far as
 * it goes (missing values NULL), as UnivocityParser.convert does. Values equal to `nullValue`
 * are NULL; others convert per type (UnivocityParser.makeConverter): integers as Java's
 * parseInt/parseLong, doubles as Double.parseDouble plus `nanValue`/`positiveInf`/`negativeInf`,
 * booleans `true`/`false` in any case, dates and timestamps as text-datetime.ts.
 */
import { AnalysisException } from '../../errors';
import { BinaryType, BooleanType, ByteType, DataType, DateType, DecimalType, DoubleType, FloatType, IntegerType, LongType, NullType, ShortType, StringType, TimestampType } from '../../types/data-types';
import type { StructType } from '../../types/struct-type';
import type { FileReadResult, FormatReader, ReaderConf } from './format';
import { csvOptions, type CsvOptions } from './csv-options';
import { CsvTokenizer } from './csv-tokenizer';
import { decodeText } from './line-splitter';
import { corruptColumnIndex, malformedRecordError } from './malformed-records';
import { RowBuilders } from './row-builders';
import { parseDateText, parseTimestampText } from './text-datetime';

const enum CsvKind {
  String, Int, Long, Float, Double, Decimal, Boolean, Timestamp, Date, Binary, Null,
}

const FAILED = Symbol('csv conversion failed');

const INTEGER = /^[+-]?\d+$/;
// Java's Double.parseDouble: surrounding whitespace, optional f/d suffix, Infinity/NaN words.
const JAVA_DOUBLE = /^\s*[+-]?(NaN|Infinity|(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[fFdD]?)\s*$/;

export function csvKind(type: DataType): CsvKind {
  if (type instanceof StringType) return CsvKind.String;
  if (type instanceof ByteType || type instanceof ShortType || type instanceof IntegerType) return CsvKind.Int;
  if (type instanceof LongType) return CsvKind.Long;
  if (type instanceof FloatType) return CsvKind.Float;
  if (type instanceof DoubleType) return CsvKind.Double;
  if (type instanceof DecimalType) return CsvKind.Decimal;
  if (type instanceof BooleanType) return CsvKind.Boolean;
  if (type instanceof TimestampType) return CsvKind.Timestamp;
  if (type instanceof DateType) return CsvKind.Date;
  if (type instanceof BinaryType) return CsvKind.Binary;
  if (type instanceof NullType) return CsvKind.Null;
  throw new AnalysisException(
    'UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE',
    `The CSV datasource doesn't support the column of the type "${type.simpleString().toUpperCase()}".`,
    { messageParameters: { format: 'CSV', columnType: type.simpleString().toUpperCase() }, sqlState: '0A000' },
  );
}

const INT_RANGES: ReadonlyMap<string, [number, number]> = new Map([
  ['byte', [-128, 127]],
  ['short', [-32768, 32767]],
  ['integer', [-2147483648, 2147483647]],
]);

export class CsvReader implements FormatReader {
  readonly options: CsvOptions;

  constructor(options: Readonly<Record<string, string>>, conf: ReaderConf) {
    this.options = csvOptions(options, conf);
  }

  read(path: string, data: Uint8Array, schema: StructType, requiredColumns?: readonly string[]): FileReadResult {
    const o = this.options;
    const text = decodeText(data, path);
    const corruptIdx = corruptColumnIndex(schema, o.columnNameOfCorruptRecord);
    const required = requiredColumns === undefined ? null : new Set(requiredColumns);
    // Token position of each field (the corrupt column takes none) and its converter kind.
    const tokenOf: number[] = [];
    const kinds: (CsvKind | -1)[] = [];
    let dataFields = 0;
    schema.fields.forEach((f, i) => {
      if (i === corruptIdx) {
        tokenOf.push(-1);
        kinds.push(-1);
        return;
      }
      tokenOf.push(dataFields++);
      kinds.push(required !== null && !required.has(f.name) ? -1 : csvKind(f.dataType));
    });
    const fillCorrupt = corruptIdx >= 0 && (required === null || required.has(o.columnNameOfCorruptRecord));
    const out = new RowBuilders(schema);
    const row: unknown[] = new Array(schema.fields.length);
    const tokenizer = new CsvTokenizer(text, o);
    let numCorrupt = 0;
    let first = true;
    for (let tokens = tokenizer.next(); tokens !== null; tokens = tokenizer.next()) {
      if (first && o.header) {
        first = false;
        continue;
      }
      first = false;
      let bad = tokens.length !== dataFields;
      row.fill(null);
      for (let i = 0; i < row.length; i++) {
        const kind = kinds[i];
        if (kind === -1) continue;
        const token = tokens[tokenOf[i]];
        if (token === undefined || token === null || token === o.nullValue) continue;
        const v = this.convert(token, kind, schema.fields[i].dataType);
        if (v === FAILED) bad = true;
        else row[i] = v;
      }
      if (!bad) {
        out.appendRow(row);
        continue;
      }
      numCorrupt++;
      if (o.mode === 'DROPMALFORMED') continue;
      const record = text.slice(tokenizer.recordStart, tokenizer.recordEnd);
      if (o.mode === 'FAILFAST') throw malformedRecordError(record, path, tokenizer.lineNumber);
      if (fillCorrupt) row[corruptIdx] = record;
      out.appendRow(row);
    }
    return { batch: out.finish(), numCorruptRecords: numCorrupt, warnings: [] };
  }

  private convert(token: string, kind: CsvKind, type: DataType): unknown {
    const o = this.options;
    switch (kind) {
      case CsvKind.String:
        return token;
      case CsvKind.Int: {
        if (!INTEGER.test(token)) return FAILED;
        const v = Number(token);
        const [min, max] = INT_RANGES.get(type.typeName) ?? [-2147483648, 2147483647];
        return v >= min && v <= max ? v : FAILED;
      }
      case CsvKind.Long: {
        if (!INTEGER.test(token)) return FAILED;
        const b = BigInt(token);
        return b >= -(2n ** 63n) && b < 2n ** 63n ? Number(token) : FAILED;
      }
      case CsvKind.Float:
      case CsvKind.Double: {
        let v: number;
        if (token === o.nanValue) v = NaN;
        else if (token === o.negativeInf) v = -Infinity;
        else if (token === o.positiveInf) v = Infinity;
        else if (JAVA_DOUBLE.test(token)) v = Number(token.trim().replace(/[fFdD]$/, ''));
        else return FAILED;
        return kind === CsvKind.Float ? Math.fround(v) : v;
      }
      case CsvKind.Decimal: {
        const d = type as DecimalType;
        if (!/^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(token)) return FAILED;
        const factor = 10 ** d.scale;
        const v = Math.round(Number(token) * factor) / factor;
        return Math.abs(v) < 10 ** (d.precision - d.scale) ? v : FAILED;
      }
      case CsvKind.Boolean: {
        const lower = token.toLowerCase();
        return lower === 'true' ? true : lower === 'false' ? false : FAILED;
      }
      case CsvKind.Timestamp:
        return parseTimestampText(token, o.timestampFormat, o.timeZone) ?? FAILED;
      case CsvKind.Date:
        return parseDateText(token, o.dateFormat) ?? FAILED;
      case CsvKind.Binary:
        return new TextEncoder().encode(token);
      default:
        return null;
    }
  }
}
