/**
 * `spark.readStream`: PySpark's DataStreamReader. As DataSource.sourceSchema: a plain path
 * must exist (PATH_NOT_FOUND; a glob may match later), then a schema is required except
 * for text — unless spark.sql.streaming.schemaInference is true, when it is inferred once
 * from the files present now (later files cannot change it).
 *
 * `rate`, `rate-micro-batch` and `socket` take no path: their options are checked and their
 * fixed schema set at load(), as Spark's v2 providers do in getTable.
 */
import { isGeneratorFormat } from '../io/sources/generator-source-schemas';
import { generatorTableSchema } from '../io/sources/generator-sources';
import { schemaRequiredError } from '../io/sources/source-schema';
import type { Session } from '../session';
import type { StructType } from '../types/struct-type';
import { DataFrame } from './dataframe';
import { inferFileSchema, SourceBuilder } from './source-builder';

export class DataStreamReader extends SourceBuilder<DataStreamReader> {
  constructor(session: Session) {
    super(session, true, 'parquet');
  }
  override load(path?: string): DataFrame {
    const format = this.sourceFormat.toLowerCase();
    if (!isGeneratorFormat(format)) return super.load(path);
    // A path given anyway is an option Spark passes on and these sources never read: left out.
    const schema = generatorTableSchema(format, this.sourceOptions, this.userSchema);
    return new DataFrame(
      {
        op: 'source',
        id: this.session.nextSourceId(),
        format,
        schema: schema.jsonValue(),
        options: { ...this.sourceOptions },
        streaming: true,
      },
      this.session,
    );
  }
  protected self(): DataStreamReader {
    return this;
  }
  protected schemaWhenNotGiven(format: string, path: string): StructType {
    if (this.session.conf.get('spark.sql.streaming.schemaInference') !== 'true') throw schemaRequiredError();
    return inferFileSchema(format, path, this.sourceOptions, this.session.readerConf());
  }
}
