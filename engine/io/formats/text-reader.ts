/**
 * The text format reader (Spark's TextFileFormat): one `value` string row per line (empty
 * lines included, separators `\n`, `\r\n`, `\r` or the `lineSep` option), or with `wholetext`
 * one row holding the whole file. A UTF-8 byte-order mark is skipped, as Hadoop's
 * LineRecordReader does.
 */
import { IllegalArgumentException } from '../../errors';
import { StringBuilder } from '../../batch/vector-builder';
import { ColumnBatch } from '../../batch/column-batch';
import { nullVector } from '../../batch/vector';
import type { StructType } from '../../types/struct-type';
import { CaseInsensitiveOptions } from './case-insensitive-options';
import type { FileReadResult, FormatReader } from './format';
import { LineSplitter, decodeText } from './line-splitter';

export class TextReader implements FormatReader {
  private readonly wholeText: boolean;
  private readonly lineSep: string | null;

  constructor(options: Readonly<Record<string, string>>) {
    const o = new CaseInsensitiveOptions(options);
    this.wholeText = o.boolean('wholetext', false);
    const sep = o.get('lineSep');
    if (sep !== undefined && sep.length === 0) throw new IllegalArgumentException("'lineSep' cannot be an empty string.");
    this.lineSep = sep ?? null;
  }

  read(path: string, data: Uint8Array, schema: StructType): FileReadResult {
    const text = decodeText(data, path);
    const valueIdx = Math.max(0, schema.fieldIndex('value'));
    const values = new StringBuilder(schema.fields[valueIdx].dataType);
    if (this.wholeText) values.appendString(text);
    else {
      const lines = new LineSplitter(text, this.lineSep);
      while (lines.next()) values.appendString(text.slice(lines.start, lines.end));
    }
    const n = values.length;
    const columns = schema.fields.map((f, i) => (i === valueIdx ? values.finish() : nullVector(f.dataType, n)));
    return { batch: new ColumnBatch(schema, columns, n), numCorruptRecords: 0, warnings: [] };
  }
}
