/**
 * CSV has no nested values: Spark's CSV writer refuses struct, array and map columns
 * (UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE), and a Spark user exports them with
 * `to_json(col)` first. A snapshot does that for the user: each nested column becomes a
 * string column of its `to_json` text, with the JSON writer's rules (JacksonGenerator:
 * null fields left out, timestamps in `timestampFormat`), so the CSV and JSON-lines exports
 * of one table agree. A NULL value stays NULL (to_json(NULL) is NULL).
 */
import { ColumnBatch } from '../batch/column-batch';
import { makeBuilder } from '../batch/vector-builder';
import type { Vector } from '../batch/vector';
import { ArrayType, MapType, StringType, type DataType } from '../types/data-types';
import { StructField, StructType } from '../types/struct-type';
import type { ReaderConf } from '../io/formats/format';
import { JsonWriter } from '../io/formats/json-writer';

export function isNested(type: DataType): boolean {
  return type instanceof StructType || type instanceof ArrayType || type instanceof MapType;
}

/** The batch with every nested column replaced by its to_json text; other columns shared. */
export function nestedColumnsAsJson(batch: ColumnBatch, conf: ReaderConf): ColumnBatch {
  if (!batch.schema.fields.some((f) => isNested(f.dataType))) return batch;
  const writer = new JsonWriter({}, conf);
  const fields: StructField[] = [];
  const columns: Vector[] = [];
  batch.schema.fields.forEach((f, c) => {
    if (!isNested(f.dataType)) {
      fields.push(f);
      columns.push(batch.columns[c]);
      return;
    }
    fields.push(new StructField(f.name, new StringType(), f.nullable, f.metadata));
    columns.push(jsonTextColumn(writer, f.dataType, batch.columns[c], batch.numRows));
  });
  return new ColumnBatch(new StructType(fields), columns, batch.numRows);
}

/**
 * Encodes the column as one-field JSON records `{"v":…}` and keeps what follows the key:
 * exactly the JSON writer's text for each value. A NULL value gives `{}` (null fields are
 * left out) and stays NULL. One record per line is safe: JSON text escapes line breaks.
 */
function jsonTextColumn(
  writer: JsonWriter,
  type: DataType,
  column: Vector,
  numRows: number,
): Vector {
  const wrapped = new ColumnBatch(
    new StructType([new StructField('v', type, true)]),
    [column],
    numRows,
  );
  const lines = new TextDecoder().decode(writer.encode(wrapped)).split('\n');
  const prefix = '{"v":';
  const out = makeBuilder(new StringType());
  for (let r = 0; r < numRows; r++) {
    const line = lines[r];
    out.append(line.startsWith(prefix) ? line.slice(prefix.length, -1) : null);
  }
  return out.finish();
}
