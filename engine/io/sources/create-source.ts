/**
 * Builds the streaming Source for a `readStream` source node. `rate`, `rate-micro-batch`
 * and `socket` make their own rows (generator-sources.ts). File formats (json, csv,
 * text) become a FileStreamSource over the node's path, decoding with the format registry's
 * reader; as in Spark's DataSource.sourceSchema, a missing non-glob path fails here with
 * PATH_NOT_FOUND and a missing schema with Spark's "Schema must be specified" message.
 */
import { AnalysisException, IllegalArgumentException } from '../../errors';
import type { SourceNode } from '../../plan/logical-plan';
import { requiredFieldNames } from '../../plan/required-columns';
import { CaseInsensitiveOptions } from '../formats/case-insensitive-options';
import type { ReaderConf } from '../formats/format';
import { readerFor } from '../formats/registry';
import type { Source } from '../source';
import { FileStreamSource } from './file-stream-source';
import { isGeneratorFormat } from './generator-source-schemas';
import { createGeneratorSource } from './generator-sources';
import { createS3Store } from './s3/s3-source-store';
import { isS3Path } from './s3/s3-uri';
import { isGlobPath } from './glob-pattern';
import { declaredSchema, schemaRequiredError } from './source-schema';
import { checkSourcePath } from './static-files';

/** Formats whose streaming source is a folder of files. */
export const FILE_SOURCE_FORMATS: readonly string[] = ['json', 'csv', 'text', 'parquet', 'arrow'];

/**
 * `metadataPath` (`<checkpoint>/sources/<i>`), when given, keeps the file source log on
 * disk in Spark's format so a restart re-reads exactly the files of an uncommitted batch.
 * `required` (plan/required-columns.ts): the lower-cased names the plan reads from this
 * source (null or absent = all), so the file reader converts only those columns.
 */
export function createStreamingSource(
  node: SourceNode,
  conf: ReaderConf,
  metadataPath?: string,
  required?: Set<string> | null,
): Source {
  const format = node.format.toLowerCase();
  if (isGeneratorFormat(format)) return createGeneratorSource(node, metadataPath);
  if (!FILE_SOURCE_FORMATS.includes(format)) {
    throw new AnalysisException(
      'DATA_SOURCE_NOT_FOUND',
      `Failed to find the data source: ${node.format}. Make sure the provider name is correct and the package is properly registered and compatible with your Spark version.`,
      { messageParameters: { provider: node.format }, sqlState: '42K02' },
    );
  }
  if (node.path === undefined || node.path === '') {
    throw new IllegalArgumentException("'path' is not specified");
  }
  const schema = declaredSchema(node);
  if (schema === undefined) throw schemaRequiredError();
  // An S3 prefix is polled like a folder; a missing bucket fails the first listing, naming it.
  const store = isS3Path(node.path) ? createS3Store(node.path, node.options, conf) : undefined;
  // A glob may only match once upstream starts writing, so Spark checks plain paths only.
  if (store === undefined && !isGlobPath(node.path)) checkSourcePath(node.path);
  const corruptColumn = new CaseInsensitiveOptions(node.options).string('columnNameOfCorruptRecord', conf.columnNameOfCorruptRecord);
  return new FileStreamSource({
    path: node.path,
    schema,
    // An S3 object appears only once complete (PUT is atomic): no stability wait by default.
    options: store === undefined ? node.options : { fileStableMs: '0', ...node.options },
    reader: readerFor(format, node.options, conf),
    metadataPath,
    store,
    requiredColumns: requiredFieldNames(schema.names, required, corruptColumn, format),
  });
}
