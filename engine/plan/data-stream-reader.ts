/**
 * `spark.readStream`: PySpark's DataStreamReader. As DataSource.sourceSchema: a plain path
 * must exist (PATH_NOT_FOUND; a glob may match later), then a schema is required except
 * for text — unless spark.sql.streaming.schemaInference is true, when it is inferred once
 * from the files present now (later files cannot change it).
 */
import { isGlobPath } from '../io/sources/glob-pattern';
import { schemaRequiredError } from '../io/sources/source-schema';
import { checkSourcePath } from '../io/sources/static-files';
import type { Session } from '../session';
import { DataFrame } from './dataframe';
import { inferFileSchema, requirePath, SourceBuilder, type OptionValue } from './source-builder';

export class DataStreamReader extends SourceBuilder<DataStreamReader> {
  constructor(private readonly session: Session) {
    super('parquet');
  }
  protected self(): DataStreamReader {
    return this;
  }

  load(path?: string): DataFrame {
    const p = requirePath(path);
    if (!isGlobPath(p)) checkSourcePath(p);
    const format = this.sourceFormat.toLowerCase();
    let schema = this.userSchema;
    if (schema === undefined && format !== 'text') {
      if (this.session.conf.get('spark.sql.streaming.schemaInference') !== 'true')
        throw schemaRequiredError();
      schema = inferFileSchema(format, p, this.sourceOptions, this.session.readerConf());
    }
    return new DataFrame(
      {
        op: 'source',
        id: this.session.nextSourceId(),
        format,
        path: p,
        ...(schema ? { schema: schema.jsonValue() } : {}),
        options: { ...this.sourceOptions },
        streaming: true,
      },
      this.session,
    );
  }
  json(path: string, options: Readonly<Record<string, OptionValue>> = {}): DataFrame {
    return this.format('json').options(options).load(path);
  }
  csv(path: string, options: Readonly<Record<string, OptionValue>> = {}): DataFrame {
    return this.format('csv').options(options).load(path);
  }
  text(path: string, options: Readonly<Record<string, OptionValue>> = {}): DataFrame {
    return this.format('text').options(options).load(path);
  }
}
