/**
 * `spark.read`: PySpark's DataFrameReader for static files. Without a schema, json and
 * csv infer one from the files at load time (Spark infers eagerly, when the DataFrame is
 * defined); text has its fixed `value string` column.
 */
import { isGlobPath } from '../io/sources/glob-pattern';
import { checkSourcePath } from '../io/sources/static-files';
import type { Session } from '../session';
import { DataFrame } from './dataframe';
import { inferFileSchema, requirePath, SourceBuilder, type OptionValue } from './source-builder';

export class DataFrameReader extends SourceBuilder<DataFrameReader> {
  constructor(private readonly session: Session) {
    // spark.sql.sources.default
    super('parquet');
  }
  protected self(): DataFrameReader {
    return this;
  }

  load(path?: string): DataFrame {
    const p = requirePath(path);
    if (!isGlobPath(p)) checkSourcePath(p);
    const format = this.sourceFormat.toLowerCase();
    const schema =
      this.userSchema ??
      (format === 'text'
        ? undefined
        : inferFileSchema(format, p, this.sourceOptions, this.session.readerConf()));
    return new DataFrame(
      {
        op: 'source',
        id: this.session.nextSourceId(),
        format,
        path: p,
        ...(schema ? { schema: schema.jsonValue() } : {}),
        options: { ...this.sourceOptions },
        streaming: false,
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
  table(tableName: string): DataFrame {
    return this.session.table(tableName);
  }
}
