/**
 * The sink for a `writeStream.format(...)`, with Spark's per-sink output-mode support
 * (DataStreamWriter.startInternal, DataSource.createSink): memory, console and noop take
 * every mode; file formats take append only (STREAMING_OUTPUT_MODE.UNSUPPORTED_DATASOURCE)
 * and need a path. foreach/foreachBatch sinks are built by DataStreamWriter itself.
 */
import { AnalysisException, IllegalArgumentException } from '../../errors';
import type { OutputMode } from '../../exec/physical-plan';
import type { StructType } from '../../types/struct-type';
import type { ReaderConf } from '../formats/format';
import { writerFor } from '../formats/registry';
import type { Sink } from '../sink';
import { ConsoleSink, optionValue, type ConsoleOutput } from './console-sink';
import { FileStreamSink } from './file-sink';
import { KafkaSink } from './kafka-sink';
import { MemorySink } from './memory-sink';
import type { MemorySinkLimits } from './memory-sink-limits';
import { NoopSink } from './noop-sink';

/** File formats Spark can stream into (FileFormat providers). */
export const FILE_SINK_FORMATS: readonly string[] = ['json', 'csv', 'text', 'parquet', 'orc'];

export interface SinkRequest {
  readonly format: string;
  readonly outputMode: OutputMode;
  /** Writer options as given (case-insensitive names), including `path` when set. */
  readonly options: Readonly<Record<string, string>>;
  readonly schema: StructType;
  readonly readerConf: ReaderConf;
  readonly consoleOutput?: ConsoleOutput;
  /** spark.sql.streaming.fileSink.log.compactInterval */
  readonly compactInterval?: number;
  /** spark.tidemark.memorySink.* (resource-limits.ts); absent: the heap-sized defaults. */
  readonly memorySinkLimits?: MemorySinkLimits;
}

export function createSink(req: SinkRequest): Sink {
  const format = req.format.toLowerCase();
  switch (format) {
    case 'memory':
      return new MemorySink(req.schema, req.memorySinkLimits);
    case 'console':
      return new ConsoleSink(req.options, req.readerConf.timeZone, req.consoleOutput);
    case 'noop':
      return new NoopSink();
    case 'kafka':
      // Every output mode, as Spark's KafkaTable (SupportsTruncate + streaming update).
      return new KafkaSink(req.options, req.schema);
    default:
      break;
  }
  if (!FILE_SINK_FORMATS.includes(format)) {
    throw new AnalysisException(
      'DATA_SOURCE_NOT_FOUND',
      `Failed to find the data source: ${req.format}. Make sure the provider name is correct and the package is properly registered and compatible with your Spark version.`,
      { messageParameters: { provider: req.format }, sqlState: '42K02' },
    );
  }
  if (req.outputMode !== 'append') {
    throw new AnalysisException(
      'STREAMING_OUTPUT_MODE.UNSUPPORTED_DATASOURCE',
      `Invalid streaming output mode: ${req.outputMode}. This output mode is not supported in Data Source ${format}.`,
      { messageParameters: { className: format, outputMode: req.outputMode }, sqlState: '42KDE' },
    );
  }
  const path = optionValue(req.options, 'path');
  if (path === undefined || path === '')
    throw new IllegalArgumentException("'path' is not specified");
  return new FileStreamSink(
    path,
    writerFor(format, req.options, req.readerConf),
    req.compactInterval,
  );
}
