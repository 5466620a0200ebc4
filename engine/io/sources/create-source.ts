/**
 * Builds the streaming Source for a `readStream` source node. `rate`, `rate-micro-batch`
 * and `socket` make their own rows (generator-sources.ts). File formats (json, csv,
 * text) become a FileStreamSource over the node's path, decoding with the format registry's
 * reader; as in Spark's DataSource.sourceSchema, a missing non-glob path fails here with
 * PATH_NOT_FOUND and a missing schema with Spark's "Schema must be specified" message.
 */
import { AnalysisException, IllegalArgumentException } from '../../errors';
import type { SourceNode } from '../../plan/logical-plan';
import type { ReaderConf } from '../formats/format';
import { readerFor } from '../formats/registry';
import type { Source } from '../source';
import { FileStreamSource } from './file-stream-source';
import { isGeneratorFormat } from './generator-source-schemas';
import { createGeneratorSource } from './generator-sources';
import { isGlobPath } from './glob-pattern';
import { declaredSchema, schemaRequiredError } from './source-schema';
import { checkSourcePath } from './static-files';

/** Formats whose streaming source is a folder of files. */
export const FILE_SOURCE_FORMATS: readonly string[] = ['json', 'csv', 'text', 'parquet', 'arrow'];

/**
 * `metadataPath` (`<checkpoint>/sources/<i>`), when given, keeps the file source log on
 * disk in Spark's format so a restart re-reads exactly the files of an uncommitted batch.
 */
export function createStreamingSource(
  node: SourceNode,
  conf: ReaderConf,
  metadataPath?: string,
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
  // A glob may only match once upstream starts writing, so Spark checks plain paths only.
  if (!isGlobPath(node.path)) checkSourcePath(node.path);
  return new FileStreamSource({
    path: node.path,
    schema,
    options: node.options,
    reader: readerFor(format, node.options, conf),
    metadataPath,
  });
}
