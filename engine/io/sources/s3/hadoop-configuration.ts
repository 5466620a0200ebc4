/**
 * Hadoop's Configuration as seen by code written against Spark: the lab's
 * `spark._jsc.hadoopConfiguration().set("fs.s3.useRequesterPaysHeader", "true")` becomes
 * `spark.sparkContext.hadoopConfiguration().set(…)`. Spark copies every `spark.hadoop.<name>`
 * setting into the Hadoop configuration (SparkHadoopUtil.appendSparkHadoopConfigs), and the
 * S3 source reads its settings from there (s3-options.ts), so this is a view of the session
 * conf: `set(name, v)` is `spark.conf.set('spark.hadoop.' + name, v)`, read by queries
 * defined afterwards.
 */

/** The part of the session's RuntimeConfig this view uses. */
export interface HadoopSettingsStore {
  get(key: string, defaultValue?: string | null): string | null;
  set(key: string, value: string | number | boolean): void;
  unset(key: string): void;
}

const PREFIX = 'spark.hadoop.';

export class HadoopConfiguration {
  constructor(private readonly conf: HadoopSettingsStore) {}

  set(name: string, value: string | number | boolean): void {
    this.conf.set(PREFIX + name, value);
  }

  /** The value, else `defaultValue`, else null (Configuration.get of an unset name). */
  get(name: string, defaultValue: string | null = null): string | null {
    return this.conf.get(PREFIX + name, defaultValue);
  }

  unset(name: string): void {
    this.conf.unset(PREFIX + name);
  }
}
