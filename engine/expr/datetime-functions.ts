/**
 * Date and time functions (Spark's datetimeExpressions.scala), in the session time zone,
 * with parsing and formatting from types/datetime (Spark datetime patterns):
 * - to_timestamp(s) is CAST(s AS TIMESTAMP); with a pattern it parses, and a
 *   non-matching string is NULL, or CANNOT_PARSE_TIMESTAMP under ANSI (try_to_timestamp
 *   is always NULL). to_date likewise.
 * - from_unixtime / unix_timestamp default to 'yyyy-MM-dd HH:mm:ss'; unix_timestamp() is
 *   the batch's current time.
 * - current_timestamp() / now() / current_date() read the batch timestamp, the same for
 *   every row of a micro-batch (Spark's ComputeCurrentTime), and are never folded.
 * - year/month/day/dayofweek/dayofyear/weekofyear/quarter take a DATE (a timestamp is
 *   cast in the session zone); hour/minute/second take a TIMESTAMP.
 */
import type { Vector } from '../batch/vector';
import { SparkRuntimeException } from '../errors';
import { T } from '../types/data-types';
import {
  civilFromDays,
  compileDateTimePattern,
  isoDayOfWeek,
  timestampFields,
  timestampToDays,
} from '../types/datetime';
import { castEvaluator } from './cast-evaluator';
import { makeEvaluator, type Evaluator } from './evaluator';
import { expectArg, rowFunction, type FunctionCall, type FunctionDef } from './function-def';
import { numericMap } from './numeric-map';
import { allocNumbers, compactValidity, numberVector } from './vector-factory';

const DEFAULT_PATTERN = 'yyyy-MM-dd HH:mm:ss';
const MICROS_PER_SECOND = 1_000_000;

function cannotParse(s: string, tryFunction: string): SparkRuntimeException {
  return new SparkRuntimeException(
    'CANNOT_PARSE_TIMESTAMP',
    `Text '${s}' could not be parsed. Use \`${tryFunction}\` to tolerate invalid input string and return NULL instead. If necessary set "spark.sql.ansi.enabled" to "false" to bypass this error.`,
    { messageParameters: { message: `Text '${s}' could not be parsed`, func: `\`${tryFunction}\`` }, sqlState: '22007' },
  );
}

/** date ± days (DateAdd / DateSub), also used for `date + 1` in arithmetic. */
export function dateAddEvaluator(date: Evaluator, days: Evaluator, subtract: boolean): Evaluator {
  return makeEvaluator(T.date, date.nullable || days.nullable, date.foldable && days.foldable, (batch, ctx) => {
    const d = date.evaluate(batch, ctx) as Vector & { values: Int32Array };
    const k = days.evaluate(batch, ctx) as Vector & { values: Int32Array };
    const n = batch.numRows;
    const out = new Int32Array(n);
    const validity = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      if ((d.validity !== null && d.validity[i] === 0) || (k.validity !== null && k.validity[i] === 0)) continue;
      out[i] = subtract ? d.values[i] - k.values[i] : d.values[i] + k.values[i];
      validity[i] = 1;
    }
    return numberVector(T.date, out, compactValidity(validity, n));
  });
}

/** A string (or date/timestamp) argument parsed into µs with an optional pattern. */
function parseToMicros(call: FunctionCall, failOnError: boolean, tryName: string): Evaluator {
  const arg = call.args[0];
  if (call.args.length === 1 || arg.dataType.storage !== 'string') {
    return castEvaluator(arg, T.timestamp, failOnError ? 'ansi' : 'try', call.conf.timeZone, call.sqlExpr, call.context);
  }
  const fmt = expectArg(call, 1, T.string);
  const tz = call.conf.timeZone;
  return rowFunction(T.timestamp, [arg, fmt], ([s, f]) => {
    const us = compileDateTimePattern(f as string).parse(s as string, tz);
    if (us === null && failOnError) throw cannotParse(s as string, tryName);
    return us;
  });
}

function datePart(names: string[], f: (days: number) => number): FunctionDef {
  return {
    names,
    arity: [1, 1],
    bind: (call) => {
      const d = expectArg(call, 0, T.date);
      return numericMap(d, T.int, f, d.nullable);
    },
  };
}

