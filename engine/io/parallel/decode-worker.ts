/**
 * The decode worker's entry: builds each task's reader from its descriptor (cached: a batch
 * sends the same one for every file), reads the file itself unless bytes came with the task,
 * decodes it with the same rules as the calling thread, and posts the batch back (its arrays
 * on SharedArrayBuffers, batch-codec.ts), one file at a time in the order the files came.
 * Emitted as out/main/decode-worker.js by the build (electron.config.ts).
 */
import { parentPort } from 'node:worker_threads';
import type { FormatReader } from '../formats/format';
import { readerFor } from '../formats/registry';
import { toStructType } from '../../types/ddl';
import type { StructType } from '../../types/struct-type';
import { encodeBatch } from './batch-codec';
import type { DecodeReply, DecodeTask } from './decode-messages';
import { encodeError } from './error-codec';
import { readOneFile } from './read-one-file';

const readers = new Map<string, FormatReader>();
const schemas = new Map<string, StructType>();

/**
 * Blocking reads: async ones are each a trip through the event loop, and this thread's loop is
 * blocked while it decodes, so the next chunk would wait for every decode in turn. Blocking
 * here blocks no one else (one file at a time, see drain).
 */
const BLOCKING = 'blocking' as const;

function readerOf(task: DecodeTask): FormatReader {
  const key = JSON.stringify(task.reader);
  let reader = readers.get(key);
  if (reader === undefined) {
    reader = readerFor(task.reader.format, task.reader.options, task.reader.conf);
    readers.set(key, reader);
  }
  return reader;
}

function schemaOf(task: DecodeTask): StructType {
  let schema = schemas.get(task.schema);
  if (schema === undefined) {
    schema = toStructType(task.schema);
    schemas.set(task.schema, schema);
  }
  return schema;
}

async function run(task: DecodeTask): Promise<DecodeReply> {
  try {
    const outcome = await readOneFile(task.path, readerOf(task), schemaOf(task), task.rules, task.data ?? BLOCKING);
    if (outcome.result === null) return { id: task.id, ok: true, result: null, warnings: outcome.warnings };
    const result = {
      batch: encodeBatch(outcome.result.batch),
      numCorruptRecords: outcome.result.numCorruptRecords,
      warnings: outcome.result.warnings,
    };
    return { id: task.id, ok: true, result, warnings: outcome.warnings };
  } catch (e) {
    return { id: task.id, ok: false, error: encodeError(e) };
  }
}

const port = parentPort;
if (port === null) throw new Error('decode-worker.ts runs only as a worker thread');

// One file at a time, in the order sent: a batch's files arrive together, and reading them
// all before decoding the first would hold every file's bytes at once.
const queue: DecodeTask[] = [];
let draining = false;

async function drain(to: NonNullable<typeof parentPort>): Promise<void> {
  draining = true;
  for (let task = queue.shift(); task !== undefined; task = queue.shift()) {
    const reply = await run(task);
    try {
      to.postMessage(reply);
    } catch (e) {
      // A value structured clone cannot carry: the file fails like any unexpected decoding error.
      to.postMessage({ id: task.id, ok: false, error: encodeError(e) } satisfies DecodeReply);
    }
  }
  draining = false;
}

port.on('message', (task: DecodeTask) => {
  queue.push(task);
  if (!draining) void drain(port);
});
