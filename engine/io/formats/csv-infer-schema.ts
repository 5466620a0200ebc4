/**
 * Spark's CSVInferSchema: column names come from the header line (`_c0`, `_c1`, … without
 * `header`); with `inferSchema` each column takes the narrowest type all its values parse as
 * (int → bigint → decimal for longer integers → double → timestamp → boolean → string),
 * null and `nullValue` cells not counting; without it every column is a string.
 */
import { BooleanType, DataType, DecimalType, DoubleType, IntegerType, LongType, NullType, StringType, TimestampType } from '../../types/data-types';
import { StructField, StructType } from '../../types/struct-type';
import type { ReaderConf } from './format';
import { csvOptions, type CsvOptions } from './csv-options';
import { CsvTokenizer } from './csv-tokenizer';
import { decodeText } from './line-splitter';
import { parseTimestampText } from './text-datetime';
import { compatibleType } from './type-widening';

export function inferCsvSchema(
  samples: readonly { path: string; data: Uint8Array }[],
  options: Readonly<Record<string, string>>,
  conf: ReaderConf,
): StructType {
  const o = csvOptions(options, conf);
  let names: string[] | null = null;
  const types: DataType[] = [];
  for (const sample of samples) {
    const tokenizer = new CsvTokenizer(decodeText(sample.data, sample.path), o);
    let first = true;
    for (let tokens = tokenizer.next(); tokens !== null; tokens = tokenizer.next()) {
      if (first) {
        first = false;
        // The first line fixes the column count (CSVDataSource.inferSchema reads it once).
        if (names === null) names = headerNames(tokens, o.header);
        if (o.header) continue;
      }
      if (!o.inferSchema || names === null) continue;
      for (let i = 0; i < names.length; i++) {
        const token = tokens[i];
        const t = token === undefined || token === null || token === o.nullValue ? new NullType() : inferField(token, o);
        types[i] = compatibleType(types[i] ?? new NullType(), t);
      }
    }
  }
  if (names === null) return new StructType();
  return new StructType(
    names.map((n, i) => {
      const t = types[i];
      return new StructField(n, t === undefined || t instanceof NullType ? new StringType() : t, true);
    }),
  );
}

/** CSVUtils / CSVHeaderChecker: header names (null or empty → `_c<i>`), duplicates get their index. */
function headerNames(tokens: readonly (string | null)[], header: boolean): string[] {
  const raw = tokens.map((t, i) => (header && t !== null && t !== '' ? t : `_c${i}`));
  const lower = raw.map((n) => n.toLowerCase());
  return raw.map((n, i) => (lower.indexOf(lower[i]) !== lower.lastIndexOf(lower[i]) ? `${n}${i}` : n));
}

const INTEGER = /^[+-]?\d+$/;
const JAVA_DOUBLE = /^\s*[+-]?(NaN|Infinity|(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[fFdD]?)\s*$/;

function inferField(field: string, o: CsvOptions): DataType {
  if (INTEGER.test(field)) {
    const b = BigInt(field);
    if (b >= -(2n ** 31n) && b < 2n ** 31n) return new IntegerType();
    if (b >= -(2n ** 63n) && b < 2n ** 63n) return new LongType();
    const digits = field.replace(/^[+-]/, '').replace(/^0+(?=\d)/, '').length;
    if (digits <= 38) return new DecimalType(digits, 0);
  }
  if (field === o.nanValue || field === o.positiveInf || field === o.negativeInf || JAVA_DOUBLE.test(field)) return new DoubleType();
  if (parseTimestampText(field, o.timestampFormat, o.timeZone) !== null) return new TimestampType();
  const lower = field.toLowerCase();
  if (lower === 'true' || lower === 'false') return new BooleanType();
  return new StringType();
}
