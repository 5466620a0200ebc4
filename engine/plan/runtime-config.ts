/**
 * `spark.conf`: PySpark's RuntimeConfig. Values are strings, as Spark stores them
 * (`set('spark.sql.shuffle.partitions', 5)` reads back as '5'); `get` of an unset key
 * returns Spark's default, or throws SQL_CONF_NOT_FOUND when there is none and no default
 * was passed.
 */
import { AnalysisException, TidemarkError } from '../errors';
import { checkConfValue, defaultValue, sqlConfEntry } from './sql-conf-entries';

export class RuntimeConfig {
  private readonly values = new Map<string, string>();
  private frozen = false;

  constructor(initial: Iterable<readonly [string, string | number | boolean]> = []) {
    for (const [k, v] of initial) this.set(k, v);
    this.frozen = true;
  }

  set(key: string, value: string | number | boolean): void {
    const entry = sqlConfEntry(key);
    if (entry?.isStatic && this.frozen) {
      throw new AnalysisException(
        'CANNOT_MODIFY_STATIC_CONFIG',
        `Cannot modify the value of the static Spark config: "${key}".`,
        {
          messageParameters: { key: `"${key}"` },
          sqlState: '46110',
        },
      );
    }
    const text = String(value);
    this.values.set(key, entry ? checkConfValue(entry, text) : text);
  }

  /** The value set, else `defaultValue` when given, else Spark's default for the key. */
  get(key: string, defaultValueArg?: string | null): string | null {
    const set = this.values.get(key);
    if (set !== undefined) return set;
    if (defaultValueArg !== undefined) return defaultValueArg;
    const entry = sqlConfEntry(key);
    const dflt = entry ? defaultValue(entry) : undefined;
    if (dflt !== undefined) return dflt;
    if (entry) return null;
    throw new TidemarkError(
      'SQL_CONF_NOT_FOUND',
      `The SQL config "${key}" cannot be found. Please verify that the config exists.`,
      {
        messageParameters: { sqlConf: `"${key}"` },
        sqlState: '42K0I',
      },
    );
  }

  unset(key: string): void {
    this.values.delete(key);
  }

  /** Every explicitly set key (Spark's getAll lists set values, not defaults). */
  getAll(): Record<string, string> {
    return Object.fromEntries([...this.values.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
  }

  /** Spark: true only for known, non-static SQL configs. */
  isModifiable(key: string): boolean {
    const entry = sqlConfEntry(key);
    return entry !== undefined && !entry.isStatic;
  }

  /** Typed reads for the engine. */
  getBoolean(key: string): boolean {
    return this.get(key) === 'true';
  }
  getInt(key: string): number {
    return Number(this.get(key));
  }
}
