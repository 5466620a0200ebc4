/**
 * The JSON source's options (Spark's JSONOptions), with Spark's defaults: PERMISSIVE mode,
 * single quotes allowed, non-numeric numbers (NaN, Infinity) allowed, comments, unquoted
 * field names and leading zeros not allowed. `timestampUnit` is Tidemark's own (see
 * timestamp-unit.ts).
 */
import { IllegalArgumentException } from '../../errors';
import { compileDateTimePattern, type DateTimePattern } from '../../types/datetime';
import { CaseInsensitiveOptions } from './case-insensitive-options';
import type { ParseMode, ReaderConf } from './format';
import { parseTimestampUnits, type TimestampUnits } from './timestamp-unit';

export interface JsonReadOptions {
  readonly mode: ParseMode;
  readonly columnNameOfCorruptRecord: string;
  readonly multiLine: boolean;
  /** null = auto (\n, \r\n, \r). */
  readonly lineSep: string | null;
  readonly timeZone: string;
  readonly timestampFormat: DateTimePattern | null;
  readonly dateFormat: DateTimePattern | null;
  readonly allowNonNumericNumbers: boolean;
  readonly allowSingleQuotes: boolean;
  readonly allowNumericLeadingZeros: boolean;
  readonly allowUnquotedFieldNames: boolean;
  readonly allowComments: boolean;
  readonly timestampUnits: TimestampUnits;
  // Inference only (JsonInferSchema).
  readonly primitivesAsString: boolean;
  readonly prefersDecimal: boolean;
  readonly inferTimestamp: boolean;
  readonly dropFieldIfAllNull: boolean;
}

/** ParseMode.fromString: case-insensitive; an unknown mode falls back to PERMISSIVE as Spark does. */
export function parseMode(text: string | undefined): ParseMode {
  const upper = (text ?? 'PERMISSIVE').toUpperCase();
  return upper === 'DROPMALFORMED' || upper === 'FAILFAST' ? upper : 'PERMISSIVE';
}

export function jsonReadOptions(options: Readonly<Record<string, string>>, conf: ReaderConf): JsonReadOptions {
  const o = new CaseInsensitiveOptions(options);
  const lineSep = o.get('lineSep');
  if (lineSep !== undefined && lineSep.length === 0) {
    throw new IllegalArgumentException("'lineSep' cannot be an empty string.");
  }
  const ts = o.get('timestampFormat');
  const df = o.get('dateFormat');
  return {
    mode: parseMode(o.get('mode')),
    columnNameOfCorruptRecord: o.string('columnNameOfCorruptRecord', conf.columnNameOfCorruptRecord),
    multiLine: o.boolean('multiLine', false),
    lineSep: lineSep ?? null,
    timeZone: o.string('timeZone', conf.timeZone),
    timestampFormat: ts === undefined ? null : compileDateTimePattern(ts),
    dateFormat: df === undefined ? null : compileDateTimePattern(df),
    allowNonNumericNumbers: o.boolean('allowNonNumericNumbers', true),
    allowSingleQuotes: o.boolean('allowSingleQuotes', true),
    allowNumericLeadingZeros: o.boolean('allowNumericLeadingZeros', false),
    allowUnquotedFieldNames: o.boolean('allowUnquotedFieldNames', false),
    allowComments: o.boolean('allowComments', false),
    timestampUnits: parseTimestampUnits(o.get('timestampUnit')),
    primitivesAsString: o.boolean('primitivesAsString', false),
    prefersDecimal: o.boolean('prefersDecimal', false),
    inferTimestamp: o.boolean('inferTimestamp', false),
    dropFieldIfAllNull: o.boolean('dropFieldIfAllNull', false),
  };
}
