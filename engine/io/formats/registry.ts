/**
 * The file formats Tidemark reads and writes, by Spark's short names (case-insensitive, as
 * DataSource.lookupDataSource). Options are matched case-insensitively by each format.
 */
import { AnalysisException } from '../../errors';
import { StringType } from '../../types/data-types';
import { StructField, StructType } from '../../types/struct-type';
import { CsvReader } from './csv-reader';
import { CsvWriter } from './csv-writer';
import { inferCsvSchema } from './csv-infer-schema';
import type { FormatReader, FormatWriter, ReaderConf, ReaderDescriptor } from './format';
import { inferJsonSchema } from './json-infer-schema';
import { JsonReader } from './json-reader';
import { JsonWriter } from './json-writer';
import { TextReader } from './text-reader';
import { ArrowReader, inferArrowSchema } from './arrow-reader';
import { ParquetReader, inferParquetSchema } from './parquet-reader';
import { ParquetWriter } from './parquet-writer';

/** `arrow` (IPC file or stream) is a Tidemark extension: Spark has no Arrow file source. */
export const READ_FORMATS = ['json', 'csv', 'text', 'parquet', 'arrow'] as const;
export const WRITE_FORMATS = ['json', 'csv', 'parquet'] as const;

function unknownFormat(format: string, supported: readonly string[]): AnalysisException {
  return new AnalysisException(
    'DATA_SOURCE_NOT_FOUND',
    `Failed to find the data source: ${format}. Tidemark supports: ${supported.join(', ')}.`,
    { messageParameters: { provider: format }, sqlState: '42K02' },
  );
}

/**
 * The reader for a format, carrying its descriptor so a decode worker can build the same one
 * (engine/io/parallel).
 */
export function readerFor(format: string, options: Readonly<Record<string, string>>, conf: ReaderConf): FormatReader {
  const descriptor: ReaderDescriptor = { format: format.toLowerCase(), options: { ...options }, conf: { ...conf } };
  return Object.assign(newReader(format, options, conf), { descriptor });
}

function newReader(format: string, options: Readonly<Record<string, string>>, conf: ReaderConf): FormatReader {
  switch (format.toLowerCase()) {
    case 'json':
      return new JsonReader(options, conf);
    case 'csv':
      return new CsvReader(options, conf);
    case 'text':
      return new TextReader(options);
    case 'parquet':
      return new ParquetReader();
    case 'arrow':
      return new ArrowReader();
    default:
      throw unknownFormat(format, READ_FORMATS);
  }
}

export function writerFor(format: string, options: Readonly<Record<string, string>>, conf: ReaderConf): FormatWriter {
  switch (format.toLowerCase()) {
    case 'json':
      return new JsonWriter(options, conf);
    case 'csv':
      return new CsvWriter(options, conf);
    case 'parquet':
      return new ParquetWriter();
    default:
      throw unknownFormat(format, WRITE_FORMATS);
  }
}

/** The schema Spark would infer from these files (JsonInferSchema, CSVInferSchema; text is `value string`; parquet and arrow: the first file's footer/schema). */
export function inferSchema(
  format: string,
  samples: readonly { path: string; data: Uint8Array }[],
  options: Readonly<Record<string, string>>,
  conf: ReaderConf,
): StructType {
  switch (format.toLowerCase()) {
    case 'json':
      return inferJsonSchema(samples, options, conf);
    case 'csv':
      return inferCsvSchema(samples, options, conf);
    case 'text':
      return new StructType([new StructField('value', new StringType(), true)]);
    case 'parquet':
      return inferParquetSchema(samples);
    case 'arrow':
      return inferArrowSchema(samples);
    default:
      throw unknownFormat(format, READ_FORMATS);
  }
}
