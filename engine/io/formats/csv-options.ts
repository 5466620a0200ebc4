/**
 * The CSV source's options (Spark's CSVOptions) with Spark's defaults: `,` separator, `"`
 * quote, `\` escape, no comment character, no header, empty string as the null value,
 * `NaN` / `Inf` / `-Inf` for non-finite doubles, PERMISSIVE mode, whitespace kept on read.
 */
import { IllegalArgumentException } from '../../errors';
import { compileDateTimePattern, type DateTimePattern } from '../../types/datetime';
import { CaseInsensitiveOptions } from './case-insensitive-options';
import type { ParseMode, ReaderConf } from './format';
import { parseMode } from './json-options';

export interface CsvOptions {
  readonly sep: string;
  readonly quote: string;
  readonly escape: string;
  /** '' = comments off. */
  readonly comment: string;
  readonly header: boolean;
  readonly inferSchema: boolean;
  readonly nullValue: string;
  readonly emptyValueInRead: string;
  readonly emptyValueInWrite: string;
  readonly nanValue: string;
  readonly positiveInf: string;
  readonly negativeInf: string;
  readonly ignoreLeadingWhiteSpaceInRead: boolean;
  readonly ignoreTrailingWhiteSpaceInRead: boolean;
  readonly ignoreLeadingWhiteSpaceInWrite: boolean;
  readonly ignoreTrailingWhiteSpaceInWrite: boolean;
  readonly multiLine: boolean;
  readonly lineSep: string | null;
  readonly mode: ParseMode;
  readonly columnNameOfCorruptRecord: string;
  readonly timeZone: string;
  readonly timestampFormat: DateTimePattern | null;
  readonly dateFormat: DateTimePattern | null;
  /** Writer: always quote every value. */
  readonly quoteAll: boolean;
  /** Writer: quote values that contain the quote character. */
  readonly escapeQuotes: boolean;
  /** Writer: the timestamp pattern (Spark's default yyyy-MM-dd'T'HH:mm:ss.SSSXXX). */
  readonly timestampFormatInWrite: DateTimePattern;
  readonly dateFormatInWrite: DateTimePattern;
}

/** CSVUtils.toChar: one character, or the escapes `\t`, `\n`, `\r`, `\"`, `\'`, `\\`, `\u0000`, `\b`, `\f`. */
export function toChar(name: string, value: string): string {
  if (value.length === 1) return value;
  const escapes: Record<string, string> = { '\\t': '\t', '\\n': '\n', '\\r': '\r', '\\"': '"', "\\'": "'", '\\\\': '\\', '\\u0000': '\u0000', '\\b': '\b', '\\f': '\f' };
  const known = escapes[value];
  if (known !== undefined) return known;
  if (value.length === 0) throw new IllegalArgumentException(`Delimiter cannot be empty string`);
  if (name === 'sep') return value; // Spark 3+ accepts multi-character separators.
  throw new IllegalArgumentException(`Unsupported special character for delimiter: ${value}`);
}

export function csvOptions(options: Readonly<Record<string, string>>, conf: ReaderConf): CsvOptions {
  const o = new CaseInsensitiveOptions(options);
  const sep = toChar('sep', o.get('sep') ?? o.get('delimiter') ?? ',');
  const quoteRaw = o.get('quote');
  // An empty quote turns quoting off (Spark maps it to \u0000).
  const quote = quoteRaw === undefined ? '"' : quoteRaw.length === 0 ? '\u0000' : toChar('quote', quoteRaw);
  const commentRaw = o.get('comment');
  const lineSep = o.get('lineSep');
  if (lineSep !== undefined && (lineSep.length === 0 || lineSep.length > 2)) {
    throw new IllegalArgumentException("'lineSep' can contain only 1 character or \\r\\n.");
  }
  const ts = o.get('timestampFormat');
  const df = o.get('dateFormat');
  return {
    sep,
    quote,
    escape: toChar('escape', o.get('escape') ?? '\\'),
    comment: commentRaw === undefined || commentRaw === '\u0000' ? '' : toChar('comment', commentRaw),
    header: o.boolean('header', false),
    inferSchema: o.boolean('inferSchema', false),
    nullValue: o.string('nullValue', ''),
    emptyValueInRead: o.string('emptyValue', ''),
    emptyValueInWrite: o.string('emptyValue', '""'),
    nanValue: o.string('nanValue', 'NaN'),
    positiveInf: o.string('positiveInf', 'Inf'),
    negativeInf: o.string('negativeInf', '-Inf'),
    ignoreLeadingWhiteSpaceInRead: o.boolean('ignoreLeadingWhiteSpace', false),
    ignoreTrailingWhiteSpaceInRead: o.boolean('ignoreTrailingWhiteSpace', false),
    ignoreLeadingWhiteSpaceInWrite: o.boolean('ignoreLeadingWhiteSpace', true),
    ignoreTrailingWhiteSpaceInWrite: o.boolean('ignoreTrailingWhiteSpace', true),
    multiLine: o.boolean('multiLine', false),
    lineSep: lineSep ?? null,
    mode: parseMode(o.get('mode')),
    columnNameOfCorruptRecord: o.string('columnNameOfCorruptRecord', conf.columnNameOfCorruptRecord),
    timeZone: o.string('timeZone', conf.timeZone),
    timestampFormat: ts === undefined ? null : compileDateTimePattern(ts),
    dateFormat: df === undefined ? null : compileDateTimePattern(df),
    quoteAll: o.boolean('quoteAll', false),
    escapeQuotes: o.boolean('escapeQuotes', true),
    timestampFormatInWrite: compileDateTimePattern(ts ?? "yyyy-MM-dd'T'HH:mm:ss.SSSXXX", { forParsing: false }),
    dateFormatInWrite: compileDateTimePattern(df ?? 'yyyy-MM-dd', { forParsing: false }),
  };
}
