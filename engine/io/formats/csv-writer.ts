/**
 * The CSV format writer (Spark's UnivocityGenerator): an optional header line of field names,
 * then one line per row. NULL is written as `nullValue` (default empty), an empty string as
 * `emptyValue` (default `""`), leading/trailing whitespace is trimmed (the write defaults of
 * ignoreLeading/TrailingWhiteSpace), and a value is quoted when it holds the separator, a
 * quote, a line break, or always with `quoteAll`; quotes inside are escaped with `escape`
 * (default `\`). Timestamps use `timestampFormat` (default `yyyy-MM-dd'T'HH:mm:ss.SSSXXX`).
 */
import type { ColumnBatch } from '../../batch/column-batch';
import { javaDoubleToString, javaFloatToString } from '../../types/java-number-format';
import { valueAt } from '../../batch/values';
import { BooleanType, DataType, DateType, DecimalType, DoubleType, FloatType, TimestampType } from '../../types/data-types';
import { AnalysisException } from '../../errors';
import { CaseInsensitiveOptions } from './case-insensitive-options';
import { csvKind } from './csv-reader';
import { csvOptions, type CsvOptions } from './csv-options';
import type { FormatWriter, ReaderConf } from './format';

export class CsvWriter implements FormatWriter {
  readonly extension = 'csv';
  private readonly o: CsvOptions;
  private readonly lineSep: string;

  constructor(options: Readonly<Record<string, string>>, conf: ReaderConf) {
    this.o = csvOptions(options, conf);
    this.lineSep = new CaseInsensitiveOptions(options).string('lineSep', '\n');
  }

  encode(batch: ColumnBatch): Uint8Array {
    const fields = batch.schema.fields;
    for (const f of fields) {
      if (f.dataType.storage === 'struct' || f.dataType.typeName === 'array' || f.dataType.typeName === 'map') {
        throw new AnalysisException(
          'UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE',
          `The CSV datasource doesn't support the column ${'`' + f.name + '`'} of the type "${f.dataType.simpleString().toUpperCase()}".`,
          { messageParameters: { columnName: f.name, format: 'CSV' }, sqlState: '0A000' },
        );
      }
      csvKind(f.dataType);
    }
    const lines: string[] = [];
    if (this.o.header) lines.push(fields.map((f) => this.cell(f.name)).join(this.o.sep) + this.lineSep);
    for (let r = 0; r < batch.numRows; r++) {
      const cells: string[] = new Array(fields.length);
      for (let c = 0; c < fields.length; c++) {
        const v = valueAt(batch.columns[c], r);
        cells[c] = v === null ? this.o.nullValue : this.cell(this.text(v, fields[c].dataType));
      }
      lines.push(cells.join(this.o.sep) + this.lineSep);
    }
    return new TextEncoder().encode(lines.join(''));
  }

  private text(v: unknown, t: DataType): string {
    if (t instanceof TimestampType) return this.o.timestampFormatInWrite.format(v as number, this.o.timeZone);
    if (t instanceof DateType) return this.o.dateFormatInWrite.formatDate(v as number);
    if (t instanceof DoubleType) return javaDoubleToString(v as number);
    if (t instanceof FloatType) return javaFloatToString(v as number);
    if (t instanceof DecimalType) return (v as number).toFixed(t.scale);
    if (t instanceof BooleanType) return v ? 'true' : 'false';
    if (v instanceof Uint8Array) return new TextDecoder().decode(v);
    return String(v);
  }

  /** Trims and quotes one value as univocity's CsvWriter does with Spark's settings. */
  private cell(raw: string): string {
    const o = this.o;
    let s = raw;
    if (o.ignoreLeadingWhiteSpaceInWrite) s = s.replace(/^\s+/, '');
    if (o.ignoreTrailingWhiteSpaceInWrite) s = s.replace(/\s+$/, '');
    if (s.length === 0) return raw.length === 0 ? o.emptyValueInWrite : s;
    const hasQuote = o.quote !== '\u0000' && s.includes(o.quote);
    const needsQuotes = o.quoteAll || s.includes(o.sep) || s.includes('\n') || s.includes('\r') || (hasQuote && o.escapeQuotes);
    if (!needsQuotes) return s;
    const escaped = hasQuote ? s.split(o.quote).join(o.escape + o.quote) : s;
    return o.quote + escaped + o.quote;
  }
}
