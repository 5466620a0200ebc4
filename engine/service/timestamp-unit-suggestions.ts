/**
 * `timestampUnit` suggestions for TIMESTAMP columns whose values look wrong. Spark reads a
 * JSON integer as seconds since the epoch (JacksonParser multiplies by 1e6), so the lab's
 * millisecond `Arrival_Time` lands near the year 47000 and its nanosecond `Creation_Time`
 * wraps around; the opposite mistake (seconds read as milliseconds) puts every value in
 * January 1970. Tidemark's reader option `timestampUnit` (io/formats/timestamp-unit.ts,
 * global `ms` or per column `Creation_Time:ns`) fixes both — for JSON integers only, the
 * one place the engine reads numbers as timestamps.
 *
 * A unit is suggested only if reading the sampled files again with it, through the real
 * reader, gives plausible values (years 1900–2200, not all in 1970) for every row: what
 * the suggestion promises is what the preview then shows.
 */
import { valueAt } from '../batch/values';
import type { ReaderConf } from '../io/formats/format';
import { readerFor } from '../io/formats/registry';
import {
  isPlausibleMicros,
  parseTimestampUnits,
  unitFor,
  type TimestampUnit,
} from '../io/formats/timestamp-unit';
import { TimestampType } from '../types/data-types';
import { formatTimestamp } from '../types/datetime';
import type { StructType } from '../types/struct-type';
import { optionValue, withColumnEntry, withOption } from './option-suggestion';
import type { OptionSuggestion } from './protocol';

/** A file the preview read: its name in the folder, its path and the bytes read. */
export interface SampledFile {
  readonly name: string;
  readonly path: string;
  readonly data: Uint8Array;
}

const UNITS: readonly TimestampUnit[] = ['s', 'ms', 'us', 'ns'];
const UNIT_NAMES: Readonly<Record<TimestampUnit, string>> = {
  s: 'seconds',
  ms: 'milliseconds',
  us: 'microseconds',
  ns: 'nanoseconds',
};
const YEAR_US = 365 * 86_400_000_000;

/** Values of some columns, per file, in row order (null for NULL). */
type ColumnValues = Map<string, (number | null)[][]>;

interface Pick {
  readonly column: string;
  readonly from: TimestampUnit;
  readonly to: TimestampUnit;
  readonly file: string;
  readonly before: number;
  readonly after: number;
}

export function timestampUnitSuggestions(
  format: string,
  files: readonly SampledFile[],
  schema: StructType,
  options: Readonly<Record<string, string>>,
  conf: ReaderConf,
): OptionSuggestion[] {
  const timestampColumns = schema.fields
    .filter((f) => f.dataType instanceof TimestampType)
    .map((f) => f.name);
  if (format !== 'json' || timestampColumns.length === 0 || files.length === 0) return [];
  const current = parseTimestampUnits(optionValue(options, 'timestampUnit'));
  const before = readColumns(files, schema, options, conf, timestampColumns);
  let open = timestampColumns.filter((c) => looksWrong(before.get(c)!));
  const picks: Pick[] = [];
  for (const unit of UNITS) {
    const trying = open.filter((c) => unitFor(current, c) !== unit);
    if (trying.length === 0) continue;
    const list = trying.reduce(
      (l, c) => withColumnEntry(l, c, unit),
      optionValue(options, 'timestampUnit') ?? '',
    );
    const after = readColumns(
      files,
      schema,
      withOption(options, 'timestampUnit', list),
      conf,
      trying,
    );
    for (const c of trying) {
      if (!allPlausible(after.get(c)!)) continue;
      const example = firstExample(files, before.get(c)!, after.get(c)!);
      if (example === null) continue;
      picks.push({ column: c, from: unitFor(current, c), to: unit, ...example });
    }
    open = open.filter((c) => !picks.some((p) => p.column === c));
  }
  return toSuggestions(picks, timestampColumns, current.byColumn.size === 0, conf.timeZone);
}

/**
 * One global `timestampUnit` when it fixes every timestamp column alike and no column has
 * its own entry yet; otherwise one per-column suggestion each.
 */
function toSuggestions(
  picks: readonly Pick[],
  timestampColumns: readonly string[],
  noColumnEntries: boolean,
  timeZone: string,
): OptionSuggestion[] {
  const show = (us: number): string => formatTimestamp(us, timeZone);
  const global =
    noColumnEntries &&
    picks.length === timestampColumns.length &&
    picks.every((p) => p.to === picks[0].to && p.from === picks[0].from);
  const explain = (columns: string, p: Pick): string =>
    `${columns} in ${p.file} reads as ${show(p.before)} when its numbers are taken as ${UNIT_NAMES[p.from]} since the epoch; ` +
    `as ${UNIT_NAMES[p.to]} they read as ${show(p.after)}.`;
  if (global && picks.length > 0) {
    const p = picks[0];
    return [
      {
        option: 'timestampUnit',
        value: p.to,
        column: null,
        reason: explain(picks.map((q) => q.column).join(', '), p),
        before: show(p.before),
        after: show(p.after),
      },
    ];
  }
  return picks.map((p) => ({
    option: 'timestampUnit',
    value: p.to,
    column: p.column,
    reason: explain(p.column, p),
    before: show(p.before),
    after: show(p.after),
  }));
}

function readColumns(
  files: readonly SampledFile[],
  schema: StructType,
  options: Readonly<Record<string, string>>,
  conf: ReaderConf,
  columns: readonly string[],
): ColumnValues {
  const reader = readerFor('json', options, conf);
  const out: ColumnValues = new Map(columns.map((c) => [c, []]));
  for (const f of files) {
    const batch = reader.read(f.path, f.data, schema, columns).batch;
    for (const c of columns) {
      const v = batch.column(c);
      const values: (number | null)[] = new Array(batch.numRows);
      for (let i = 0; i < batch.numRows; i++) values[i] = valueAt(v, i) as number | null;
      out.get(c)!.push(values);
    }
  }
  return out;
}

function nonNull(perFile: readonly (readonly (number | null)[])[]): number[] {
  return perFile.flatMap((values) => values.filter((v): v is number => v !== null));
}

/** Outside 1900–2200 (the reader's IMPLAUSIBLE_TIMESTAMP rule), or every value within a year of the epoch. */
function looksWrong(perFile: readonly (readonly (number | null)[])[]): boolean {
  const values = nonNull(perFile);
  if (values.length === 0) return false;
  return (
    values.some((us) => !isPlausibleMicros(us)) || values.every((us) => Math.abs(us) < YEAR_US)
  );
}

function allPlausible(perFile: readonly (readonly (number | null)[])[]): boolean {
  const values = nonNull(perFile);
  return (
    values.length > 0 &&
    values.every(isPlausibleMicros) &&
    !values.every((us) => Math.abs(us) < YEAR_US)
  );
}

/** The first row (and its file) with a value both before and after. */
function firstExample(
  files: readonly SampledFile[],
  before: readonly (readonly (number | null)[])[],
  after: readonly (readonly (number | null)[])[],
): { file: string; before: number; after: number } | null {
  for (let f = 0; f < files.length; f++) {
    for (let i = 0; i < before[f].length; i++) {
      const b = before[f][i];
      const a = after[f][i];
      if (b !== null && a !== null && a !== undefined)
        return { file: files[f].name, before: b, after: a };
    }
  }
  return null;
}
