/**
 * The `socket` source (Spark's TextSocketSourceProvider + TextSocketMicroBatchStream): reads
 * UTF-8 text lines from a TCP server at `host`:`port`, one `value` row per line, plus the
 * `timestamp` the line arrived at when `includeTimestamp` is true. For tutorials and
 * debugging only, as in Spark, which warns: "The socket source should not be used for
 * production applications! It does not support recovery." Tidemark shows that warning in
 * the first batch's progress.
 *
 * - Offsets are line numbers: the offset of a batch is the index of its last line (-1, i.e.
 *   no offset, until a line arrives).
 * - Lines live only in memory until their batch is committed. A restarted query opens a new
 *   connection and does not replay anything: lines the previous run received but had not
 *   committed are lost (a re-run batch comes back empty, with a warning), exactly the
 *   "no recovery" Spark documents. Numbering goes on after the highest offset handed out
 *   before (kept in `<checkpoint>/sources/<i>/last-offset`), so offsets never go back.
 * - Lines end at \n, \r or \r\n, and a last unterminated line counts when the server closes
 *   (BufferedReader.readLine). `numPartitions` only deals lines out to Spark partitions.
 */
import { connect, type Socket } from 'node:net';
import { StringDecoder } from 'node:string_decoder';
import { ColumnBatch } from '../../batch/column-batch';
import { AnalysisException, SparkRuntimeException } from '../../errors';
import type { Offset, Source, SourceBatch, SourceWarning } from '../source';
import { SOCKET_SCHEMA, SOCKET_SCHEMA_WITH_TIMESTAMP } from './generator-source-schemas';
import {
  booleanOption,
  hasOption,
  intOption,
  optionValue,
  type ProviderOptions,
} from './provider-options';
import { SourceStateFile } from './source-state-file';

export const SOCKET_NOT_FAULT_TOLERANT =
  'The socket source should not be used for production applications! It does not support recovery.';

export interface SocketOptions {
  readonly host: string;
  readonly port: number;
  readonly includeTimestamp: boolean;
}

/** TextSocketSourceProvider.checkParameters, with QueryCompilationErrors' messages. */
export function parseSocketOptions(options: ProviderOptions): SocketOptions {
  if (!hasOption(options, 'host'))
    throw new AnalysisException(
      '_LEGACY_ERROR_TEMP_1295',
      'Set a host to read from with option("host", ...).',
    );
  if (!hasOption(options, 'port'))
    throw new AnalysisException(
      '_LEGACY_ERROR_TEMP_1296',
      'Set a port to read from with option("port", ...).',
    );
  let includeTimestamp: boolean;
  try {
    includeTimestamp = booleanOption(options, 'includeTimestamp', false);
  } catch {
    throw new AnalysisException(
      '_LEGACY_ERROR_TEMP_1297',
      'includeTimestamp must be set to either "true" or "false"',
    );
  }
  // options.getInt("port", -1): a port that is not a number fails like Integer.parseInt.
  const port = intOption(options, 'port', -1);
  return { host: optionValue(options, 'host') ?? '', port, includeTimestamp };
}

interface ReceivedLine {
  readonly text: string;
  readonly arrivedMs: number;
}

export interface SocketSourceConfig {
  readonly options: ProviderOptions;
  readonly metadataPath?: string;
}

export class SocketSource implements Source {
  readonly schema;
  readonly description: string;
  private readonly socket: Socket;
  private readonly connected: Promise<void>;
  private readonly offsetFile: SourceStateFile | undefined;
  /** Lines not yet committed; `lines[0]` has index `firstIndex`. */
  private lines: ReceivedLine[] = [];
  private firstIndex: number;
  /** Index of the newest line received; firstIndex − 1 when none since the (re)start. */
  private currentOffset: number;
  private failure: Error | null = null;
  /** The offset last written to the checkpoint: unchanged offsets are not written again. */
  private lastKeptOffset: number;
  private warned = false;
  private readonly listeners: (() => void)[] = [];
  private readonly decoder = new StringDecoder('utf8');
  private partial = '';
  /** A '\r' ended the previous chunk: a '\n' starting the next one belongs to it. */
  private pendingCR = false;

