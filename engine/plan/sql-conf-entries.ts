/**
 * The Spark SQL settings Tidemark reads, with Spark 4's defaults (SQLConf.scala) and the
 * value checks Spark applies on `spark.conf.set`. Settings not listed here are still
 * accepted and stored as Spark accepts arbitrary keys; they are just not validated.
 */
import { IllegalArgumentException } from '../errors';

export interface SqlConfEntry {
  readonly key: string;
  /** Default as Spark prints it from `spark.conf.get`; a function for environment-dependent ones; undefined = no default. */
  readonly default: string | (() => string) | undefined;
  readonly type: 'boolean' | 'int' | 'string';
  /** Accepted values (compared case-insensitively), as Spark's checkValues. */
  readonly values?: readonly string[];
  /** Static configs can only be set when the session is built (SQLConf.isStaticConfigKey). */
  readonly isStatic?: boolean;
}

let intlZone: string | undefined;

/**
 * The session time zone defaults to the JVM's; here the process's (TZ, else the system zone).
 * The system zone is read once, as the JVM reads user.timezone once: building an
 * Intl.DateTimeFormat costs ~0.3 ms, and the default is read several times per batch.
 */
function systemTimeZone(): string {
  if (process.env.TZ) return process.env.TZ;
  intlZone ??= Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  return intlZone;
}

const ENTRIES: readonly SqlConfEntry[] = [
  // Spark 4 turned ANSI mode on by default (SPARK-44444).
  { key: 'spark.sql.ansi.enabled', default: 'true', type: 'boolean' },
  { key: 'spark.sql.caseSensitive', default: 'false', type: 'boolean' },
  { key: 'spark.sql.session.timeZone', default: systemTimeZone, type: 'string' },
  // Accepted and recorded so lab code runs unchanged; a single-process engine has no
  // shuffle, so the value has no effect on execution or results.
  { key: 'spark.sql.shuffle.partitions', default: '200', type: 'int' },
  { key: 'spark.sql.columnNameOfCorruptRecord', default: '_corrupt_record', type: 'string' },
  { key: 'spark.sql.streaming.schemaInference', default: 'false', type: 'boolean' },
  { key: 'spark.sql.streaming.checkpointLocation', default: undefined, type: 'string' },
  { key: 'spark.sql.streaming.numRecentProgressUpdates', default: '100', type: 'int' },
  { key: 'spark.sql.streaming.noDataMicroBatches.enabled', default: 'true', type: 'boolean' },
  {
    key: 'spark.sql.streaming.multipleWatermarkPolicy',
    default: 'min',
    type: 'string',
    values: ['min', 'max'],
  },
  { key: 'spark.sql.streaming.statefulOperator.allowMultiple', default: 'true', type: 'boolean' },
  { key: 'spark.sql.streaming.unsupportedOperationCheck', default: 'true', type: 'boolean' },
  { key: 'spark.sql.streaming.fileSource.schema.forceNullable', default: 'true', type: 'boolean' },
  { key: 'spark.sql.retainGroupColumns', default: 'true', type: 'boolean' },
  { key: 'spark.sql.warehouse.dir', default: undefined, type: 'string', isStatic: true },
];

const BY_KEY = new Map(ENTRIES.map((e) => [e.key, e]));

export function sqlConfEntry(key: string): SqlConfEntry | undefined {
  return BY_KEY.get(key);
}

export function defaultValue(entry: SqlConfEntry): string | undefined {
  return typeof entry.default === 'function' ? entry.default() : entry.default;
}

/**
 * Checks and normalises a value about to be set. Spark 4.1 reports a bad value as
 * INVALID_CONF_VALUE (an IllegalArgumentException): TYPE_MISMATCH from the typed
 * converters, REQUIREMENT from checkValue (checked against pyspark 4.1.4).
 */
export function checkConfValue(entry: SqlConfEntry, value: string): string {
  switch (entry.type) {
    case 'boolean': {
      const v = value.trim().toLowerCase();
      if (v !== 'true' && v !== 'false') throw typeMismatch(entry, value);
      return v;
    }
    case 'int':
      if (!/^\s*[+-]?\d+\s*$/.test(value) || Math.abs(Number(value)) > 2147483647)
        throw typeMismatch(entry, value);
      return String(Number(value.trim()));
    case 'string':
      if (entry.values && !entry.values.includes(value.toLowerCase())) {
        throw new InvalidConfValueException(
          'INVALID_CONF_VALUE.REQUIREMENT',
          `The value '${value}' in the config "${entry.key}" is invalid. Invalid value for '${entry.key}'. Valid values are ${entry.values.map((v) => `'${v}'`).join(' and ')}`,
          entry.key,
          value,
        );
      }
      return value;
  }
}

function typeMismatch(entry: SqlConfEntry, value: string): InvalidConfValueException {
  return new InvalidConfValueException(
    'INVALID_CONF_VALUE.TYPE_MISMATCH',
    `The value '${value}' in the config "${entry.key}" is invalid. It should be a/an '${entry.type}' value.`,
    entry.key,
    value,
  );
}

/** Spark throws these as IllegalArgumentException that carries an error class. */
export class InvalidConfValueException extends IllegalArgumentException {
  constructor(errorClass: string, message: string, confName: string, confValue: string) {
    super(`[${errorClass}] ${message} SQLSTATE: 22022`);
    Object.assign(this, {
      errorClass,
      sqlState: '22022',
      messageParameters: { confName, confValue },
    });
  }
}