function timePart(names: string[], pick: (f: ReturnType<typeof timestampFields>) => number): FunctionDef {
  return {
    names,
    arity: [1, 1],
    bind: (call) => {
      const ts = expectArg(call, 0, T.timestamp);
      const tz = call.conf.timeZone;
      return numericMap(ts, T.int, (us) => pick(timestampFields(us, tz)), ts.nullable);
    },
  };
}

const scratch = { year: 0, month: 0, day: 0 };
const civil = (days: number): typeof scratch => civilFromDays(days, scratch);

/** ISO-8601 week of year (Spark's WeekOfYear: weeks start on Monday, week 1 has >= 4 days). */
function isoWeek(days: number): number {
  const dow = isoDayOfWeek(days);
  const thursday = days - dow + 4;
  const { year } = civilFromDays(thursday, { year: 0, month: 0, day: 0 });
  const jan1 = Math.floor(Date.UTC(year, 0, 1) / 86_400_000);
  return Math.floor((thursday - jan1) / 7) + 1;
}

function dayOfYear(days: number): number {
  const { year } = civil(days);
  return days - Math.floor(Date.UTC(year, 0, 1) / 86_400_000) + 1;
}

/** A column of the batch's current timestamp. */
function currentTimestamp(): Evaluator {
  return makeEvaluator(T.timestamp, false, false, (batch, ctx) => numberVector(T.timestamp, new Float64Array(batch.numRows).fill(ctx.batchTimestampUs), null));
}

function scaleToTimestamp(names: string[], factor: number): FunctionDef {
  return {
    names,
    arity: [1, 1],
    bind: (call) => {
      const arg = factor === MICROS_PER_SECOND && call.args[0].dataType.storage === 'float64' && call.args[0].dataType.simpleString() !== 'bigint'
        ? expectArg(call, 0, T.double)
        : expectArg(call, 0, T.long);
      return numericMap(arg, T.timestamp, (x) => (Number.isFinite(x) ? Math.trunc(x * factor) : null), arg.nullable);
    },
  };
}

function timestampToUnit(names: string[], divisor: number): FunctionDef {
  return {
    names,
    arity: [1, 1],
    bind: (call) => numericMap(expectArg(call, 0, T.timestamp), T.long, (us) => Math.floor(us / divisor), call.args[0].nullable),
  };
}

