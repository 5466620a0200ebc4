/**
 * A ColumnBatch as an Arrow IPC *file* (the random-access format with the `ARROW1` magic and
 * a footer: what pyarrow.ipc.open_file and apache-arrow's tableFromIPC read), with string
 * metadata on the schema (Arrow's custom_metadata). The columns come from arrow-export.ts,
 * the same conversion results take to the UI, so an exported file and the table the user
 * saw hold the same types (each field keeps its Spark type under `spark.type`).
 */
import { RecordBatch, Schema, Table, tableToIPC } from 'apache-arrow';
import type { ColumnBatch } from '../batch/column-batch';
import { toArrowTable } from './arrow-export';

export function toArrowIPCFile(
  batch: ColumnBatch,
  metadata: Readonly<Record<string, string>>,
): Uint8Array {
  const table = toArrowTable(batch);
  const schema = new Schema(table.schema.fields, new Map(Object.entries(metadata)));
  const batches = table.batches.map((b) => new RecordBatch(schema, b.data));
  return tableToIPC(new Table(schema, batches), 'file');
}
