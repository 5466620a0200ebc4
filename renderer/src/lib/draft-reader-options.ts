/**
 * The reader options the source setup offers by name (any other key may be typed: the
 * engine reads what it knows and reports the rest). Names and values are Spark's
 * (DataStreamReader / JSONOptions / CSVOptions / FileStreamOptions); timestampUnit is
 * Tidemark's, for epoch numbers in timestamp columns (the lab's Arrival_Time).
 */
export interface ReaderOptionInfo {
  readonly key: string;
  /** The formats that read it; empty: every file format. */
  readonly formats: readonly string[];
  /** Values to pick from (any may be typed). */
  readonly values: readonly string[];
  readonly description: string;
}

/** `arrow` (Arrow IPC files) is Tidemark's own: Spark has no Arrow file source. */
export const SOURCE_FORMATS: readonly string[] = ['json', 'csv', 'text', 'parquet', 'arrow'];

export const KNOWN_READER_OPTIONS: readonly ReaderOptionInfo[] = [
  {
    key: 'multiLine',
    formats: ['json', 'csv'],
    values: ['true', 'false'],
    description: 'A record may span several lines (one JSON document per file).',
  },
  {
    key: 'mode',
    formats: ['json', 'csv'],
    values: ['PERMISSIVE', 'DROPMALFORMED', 'FAILFAST'],
    description:
      'What to do with a malformed record: keep it as a corrupt row, drop it, or fail the query.',
  },
  {
    key: 'columnNameOfCorruptRecord',
    formats: ['json', 'csv'],
    values: ['_corrupt_record'],
    description: 'The string column that receives a malformed record’s text (PERMISSIVE mode).',
  },
  {
    key: 'timestampFormat',
    formats: ['json', 'csv'],
    values: ["yyyy-MM-dd'T'HH:mm:ss.SSSXXX", 'yyyy-MM-dd HH:mm:ss'],
    description: 'The datetime pattern timestamp strings are read with.',
  },
  {
    key: 'timestampUnit',
    formats: ['json', 'csv'],
    values: ['s', 'ms', 'us', 'ns'],
    description: 'The unit of epoch numbers read into timestamp columns (Spark reads seconds).',
  },
  {
    key: 'header',
    formats: ['csv'],
    values: ['true', 'false'],
    description: 'The first line of each file holds the column names.',
  },
  {
    key: 'sep',
    formats: ['csv'],
    values: [',', ';', '\\t', '|'],
    description: 'The field separator.',
  },
  {
    key: 'inferSchema',
    formats: ['csv'],
    values: ['true', 'false'],
    description: 'Infer column types from the data (otherwise every column is a string).',
  },
  {
    key: 'maxFilesPerTrigger',
    formats: [],
    values: ['1', '10', '100'],
    description: 'At most this many new files per micro-batch.',
  },
  {
    key: 'pathGlobFilter',
    formats: [],
    values: ['*.json', '*.csv', '*.txt'],
    description: 'Read only the files whose name matches this glob.',
  },
  {
    key: 'recursiveFileLookup',
    formats: [],
    values: ['true', 'false'],
    description: 'Read files in sub-folders too.',
  },
];

/** The known options that `format` reads, for the key picker. */
export function optionsForFormat(format: string): readonly ReaderOptionInfo[] {
  return KNOWN_READER_OPTIONS.filter((o) => o.formats.length === 0 || o.formats.includes(format));
}

export function optionInfo(key: string): ReaderOptionInfo | undefined {
  const k = key.toLowerCase();
  return KNOWN_READER_OPTIONS.find((o) => o.key.toLowerCase() === k);
}

/**
 * `options` with `key` set to `value`. Spark's option keys are case-insensitive
 * (CaseInsensitiveMap), so an existing key differing only in case is replaced, not doubled.
 */
export function withOption(
  options: Readonly<Record<string, string>>,
  key: string,
  value: string,
): Record<string, string> {
  const out = withoutOption(options, key);
  out[key] = value;
  return out;
}

/** `options` with `key` set to the trimmed `value`, or removed when it is blank (the option's default). */
export function withOptionText(
  options: Readonly<Record<string, string>>,
  key: string,
  value: string,
): Record<string, string> {
  const v = value.trim();
  return v === '' ? withoutOption(options, key) : withOption(options, key, v);
}

export function withoutOption(
  options: Readonly<Record<string, string>>,
  key: string,
): Record<string, string> {
  const k = key.toLowerCase();
  return Object.fromEntries(Object.entries(options).filter(([name]) => name.toLowerCase() !== k));
}

/** The option's value under any spelling of its name. */
export function optionValue(
  options: Readonly<Record<string, string>>,
  key: string,
): string | undefined {
  const k = key.toLowerCase();
  return Object.entries(options).find(([name]) => name.toLowerCase() === k)?.[1];
}

/**
 * The options with a preview suggestion applied, as the contract defines it
 * (OptionSuggestion; engine/service/option-suggestion.ts is the reference): without a
 * column, the option is set; with one, `column:value` joins the option's comma list of
 * per-column entries (`Arrival_Time:ms,Creation_Time:ns`), replacing that column's entry,
 * so suggestions for several columns can be applied one after another.
 */
export function applySuggestion(
  options: Readonly<Record<string, string>>,
  suggestion: { readonly option: string; readonly value: string; readonly column: string | null },
): Record<string, string> {
  if (suggestion.column === null) return withOption(options, suggestion.option, suggestion.value);
  const column = suggestion.column;
  const kept = (optionValue(options, suggestion.option) ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => {
      if (entry === '') return false;
      const colon = entry.lastIndexOf(':');
      return colon < 0 || entry.slice(0, colon).trim() !== column;
    });
  return withOption(
    options,
    suggestion.option,
    [...kept, `${column}:${suggestion.value}`].join(','),
  );
}
