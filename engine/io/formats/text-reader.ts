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
import type { FileReadResult, FormatReader, LineChunkDecoder } from './format';
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
    return batchOf(schema, valueIdx, values);
  }

  /**
   * With the default separators, lines a region at a time (a local file read in chunks); null
   * for `wholetext` or a `lineSep`, which read the whole file. Only the first region may start
   * with byte-order marks to skip; later ones decode a U+FEFF as text, as a whole-file decode does.
   */
  lineDecoder(path: string, schema: StructType): LineChunkDecoder | null {
    if (this.wholeText || this.lineSep !== null) return null;
    const valueIdx = Math.max(0, schema.fieldIndex('value'));
    const values = new StringBuilder(schema.fields[valueIdx].dataType);
    const later = new TextDecoder('utf-8', { ignoreBOM: true });
    let first = true;
    return {
      push: (bytes, start, end) => {
        const region = bytes.subarray(start, end);
        const text = first ? decodeText(region, path) : later.decode(region);
        first = false;
        const lines = new LineSplitter(text, null);
        while (lines.next()) values.appendString(text.slice(lines.start, lines.end));
      },
      finish: () => batchOf(schema, valueIdx, values),
    };
  }
}

function batchOf(schema: StructType, valueIdx: number, values: StringBuilder): FileReadResult {
  const n = values.length;
  const columns = schema.fields.map((f, i) => (i === valueIdx ? values.finish() : nullVector(f.dataType, n)));
  return { batch: new ColumnBatch(schema, columns, n), numCorruptRecords: 0, warnings: [] };
}