export const DATETIME_FUNCTIONS: readonly FunctionDef[] = [
  { names: ['to_timestamp'], arity: [1, 2], bind: (call) => parseToMicros(call, call.conf.ansi, 'try_to_timestamp') },
  { names: ['try_to_timestamp'], arity: [1, 2], bind: (call) => parseToMicros(call, false, 'try_to_timestamp') },
  {
    names: ['to_date'],
    arity: [1, 2],
    bind: (call) => {
      if (call.args.length === 1) return castEvaluator(call.args[0], T.date, call.conf.ansi ? 'ansi' : 'legacy', call.conf.timeZone, call.sqlExpr, call.context);
      const ts = parseToMicros(call, call.conf.ansi, 'try_to_date');
      return castEvaluator(ts, T.date, 'legacy', call.conf.timeZone, call.sqlExpr, call.context);
    },
  },
  {
    names: ['from_unixtime'],
    arity: [1, 2],
    bind: (call) => {
      const args = [expectArg(call, 0, T.long), ...(call.args.length > 1 ? [expectArg(call, 1, T.string)] : [])];
      const tz = call.conf.timeZone;
      return rowFunction(T.string, args, ([sec, f]) => compileDateTimePattern(f === undefined ? DEFAULT_PATTERN : (f as string), { forParsing: false }).format((sec as number) * MICROS_PER_SECOND, tz));
    },
  },
  {
    names: ['unix_timestamp', 'to_unix_timestamp'],
    arity: [0, 2],
    bind: (call) => {
      if (call.args.length === 0) {
        const now = currentTimestamp();
        return makeEvaluator(T.long, false, false, (batch, ctx) => {
          const v = now.evaluate(batch, ctx) as Vector & { values: Float64Array };
          return numberVector(T.long, v.values.map((us) => Math.floor(us / MICROS_PER_SECOND)), null);
        });
      }
      const arg = call.args[0];
      let micros: Evaluator;
      if (arg.dataType.storage === 'string') {
        const fmt = call.args.length > 1 ? expectArg(call, 1, T.string) : undefined;
        const tz = call.conf.timeZone;
        const ansi = call.conf.ansi;
        micros = rowFunction(T.timestamp, fmt ? [arg, fmt] : [arg], ([s, f]) => {
          const us = compileDateTimePattern(f === undefined ? DEFAULT_PATTERN : (f as string)).parse(s as string, tz);
          if (us === null && ansi) throw cannotParse(s as string, 'try_to_timestamp');
          return us;
        });
      } else {
        micros = expectArg(call, 0, T.timestamp);
      }
      return numericMap(micros, T.long, (us) => Math.floor(us / MICROS_PER_SECOND), micros.nullable);
    },
  },
  {
    names: ['date_format'],
    arity: [2, 2],
    bind: (call) => {
      const tz = call.conf.timeZone;
      return rowFunction(T.string, [expectArg(call, 0, T.timestamp), expectArg(call, 1, T.string)], ([us, f]) =>
        compileDateTimePattern(f as string, { forParsing: false }).format(us as number, tz),
      );
    },
  },
  datePart(['year'], (d) => civil(d).year),
  datePart(['month'], (d) => civil(d).month),
  datePart(['dayofmonth', 'day'], (d) => civil(d).day),
  datePart(['quarter'], (d) => Math.floor((civil(d).month - 1) / 3) + 1),
  datePart(['dayofweek'], (d) => (isoDayOfWeek(d) % 7) + 1),
  datePart(['weekday'], (d) => isoDayOfWeek(d) - 1),
  datePart(['dayofyear'], dayOfYear),
  datePart(['weekofyear'], isoWeek),
  timePart(['hour'], (f) => f.hour),
  timePart(['minute'], (f) => f.minute),
  timePart(['second'], (f) => f.second),
  { names: ['current_timestamp', 'now', 'localtimestamp'], arity: [0, 0], bind: () => currentTimestamp() },
  {
    names: ['current_date', 'curdate'],
    arity: [0, 0],
    bind: (call) => {
      const tz = call.conf.timeZone;
      return makeEvaluator(T.date, false, false, (batch, ctx) => {
        const out = allocNumbers(T.date, batch.numRows).fill(timestampToDays(ctx.batchTimestampUs, tz));
        return numberVector(T.date, out, null);
      });
    },
  },
  scaleToTimestamp(['timestamp_seconds'], MICROS_PER_SECOND),
  scaleToTimestamp(['timestamp_millis'], 1000),
  scaleToTimestamp(['timestamp_micros'], 1),
  timestampToUnit(['unix_seconds'], MICROS_PER_SECOND),
  timestampToUnit(['unix_millis'], 1000),
  timestampToUnit(['unix_micros'], 1),
  {
    names: ['date_add', 'dateadd'],
    arity: [2, 2],
    bind: (call) => dateAddEvaluator(expectArg(call, 0, T.date), expectArg(call, 1, T.int), false),
  },
  {
    names: ['date_sub'],
    arity: [2, 2],
    bind: (call) => dateAddEvaluator(expectArg(call, 0, T.date), expectArg(call, 1, T.int), true),
  },
  {
    names: ['datediff', 'date_diff'],
    arity: [2, 2],
    bind: (call) => {
      const end = expectArg(call, 0, T.date);
      const start = expectArg(call, 1, T.date);
      return makeEvaluator(T.int, end.nullable || start.nullable, end.foldable && start.foldable, (batch, ctx) => {
        const a = end.evaluate(batch, ctx) as Vector & { values: Int32Array };
        const b = start.evaluate(batch, ctx) as Vector & { values: Int32Array };
        const n = batch.numRows;
        const out = new Int32Array(n);
        const validity = new Uint8Array(n);
        for (let i = 0; i < n; i++) {
          if ((a.validity !== null && a.validity[i] === 0) || (b.validity !== null && b.validity[i] === 0)) continue;
          out[i] = a.values[i] - b.values[i];
          validity[i] = 1;
        }
        return numberVector(T.int, out, compactValidity(validity, n));
      });
    },
  },
];
