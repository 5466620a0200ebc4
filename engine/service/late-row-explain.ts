/**
 * "Explain a dropped row": for one traced row, the watermark it was judged against (the
 * previous batch's, as Spark 3.4+ drops late rows), the window it would have joined, by how
 * much it missed — WatermarkSupport's test is inclusive, so a window ending exactly at the
 * watermark misses by 0 — and, when rows map one to one onto the trigger's files, the file
 * and record it came from.
 *
 * The mapping holds when the traced operator saw exactly as many rows as the files gave:
 * the steps before it (projections, column changes) keep row order, and a step that removed
 * rows (a filter, drop nulls) would show as a different count, in which case no file is named.
 */
import { promises as fs } from 'node:fs';
import { DROPPED, LATE_ACCEPTED, NO_EVENT_TIME, ON_TIME } from '../exec/late-data-recorder';
import type { SourceNode } from '../plan/logical-plan';
import type { LateDataHistory } from './late-data-history';
import type { LateRowExplanation, LateRowFate } from './protocol';
import type { ReplayInputCache } from './replay-inputs';

export async function explainLateRow(
  history: LateDataHistory,
  batchId: number,
  row: number,
  source: { readonly node: SourceNode; readonly inputs: ReplayInputCache } | null,
): Promise<LateRowExplanation> {
  const info = history.info(batchId);
  const rows = history.rowsOf(batchId);
  if (info === undefined || rows === null)
    throw new Error(
      `The trace of batch ${batchId} is not held (never traced, or evicted by the lens's memory budget).`,
    );
  if (row >= rows.fate.length)
    throw new Error(`Batch ${batchId} traced ${rows.fate.length} rows; there is no row ${row}.`);
  const eventTimeUs = rows.eventTimeUs[row];
  const start = rows.windowStartUs[row];
  const end = rows.windowEndUs[row];
  const hasWindow = start === start;
  const watermarkUs = info.lateEventsWatermarkUs;
  // The time the watermark is compared with: the window's end for windows, else the event time.
  const judged = hasWindow ? end : eventTimeUs;
  const fate = asFate(rows.fate[row]);
  const origin =
    source === null ? null : await locate(source, info.files, batchId, row, rows.fate.length);
  return {
    batchId,
    row,
    fate,
    eventTimeUs,
    watermarkUs,
    windowStartUs: hasWindow ? start : null,
    windowEndUs: hasWindow ? end : null,
    missedByUs: fate === DROPPED && judged === judged ? watermarkUs - judged : null,
    file: origin?.file ?? null,
    record: origin?.record ?? null,
    line: origin?.line ?? null,
    fileUnknownReason:
      origin === null ? 'This query does not read one streaming file source.' : origin.reason,
  };
}

interface Origin {
  readonly file: string | null;
  readonly record: number | null;
  readonly line: number | null;
  readonly reason: string | null;
}

async function locate(
  source: { readonly node: SourceNode; readonly inputs: ReplayInputCache },
  files: readonly string[],
  batchId: number,
  row: number,
  tracedRows: number,
): Promise<Origin> {
  if (files.length === 0) return unknown('The trigger read no files (a no-data batch).');
  let input;
  try {
    input = await source.inputs.input({ batchId, files });
  } catch (e) {
    return unknown(
      `The trigger's files cannot be read again: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  if (input.batch.numRows !== tracedRows)
    return unknown(
      `The files gave ${input.batch.numRows} rows but ${tracedRows} reached the stateful operator (a step before it removed or added rows), so rows cannot be matched to lines.`,
    );
  let first = 0;
  for (let f = 0; f < input.files.length; f++) {
    const n = input.fileRows[f];
    if (row < first + n) {
      const record = row - first + 1;
      return {
        file: input.files[f],
        record,
        line: await lineOf(source.node, input.files[f], record),
        reason: null,
      };
    }
    first += n;
  }
  return unknown('The row is beyond the rows its files gave.');
}

function unknown(reason: string): Origin {
  return { file: null, record: null, line: null, reason };
}

/**
 * The 1-based line of the `record`-th record, for line-per-record formats where each line
 * is one row (JSON Lines skips blank lines, as Spark's reader does). Null where lines and
 * records do not correspond (multiLine, CSV quoting, DROPMALFORMED dropping records).
 */
async function lineOf(node: SourceNode, file: string, record: number): Promise<number | null> {
  const format = node.format.toLowerCase();
  const option = (name: string) =>
    Object.entries(node.options)
      .find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1]
      ?.toLowerCase();
  if (format !== 'json' && format !== 'text') return null;
  if (option('multiLine') === 'true' || option('mode') === 'dropmalformed') return null;
  const text = await fs.readFile(file, 'utf8');
  let seen = 0;
  let line = 0;
  for (const l of text.split('\n')) {
    line++;
    if (format === 'json' && l.trim() === '') continue;
    if (++seen === record) return line;
  }
  return null;
}

function asFate(v: number): LateRowFate {
  return v === ON_TIME || v === LATE_ACCEPTED || v === DROPPED || v === NO_EVENT_TIME
    ? v
    : NO_EVENT_TIME;
}
