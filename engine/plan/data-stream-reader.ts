/**
 * `spark.readStream`: PySpark's DataStreamReader. As DataSource.sourceSchema: a plain path
 * must exist (PATH_NOT_FOUND; a glob may match later), then a schema is required except
 * for text — unless spark.sql.streaming.schemaInference is true, when it is inferred once
 * from the files present now (later files cannot change it).
 */
import { schemaRequiredError } from '../io/sources/source-schema';
import type { Session } from '../session';
import type { StructType } from '../types/struct-type';
import { inferFileSchema, SourceBuilder } from './source-builder';

export class DataStreamReader extends SourceBuilder<DataStreamReader> {
  constructor(session: Session) {
    super(session, true, 'parquet');
  }
  protected self(): DataStreamReader {
    return this;
  }
  protected schemaWhenNotGiven(format: string, path: string): StructType {
    if (this.session.conf.get('spark.sql.streaming.schemaInference') !== 'true') throw schemaRequiredError();
    return inferFileSchema(format, path, this.sourceOptions, this.session.readerConf());
  }
}
