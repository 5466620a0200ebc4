/**
 * `spark.read`: PySpark's DataFrameReader for static files. Without a schema, json and
 * csv infer one from the files at load time (Spark infers eagerly, when the DataFrame is
 * defined); text has its fixed `value string` column.
 */
import type { Session } from '../session';
import type { StructType } from '../types/struct-type';
import { kafkaBatchSchema } from '../io/sources/kafka/kafka-batch-read';
import { DataFrame } from './dataframe';
import { inferFileSchema, SourceBuilder } from './source-builder';

export class DataFrameReader extends SourceBuilder<DataFrameReader> {
  constructor(session: Session) {
    // spark.sql.sources.default
    super(session, false, 'parquet');
  }
  /** `kafka` takes no path: its options are checked and its fixed schema set here (KafkaRelation). */
  override load(path?: string): DataFrame {
    if (this.sourceFormat.toLowerCase() !== 'kafka') return super.load(path);
    const schema = kafkaBatchSchema(this.sourceOptions, this.userSchema);
    return new DataFrame(
      {
        op: 'source',
        id: this.session.nextSourceId(),
        format: 'kafka',
        schema: schema.jsonValue(),
        options: { ...this.sourceOptions },
        streaming: false,
      },
      this.session,
    );
  }
  protected self(): DataFrameReader {
    return this;
  }
  protected schemaWhenNotGiven(format: string, path: string): StructType {
    return inferFileSchema(format, path, this.sourceOptions, this.session.readerConf());
  }
  table(tableName: string): DataFrame {
    return this.session.table(tableName);
  }
}
