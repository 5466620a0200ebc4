/**
 * The JSON format writer (Spark's JacksonGenerator as the JSON file sink uses it): one object
 * per line in schema order, NULL fields left out (spark.sql.jsonGenerator.ignoreNullFields),
 * structs nested, arrays and maps as JSON arrays and objects, doubles as Java's
 * Double.toString (NaN and infinities quoted, as Jackson's QUOTE_NON_NUMERIC_NUMBERS does),
 * timestamps as `timestampFormat` (default `yyyy-MM-dd'T'HH:mm:ss.SSSXXX`) in the session
 * time zone, dates as `dateFormat` (default `yyyy-MM-dd`), binary as base64.
 *
 * Columnar: a writer per column is chosen once per batch (json-write-columns.ts) and the rows
 * are appended as UTF-8 to one growing buffer, so a batch costs no row objects and no string
 * per line, and the sink writes the file in one call.
 */
import type { ColumnBatch } from '../../batch/column-batch';
import { compileDateTimePattern, type DateTimePattern } from '../../types/datetime';
import { CaseInsensitiveOptions } from './case-insensitive-options';
import type { FormatWriter, ReaderConf } from './format';
import { columnWriter, type ColumnWriterContext } from './json-write-columns';
import { JsonByteBuffer } from './json-write-buffer';
import { DateJsonText, TimestampJsonText } from './json-write-timestamps';

const NULL_VALUE = new TextEncoder().encode('null');

export class JsonWriter implements FormatWriter {
  readonly extension = 'json';
  private readonly timestampFormat: DateTimePattern;
  private readonly dateFormat: DateTimePattern;
  private readonly timeZone: string;
  private readonly lineEnd: Uint8Array;
  private readonly ignoreNullFields: boolean;
  private readonly context: ColumnWriterContext;

  constructor(options: Readonly<Record<string, string>>, conf: ReaderConf) {
    const o = new CaseInsensitiveOptions(options);
    this.timestampFormat = compileDateTimePattern(o.string('timestampFormat', "yyyy-MM-dd'T'HH:mm:ss.SSSXXX"), { forParsing: false });
    this.dateFormat = compileDateTimePattern(o.string('dateFormat', 'yyyy-MM-dd'), { forParsing: false });
    this.timeZone = o.string('timeZone', conf.timeZone);
    this.lineEnd = new TextEncoder().encode('}' + o.string('lineSep', '\n'));
    this.ignoreNullFields = o.boolean('ignoreNullFields', true);
    this.context = {
      timestampFormat: this.timestampFormat,
      dateFormat: this.dateFormat,
      timeZone: this.timeZone,
      ignoreNullFields: this.ignoreNullFields,
      timestamps: new TimestampJsonText(this.timestampFormat, this.timeZone),
      dates: new DateJsonText(this.dateFormat),
    };
  }

  encode(batch: ColumnBatch): Uint8Array {
    const fields = batch.schema.fields;
    const writers = fields.map((f, c) => columnWriter(f.name, f.dataType, batch.columns[c], this.context));
    const n = batch.numRows;
    // A guess from the first rows would be no better: doubling costs one copy of the output.
    const out = new JsonByteBuffer(Math.max(1024, n * (2 + 24 * writers.length)));
    const skipNulls = this.ignoreNullFields;
    for (let r = 0; r < n; r++) {
      out.byte(123);
      let first = true;
      for (let c = 0; c < writers.length; c++) {
        const w = writers[c];
        const isNull = w.nulls !== null && w.nulls[r] === 0;
        if (isNull && skipNulls) continue;
        if (!first) out.byte(44);
        first = false;
        out.raw(w.key);
        if (isNull) out.raw(NULL_VALUE);
        else w.write(out, r);
      }
      out.raw(this.lineEnd);
    }
    return out.result();
  }
}