  constructor(config: SocketSourceConfig) {
    const o = parseSocketOptions(config.options);
    this.schema = o.includeTimestamp ? SOCKET_SCHEMA_WITH_TIMESTAMP : SOCKET_SCHEMA;
    this.description = `TextSocketV2[host: ${o.host}, port: ${o.port}]`;
    this.offsetFile =
      config.metadataPath === undefined
        ? undefined
        : new SourceStateFile(config.metadataPath, 'last-offset');
    const stored = this.offsetFile?.read();
    this.currentOffset = stored === undefined ? -1 : Number(stored);
    this.firstIndex = this.currentOffset + 1;
    this.lastKeptOffset = this.currentOffset;
    this.socket = connect({ host: o.host, port: o.port });
    this.connected = new Promise((resolve) => {
      this.socket.once('connect', () => resolve());
      this.socket.once('error', (e) => {
        this.failure ??= new SparkRuntimeException(
          'SOCKET_SOURCE_CONNECTION_FAILED',
          `Cannot read from ${o.host}:${o.port}: ${e.message}. Start the server first (e.g. \`nc -lk ${o.port}\`).`,
          { cause: e },
        );
        resolve();
      });
    });
    this.socket.on('data', (chunk: Buffer) => this.receive(this.decoder.write(chunk), false));
    this.socket.on('end', () => this.receive(this.decoder.end(), true));
  }

  private receive(text: string, ended: boolean): void {
    const now = Date.now();
    let s = this.partial + text;
    if (this.pendingCR && s.startsWith('\n')) s = s.slice(1);
    this.pendingCR = false;
    const parts = s.split(/\r\n|\r|\n/);
    this.pendingCR = s.endsWith('\r');
    this.partial = parts.pop() ?? '';
    if (ended && this.partial !== '') {
      parts.push(this.partial);
      this.partial = '';
    }
    if (parts.length === 0) return;
    for (const line of parts) this.lines.push({ text: line, arrivedMs: now });
    this.currentOffset += parts.length;
    for (const l of this.listeners) l();
  }

  onDataAvailable(listener: () => void): void {
    this.listeners.push(listener);
  }

  async latestOffset(): Promise<Offset | null> {
    await this.connected;
    if (this.failure !== null) throw this.failure;
    if (this.currentOffset < 0) return null;
    const offset = this.currentOffset;
    // Kept before it can reach the offsets log, so a restart numbers new lines after it.
    if (this.offsetFile !== undefined && offset > this.lastKeptOffset) {
      this.offsetFile.write(String(offset));
      this.lastKeptOffset = offset;
    }
    return offset;
  }

  async getBatch(start: Offset | null, end: Offset): Promise<SourceBatch> {
    const from = start === null ? 0 : Number(start) + 1;
    const to = Number(end) + 1;
    const warnings: SourceWarning[] = [];
    if (!this.warned) {
      warnings.push({
        code: 'SOCKET_SOURCE_NOT_FAULT_TOLERANT',
        message: SOCKET_NOT_FAULT_TOLERANT,
      });
      this.warned = true;
    }
    if (from < this.firstIndex) {
      warnings.push({
        code: 'SOCKET_SOURCE_LINES_LOST',
        message:
          `Lines ${from}–${Math.min(to, this.firstIndex) - 1} were received before the query restarted and ` +
          'cannot be replayed: the socket source does not support recovery.',
      });
    }
    const held = this.lines.slice(
      Math.max(0, from - this.firstIndex),
      Math.max(0, to - this.firstIndex),
    );
    return { batch: this.toBatch(held), warnings };
  }

  private toBatch(held: readonly ReceivedLine[]): ColumnBatch {
    const rows = held.map((l) => ({ value: l.text, timestamp: l.arrivedMs * 1000 }));
    return ColumnBatch.fromRows(this.schema, rows);
  }

  async commit(end: Offset): Promise<void> {
    const through = Number(end);
    const drop = through + 1 - this.firstIndex;
    if (drop <= 0) return;
    this.lines = this.lines.slice(drop);
    this.firstIndex = through + 1;
  }

  async stop(): Promise<void> {
    // Closing the socket is the only way to end a blocked read (TextSocketMicroBatchStream.stop).
    this.socket.destroy();
  }
}
