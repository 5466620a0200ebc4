/**
 * Parameter lists for the expression editor's usage hints, as Spark documents them
 * (ExpressionDescription `usage` of each expression: `substring(str, pos[, len])`).
 * Keyed by any of a function's names; aliases share their function's entry. `[...]` marks
 * optional parameters and `...` a repeatable one. The registries own which functions
 * exist; a function missing here still gets a usage built from its arity.
 */

// prettier-ignore
export const FUNCTION_PARAMETERS: Readonly<Record<string, string>> = {
  // string
  concat: '[str, ...]', concat_ws: 'sep[, str, ...]', contains: 'left, right',
  endswith: 'left, right', startswith: 'left, right', initcap: 'str', instr: 'str, substr',
  length: 'expr', locate: 'substr, str[, pos]', lower: 'str', upper: 'str',
  lpad: 'str, len[, pad]', rpad: 'str, len[, pad]', ltrim: 'str', rtrim: 'str',
  trim: 'str[, trimStr]', regexp_extract: 'str, regexp[, idx]',
  regexp_replace: 'str, regexp, rep[, position]', replace: 'str, search[, replace]',
  reverse: 'str', split: 'str, regex[, limit]', substring: 'str, pos[, len]',
  // math
  abs: 'expr', bround: 'expr[, d]', round: 'expr[, d]', cbrt: 'expr', ceil: 'expr',
  floor: 'expr', degrees: 'expr', radians: 'expr', exp: 'expr', ln: 'expr',
  log: '[base, ]expr', log10: 'expr', log2: 'expr', pmod: 'expr1, expr2', pow: 'expr1, expr2',
  signum: 'expr', sqrt: 'expr', greatest: 'expr1, expr2, ...', least: 'expr1, expr2, ...',
  try_add: 'expr1, expr2', try_subtract: 'expr1, expr2', try_multiply: 'expr1, expr2',
  try_divide: 'dividend, divisor', try_mod: 'dividend, divisor',
  // null handling and conditionals
  coalesce: 'expr1[, expr2, ...]', nvl: 'expr1, expr2', nvl2: 'expr1, expr2, expr3',
  nullif: 'expr1, expr2', nanvl: 'expr1, expr2', isnull: 'expr', isnotnull: 'expr',
  isnan: 'expr', if: 'expr1, expr2, expr3',
  // date and time
  current_date: '', current_timestamp: '', date_add: 'start_date, num_days',
  date_sub: 'start_date, num_days', datediff: 'endDate, startDate', date_format: 'timestamp, fmt',
  dayofmonth: 'date', dayofweek: 'date', dayofyear: 'date', weekday: 'date', weekofyear: 'date',
  month: 'date', quarter: 'date', year: 'date', hour: 'timestamp', minute: 'timestamp',
  second: 'timestamp', from_unixtime: 'unix_time[, fmt]', unix_timestamp: '[timeExp[, fmt]]',
  timestamp_seconds: 'seconds', timestamp_millis: 'milliseconds', timestamp_micros: 'microseconds',
  unix_seconds: 'timestamp', unix_millis: 'timestamp', unix_micros: 'timestamp',
  to_date: 'date_str[, fmt]', to_timestamp: 'timestamp_str[, fmt]',
  try_to_timestamp: 'timestamp_str[, fmt]',
  // aggregates (plan/aggregate-signatures.ts; first/last/approx_count_distinct take an option)
  count: 'expr', sum: 'expr', avg: 'expr', min: 'expr', max: 'expr',
  first: 'expr[, ignoreNulls]', last: 'expr[, ignoreNulls]',
  approx_count_distinct: 'expr[, relativeSD]', collect_list: 'expr', collect_set: 'expr',
  stddev_samp: 'expr', stddev_pop: 'expr', var_samp: 'expr', var_pop: 'expr',
  grouping: 'col', grouping_id: '[col1, ...]',
  // time windows (TimeWindow, SessionWindow)
  window: 'timeColumn, windowDuration[, slideDuration[, startTime]]',
  session_window: 'timeColumn, gapDuration',
};

/** `name(a, b[, c])` from the parameter table, else from the arity: `name(expr1, expr2[, expr3])`. */
export function usageOf(
  name: string,
  knownAs: readonly string[],
  arity: readonly [number, number] | null,
): string {
  for (const n of [name, ...knownAs]) {
    const params = FUNCTION_PARAMETERS[n];
    if (params !== undefined) return `${name}(${params})`;
  }
  if (arity === null) return `${name}(...)`;
  const [min, max] = arity;
  const param = (i: number): string => (max === 1 ? 'expr' : `expr${i + 1}`);
  const required = Array.from({ length: min }, (_, i) => param(i)).join(', ');
  if (max === Infinity) return `${name}(${required}${min > 0 ? ', ' : ''}...)`;
  let optional = '';
  for (let i = max - 1; i >= min; i--) optional = `[${i > 0 ? ', ' : ''}${param(i)}${optional}]`;
  return `${name}(${required}${optional})`;
}
