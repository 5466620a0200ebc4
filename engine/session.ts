/**
 * The public entry point, PySpark's SparkSession: `Session.builder().appName('x')
 * .config(k, v).getOrCreate()` returns the active session if there is one (applying the
 * builder's settings to it, as Spark does), else a new one. A session owns its SQL
 * settings (`conf`), its catalog of temp views and memory tables, and its streaming
 * queries (`streams`).
 */
import { ColumnBatch } from './batch/column-batch';
import type { ExprConf } from './expr/index';
import type { ReaderConf } from './io/formats/format';
import { shutdownDecodePool } from './io/parallel/decode-pool';
import { readParseThreads } from './io/parallel/parse-threads';
import { HadoopConfiguration } from './io/sources/s3/hadoop-configuration';
import { Catalog } from './plan/catalog';
import { DataFrameReader } from './plan/data-frame-reader';
import { DataStreamReader } from './plan/data-stream-reader';
import { DataFrame } from './plan/dataframe';
import { localRelationOf, type RowInput } from './plan/local-rows';
import { RuntimeConfig } from './plan/runtime-config';
import { sqlConfEntry } from './plan/sql-conf-entries';
import { parseQuery } from './sql/parse-query';
import { StreamingQueryManager } from './stream/query-manager';
import type { StructType } from './types/struct-type';

export class SessionBuilder {
  private readonly settings = new Map<string, string | number | boolean>();

  appName(name: string): SessionBuilder {
    return this.config('spark.app.name', name);
  }
  /** Accepted for PySpark compatibility: Tidemark always runs in this process (local). */
  master(master: string): SessionBuilder {
    return this.config('spark.master', master);
  }
  config(
    key: string | Readonly<Record<string, string | number | boolean>>,
    value?: string | number | boolean,
  ): SessionBuilder {
    if (typeof key === 'object') for (const [k, v] of Object.entries(key)) this.settings.set(k, v);
    else this.settings.set(key, value ?? '');
    return this;
  }

  getOrCreate(): Session {
    const active = Session.getActiveSession();
    if (active) {
      // Static settings cannot change on a running session; Spark ignores them with a warning.
      for (const [k, v] of this.settings) if (!sqlConfEntry(k)?.isStatic) active.conf.set(k, v);
      return active;
    }
    return Session.create(this.settings);
  }
}

export class Session {
  private static active: Session | undefined;
  readonly conf: RuntimeConfig;
  readonly catalog = new Catalog();
  private sourceCounter = 0;
  private queryManager: StreamingQueryManager | undefined;

  private constructor(settings: ReadonlyMap<string, string | number | boolean>) {
    this.conf = new RuntimeConfig(settings);
  }

  static builder(): SessionBuilder {
    return new SessionBuilder();
  }

  /** @internal — SessionBuilder.getOrCreate. */
  static create(settings: ReadonlyMap<string, string | number | boolean>): Session {
    const s = new Session(settings);
    Session.active = s;
    return s;
  }

  static getActiveSession(): Session | undefined {
    return Session.active;
  }

  get appName(): string {
    return this.conf.get('spark.app.name', 'tidemark') ?? 'tidemark';
  }

  get read(): DataFrameReader {
    return new DataFrameReader(this);
  }
  get readStream(): DataStreamReader {
    return new DataStreamReader(this);
  }
  /**
   * SparkContext's Hadoop settings, for code written against Spark (the lab's
   * `spark._jsc.hadoopConfiguration().set(k, v)`): `set(k, v)` is `spark.hadoop.<k>` here.
   */
  get sparkContext(): { hadoopConfiguration(): HadoopConfiguration } {
    return { hadoopConfiguration: () => new HadoopConfiguration(this.conf) };
  }
  get streams(): StreamingQueryManager {
    this.queryManager ??= new StreamingQueryManager(this);
    return this.queryManager;
  }

  /** Rows as objects or arrays; schema as a StructType, a DDL string, or column names (types inferred). */
  createDataFrame(
    data: readonly RowInput[],
    schema?: StructType | string | readonly string[],
  ): DataFrame {
    const { schema: st, rows } = localRelationOf(data, schema);
    return new DataFrame({ op: 'localRelation', schema: st.jsonValue(), rows }, this);
  }

  /** A DataFrame over a batch the caller already holds (foreachBatch hands these out). */
  dataFrameOfBatch(batch: ColumnBatch): DataFrame {
    return new DataFrame(
      { op: 'localRelation', schema: batch.schema.jsonValue(), rows: batch.toArrays() },
      this,
    );
  }

  sql(sqlText: string): DataFrame {
    return new DataFrame(parseQuery(sqlText), this, sqlText, 'tree');
  }

  table(tableName: string): DataFrame {
    return new DataFrame({ op: 'table', name: tableName }, this);
  }

  exprConf(): ExprConf {
    return {
      caseSensitive: this.conf.get('spark.sql.caseSensitive') === 'true',
      ansi: this.conf.get('spark.sql.ansi.enabled') === 'true',
      timeZone: this.conf.get('spark.sql.session.timeZone') ?? 'UTC',
    };
  }

  readerConf(): ReaderConf {
    return {
      timeZone: this.conf.get('spark.sql.session.timeZone') ?? 'UTC',
      columnNameOfCorruptRecord:
        this.conf.get('spark.sql.columnNameOfCorruptRecord') ?? '_corrupt_record',
      parseThreads: readParseThreads(this.conf),
      ...this.hadoopConf(),
    };
  }

  /** `spark.hadoop.*` settings, prefix removed, for the S3 source; absent when none are set. */
  private hadoopConf(): { hadoopConf?: Record<string, string> } {
    const hadoop = Object.entries(this.conf.getAll())
      .filter(([k]) => k.startsWith('spark.hadoop.'))
      .map(([k, v]) => [k.slice('spark.hadoop.'.length), v]);
    return hadoop.length > 0 ? { hadoopConf: Object.fromEntries(hadoop) } : {};
  }

  /** A plan-unique id for a new source node (offsets logs and progress refer to it). */
  nextSourceId(): string {
    return `source-${this.sourceCounter++}`;
  }

  /** Stops every active query and ends the session; the next getOrCreate builds a new one. */
  async stop(): Promise<void> {
    if (this.queryManager) for (const q of this.queryManager.active) await q.stop();
    // The decode threads serve the whole engine; with its session gone they would only idle.
    await shutdownDecodePool();
    if (Session.active === this) Session.active = undefined;
  }
}
