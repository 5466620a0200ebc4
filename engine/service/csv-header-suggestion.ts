/**
 * `header=true` for CSV files whose first line names the columns. Spark reads a header line
 * as data unless told (CSVOptions.headerFlag defaults to false), so an inferred schema gets
 * `_c0, _c1, …` and the names come out as the first row — or, with a typed schema, as a
 * corrupt record. The test uses Spark's own inference (CSVInferSchema, via the format
 * registry): the first line looks like a header when some column holds typed values
 * (numbers, timestamps, booleans) below it but the first line's cell there is not of that
 * type, and no cell of the first line is empty. A file whose columns are all text cannot
 * tell, and gets no suggestion.
 */
import type { ReaderConf } from '../io/formats/format';
import { csvOptions } from '../io/formats/csv-options';
import { CsvTokenizer } from '../io/formats/csv-tokenizer';
import { decodeText } from '../io/formats/line-splitter';
import { inferSchema } from '../io/formats/registry';
import { StringType } from '../types/data-types';
import type { StructType } from '../types/struct-type';
import { withOption } from './option-suggestion';
import type { OptionSuggestion } from './protocol';
import type { SampledFile } from './timestamp-unit-suggestions';

export function csvHeaderSuggestion(
  format: string,
  files: readonly SampledFile[],
  options: Readonly<Record<string, string>>,
  conf: ReaderConf,
  schemaInferred: boolean,
): OptionSuggestion | null {
  if (format !== 'csv' || csvOptions(options, conf).header) return null;
  const inferring = withOption(options, 'inferSchema', 'true');
  for (const f of files) {
    const withHeader = inferSchema('csv', [f], withOption(inferring, 'header', 'true'), conf);
    const asData = inferSchema('csv', [f], withOption(inferring, 'header', 'false'), conf);
    if (!looksLikeHeader(withHeader, asData)) continue;
    const [first, second] = firstRecords(f, options, conf);
    const names = withHeader.names.join(', ');
    return {
      option: 'header',
      value: 'true',
      column: null,
      reason: `The first line of ${f.name} looks like column names (${names}), not data: with header=true it is skipped${schemaInferred ? ' and names the columns' : ''}.`,
      before: `first row: ${first}`,
      after: schemaInferred ? `columns: ${names}` : `first row: ${second}`,
    };
  }
  return null;
}

function looksLikeHeader(withHeader: StructType, asData: StructType): boolean {
  const h = withHeader.fields;
  const d = asData.fields;
  if (h.length !== d.length || h.length === 0) return false;
  // CSVInferSchema names an empty header cell `_c<i>`: a header names every column.
  if (h.some((f, i) => f.name === `_c${i}`)) return false;
  return h.some(
    (f, i) => !(f.dataType instanceof StringType) && d[i].dataType instanceof StringType,
  );
}

/** The first two records of the file, cells joined for display. */
function firstRecords(
  f: SampledFile,
  options: Readonly<Record<string, string>>,
  conf: ReaderConf,
): [string, string] {
  const tokenizer = new CsvTokenizer(decodeText(f.data), csvOptions(options, conf));
  const show = (tokens: (string | null)[] | null): string =>
    (tokens ?? []).map((t) => t ?? '').join(', ');
  const first = show(tokenizer.next());
  return [first, show(tokenizer.next())];
}
