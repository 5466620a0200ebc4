/**
 * The time zone snapshot text is written in when the caller names none: the default of
 * spark.sql.session.timeZone (the process's zone, as Spark's is the JVM's). Callers that
 * hold a session pass its configured zone instead.
 */
import { defaultValue, sqlConfEntry } from '../plan/sql-conf-entries';

export function defaultSessionTimeZone(): string {
  const entry = sqlConfEntry('spark.sql.session.timeZone');
  return (entry === undefined ? undefined : defaultValue(entry)) ?? 'UTC';
}
