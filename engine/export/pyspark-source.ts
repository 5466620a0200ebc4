/**
 * A source node as PySpark: the schema chain, then
 * `spark.readStream.schema(schema).option(...).json(path)` (or `spark.read` for a static
 * plan, `.format(f).load(path)` for formats without a shortcut).
 *
 * Tidemark-only reader options have no Spark form and are left out with a `# Tidemark:`
 * comment naming the nearest Spark behaviour:
 * - `ignoreFilePatterns`, `fileStableMs` (engine/io/sources/file-stream-options.ts);
 * - `timestampUnit`: Tidemark reads JSON integers in timestamp columns in that unit, while
 *   Spark's JacksonParser always reads them as seconds. The export declares those columns
 *   LongType and converts them right after the read with `withColumn` under the same name,
 *   so the DataFrame has the declared schema (same names, order and types).
 *
 * `rate`, `rate-micro-batch` and `socket` fix their own schema and take no path:
 * `spark.readStream.format("rate").option("rowsPerSecond", "10").load()`.
 */
import { isGeneratorFormat } from '../io/sources/generator-source-schemas';
import { noteKafka } from './kafka-export';
import type { SourceNode } from '../plan/logical-plan';
import { LongType, TimestampType } from '../types/data-types';
import type { DataType } from '../types/data-types';
import { toStructType } from '../types/ddl';
import type { StructType } from '../types/struct-type';
import { pyStr } from './python-literals';
import { commentLines, type PySparkScript } from './pyspark-script';
import { pySchemaChain } from './pyspark-schema';
import { HADOOP_AWS_COMMENT, isS3Setting, s3SessionSettings, sparkS3Path } from './s3-export';

/** Formats with a DataStreamReader/DataFrameReader shortcut method (`.json(path)`). */
const SHORTCUT_FORMATS = new Set(['json', 'csv', 'text', 'parquet', 'orc']);

type TimeUnit = 's' | 'ms' | 'us' | 'ns';
// prettier-ignore
const UNIT_NAMES: Readonly<Record<string, TimeUnit>> = {
  s: 's', sec: 's', second: 's', seconds: 's',
  ms: 'ms', milli: 'ms', millis: 'ms', millisecond: 'ms', milliseconds: 'ms',
  us: 'us', micro: 'us', micros: 'us', microsecond: 'us', microseconds: 'us',
  ns: 'ns', nano: 'ns', nanos: 'ns', nanosecond: 'ns', nanoseconds: 'ns',
};

