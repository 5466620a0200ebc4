/**
 * The source-setup preview of `rate`, `rate-micro-batch` and `socket`: no rows, on purpose,
 * and a line saying why, with the schema the options give (checked as Spark's getTable
 * checks them, so a bad option still shows as an error here).
 * - rate: its rows are generated as the query runs (RateStreamMicroBatchStream makes them
 *   from the batch's time), so there is nothing to read ahead of it.
 * - socket: TextSocketMicroBatchStream keeps what it receives and nothing else does; reading
 *   ahead would take lines the query is meant to get.
 */
import { ColumnBatch } from '../batch/column-batch';
import { generatorTableSchema } from '../io/sources/generator-sources';
import { toArrowIPC } from './arrow-export';
import type { SourcePreview, SourceSetup } from './protocol';

const RATE_NOTE =
  'No preview: a rate source generates its rows (timestamp, value) while the query runs, so ' +
  'there is nothing to read yet. Its schema is shown.';
const SOCKET_NOTE =
  'No preview: reading the socket would consume the lines the query is waiting for (a socket ' +
  'keeps nothing). Its schema is shown.';

export function previewGeneratedSource(setup: SourceSetup): SourcePreview {
  const format = setup.format.toLowerCase();
  const schema = generatorTableSchema(format, setup.options, setup.schema);
  return {
    files: [],
    sampledFiles: [],
    schema: schema.jsonValue(),
    schemaDDL: schema.toDDL(),
    inferred: false,
    numRows: 0,
    ipc: toArrowIPC(ColumnBatch.empty(schema)),
    corrupt: [],
    warnings: [],
    suggestions: [],
    note: format === 'socket' ? SOCKET_NOTE : RATE_NOTE,
  };
}
