/**
 * The console sink (Spark's ConsoleWriter): prints each batch as
 *
 *   -------------------------------------------
 *   Batch: <id>
 *   -------------------------------------------
 *   <Dataset.show(numRows, truncate) table>
 *
 * followed by the blank line `show`'s println leaves. Options `numRows` (default 20) and
 * `truncate` (default true) are read case-insensitively. Output goes to an injectable writer
 * (process.stdout by default) so hosts can route it to a panel.
 */
import type { ColumnBatch } from '../../batch/column-batch';
import { showString } from '../../batch/show-string';
import { IllegalArgumentException } from '../../errors';
import type { OutputMode } from '../../exec/physical-plan';
import type { Sink } from '../sink';

export type ConsoleOutput = (text: string) => void;

const RULE = '-------------------------------------------';

export class ConsoleSink implements Sink {
  readonly description = 'ConsoleSink';
  readonly numRows: number;
  readonly truncate: boolean;
  private lastRows = 0;

  constructor(
    options: Readonly<Record<string, string>>,
    private readonly timeZone = 'UTC',
    private readonly out: ConsoleOutput = (text) => void process.stdout.write(text),
  ) {
    const numRows = optionValue(options, 'numRows');
    const truncate = optionValue(options, 'truncate');
    this.numRows = numRows === undefined ? 20 : parseIntOption('numRows', numRows);
    this.truncate = truncate === undefined ? true : parseBooleanOption('truncate', truncate);
  }

  async addBatch(batchId: number, batch: ColumnBatch, _outputMode: OutputMode): Promise<void> {
    this.out(
      `${RULE}\nBatch: ${batchId}\n${RULE}\n${showString(batch, this.numRows, this.truncate, this.timeZone)}\n`,
    );
    this.lastRows = batch.numRows;
  }

  lastNumOutputRows(): number {
    return this.lastRows;
  }

  async stop(): Promise<void> {}
}

/** Spark's CaseInsensitiveStringMap lookup. */
export function optionValue(
  options: Readonly<Record<string, string>>,
  name: string,
): string | undefined {
  const lower = name.toLowerCase();
  for (const [k, v] of Object.entries(options)) if (k.toLowerCase() === lower) return v;
  return undefined;
}

function parseIntOption(name: string, value: string): number {
  if (!/^\s*[+-]?\d+\s*$/.test(value)) {
    throw new IllegalArgumentException(
      `For input string: "${value}" (option ${name} must be an integer)`,
    );
  }
  return Number(value);
}

function parseBooleanOption(name: string, value: string): boolean {
  const v = value.trim().toLowerCase();
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw new IllegalArgumentException(
    `For input string: "${value}" (option ${name} must be true or false)`,
  );
}