/** Spark SQL turning a LongType column in `unit` since the epoch into a timestamp (exact: `div` is integral). */
function conversion(column: string, unit: TimeUnit): string {
  const c = '`' + column.replace(/`/g, '``') + '`';
  switch (unit) {
    case 's':
      return `timestamp_seconds(${c})`;
    case 'ms':
      return `timestamp_millis(${c})`;
    case 'us':
      return `timestamp_micros(${c})`;
    case 'ns':
      // Nanoseconds do not fit a double exactly (2^53 ns is ~104 days), so no `/ 1e9`:
      // integral division to microseconds keeps every digit Spark can hold.
      return `timestamp_micros(${c} div 1000)`;
  }
}

/**
 * Which timestamp columns `timestampUnit` covers: `"ns"` means every top-level
 * TimestampType field; `"Creation_Time:ns,Arrival_Time:ms"` (or `=`) names them one by one.
 */
export function timestampUnits(option: string, schema: StructType): Map<string, TimeUnit> {
  const out = new Map<string, TimeUnit>();
  const whole = UNIT_NAMES[option.trim().toLowerCase()];
  if (whole !== undefined) {
    for (const f of schema.fields) if (f.dataType instanceof TimestampType) out.set(f.name, whole);
    return out;
  }
  for (const part of option.split(',')) {
    const m = /^\s*(.+?)\s*[:=]\s*([A-Za-z]+)\s*$/.exec(part);
    const unit = m ? UNIT_NAMES[m[2].toLowerCase()] : undefined;
    const field = m ? schema.fields.find((f) => f.name === m[1]) : undefined;
    if (unit !== undefined && field !== undefined && field.dataType instanceof TimestampType)
      out.set(field.name, unit);
  }
  return out;
}

function optionKey(options: Readonly<Record<string, string>>, lower: string): string | undefined {
  return Object.keys(options).find((k) => k.toLowerCase() === lower);
}

const TIDEMARK_ONLY: Readonly<Record<string, string>> = {
  ignorefilepatterns:
    'skips files whose names match these globs while they are still being downloaded; Spark has no ' +
    'such option (pathGlobFilter keeps only matching names), so write files elsewhere and move them in.',
  filestablems:
    'waits until a file has stopped changing before reading it; Spark reads every file it lists, so ' +
    'write files elsewhere and move them into the folder when complete.',
};

/**
 * The Spark format to read: Arrow IPC files are a Tidemark source Spark lacks, so the export
 * reads Parquet (the nearest columnar file source, same name-based columns) and says how to
 * convert the files.
 */
function sparkFormat(format: string, comments: string[]): string {
  if (format.toLowerCase() !== 'arrow') return format;
  comments.push(
    ...commentLines(
      'Tidemark: format arrow reads Arrow IPC files; Spark has no Arrow file source, so this reads ' +
        'Parquet instead. Convert each file first, e.g. with pyarrow: ' +
        'pq.write_table(pa.ipc.open_file(src).read_all(), dst) (pa.ipc.open_stream for the stream format).',
    ),
  );
  return 'parquet';
}

/** Writes the schema and reader statements for `node`; returns the DataFrame's variable. */
export function writeSource(node: SourceNode, script: PySparkScript): string {
  const variable = script.names.take(`${node.id}_${node.streaming ? 'stream' : 'df'}`);
  const comments: string[] = [];
  const steps: string[] = [];
  const unitKey = optionKey(node.options, 'timestampunit');
  let schema: StructType | undefined;
  let schemaVar: string | undefined;
  const overrides = new Map<string, DataType>();
  const conversions: string[] = [];

  // Spark refuses a user schema for the generator sources unless it is theirs: none is written.
  if (node.schema !== undefined && node.format !== 'text' && !isGeneratorFormat(node.format)) {
    schema = toStructType(node.schema as object);
    if (unitKey !== undefined) {
      const units = timestampUnits(node.options[unitKey], schema);
      for (const [column, unit] of units) {
        // JSON integers already are seconds to Spark; other formats need the conversion for every unit.
        if (unit === 's' && node.format === 'json') continue;
        overrides.set(column, new LongType());
        conversions.push(
          `.withColumn(${pyStr(column)}, F.expr(${pyStr(conversion(column, unit))}))`,
        );
      }
      comments.push(
        ...commentLines(
          `Tidemark: option timestampUnit=${node.options[unitKey]} reads integers in timestamp columns in that unit; ` +
            'Spark reads them as seconds, so those columns are read as LongType and converted below (the result keeps the declared schema).',
        ),
      );
    }
    schemaVar = script.names.take('schema');
    script.addBlock(pySchemaChain(schemaVar, schema, script.typeImports, overrides));
  }

  if (node.format.toLowerCase() === 'kafka') noteKafka(script, 'source');
  const reader = node.streaming ? 'spark.readStream' : 'spark.read';
  const format = sparkFormat(node.format, comments);
  if (!SHORTCUT_FORMATS.has(format)) steps.push(`.format(${pyStr(format)})`);
  if (schemaVar !== undefined) steps.push(`.schema(${schemaVar})`);
  const s3Settings: Record<string, string> = {};
  for (const [key, value] of Object.entries(node.options)) {
    const lower = key.toLowerCase();
    if (lower === 'timestampunit') continue;
    // S3A reads its settings from the Hadoop conf, not from reader options: they go on the builder.
    if (isS3Setting(key)) {
      s3Settings[key] = value;
      continue;
    }
    const why = TIDEMARK_ONLY[lower];
    if (why !== undefined) {
      comments.push(
        ...commentLines(`Tidemark: option ${key}=${value} is left out: Tidemark ${why}`),
      );
      continue;
    }
    steps.push(`.option(${pyStr(key)}, ${pyStr(value)})`);
  }
  if (node.path !== undefined && sparkS3Path(node.path) !== node.path) {
    const s3 = s3SessionSettings(s3Settings);
    Object.assign(script.sessionConf, s3.conf);
    for (const c of [HADOOP_AWS_COMMENT, ...s3.comments])
      if (!script.sessionComments.includes(c)) script.sessionComments.push(c);
  }
  const path = node.path === undefined ? '' : pyStr(sparkS3Path(node.path));
  steps.push(SHORTCUT_FORMATS.has(format) ? `.${format}(${path})` : `.load(${path})`);
  steps.push(...conversions);
  script.addChain(variable, reader, steps, comments);
  return variable;
}
