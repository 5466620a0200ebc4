/**
 * The leaves of a plan as TypeScript API code: a source node as the schema chain then
 * `spark.readStream.schema(schema).option(...).json(path)` (`spark.read` for a static
 * source, `.format(f).load(path)` for formats without a shortcut method), and inline rows
 * as `spark.createDataFrame([...], schema)`.
 */
import type { LocalRelationNode, SourceNode } from '../plan/logical-plan';
import { ArrayType, DateType, TimestampType, type DataType } from '../types/data-types';
import { toStructType } from '../types/ddl';
import { StructType } from '../types/struct-type';
import { call, commentLines, type MethodCall, type TypeScriptProgram } from './typescript-program';
import { tsKey, tsNumber, tsStr } from './typescript-literals';
import { isSecretSetting } from './s3-export';

/** Formats with a DataStreamReader/DataFrameReader shortcut method (`.json(path)`). */
const SHORTCUT_FORMATS = new Set(['json', 'csv', 'text']);

/** Writes the schema and reader statements for `node`; returns the DataFrame's variable. */
export function writeSource(node: SourceNode, program: TypeScriptProgram): string {
  const variable = program.names.take(`${node.id} ${node.streaming ? 'stream' : 'df'}`);
  const calls: MethodCall[] = [];
  if (!SHORTCUT_FORMATS.has(node.format)) calls.push(call('format', tsStr(node.format)));
  if (node.schema !== undefined && node.schema !== null) {
    calls.push(call('schema', program.schemaVariable(toStructType(node.schema as object))));
  }
  const comments: string[] = [];
  for (const [key, value] of Object.entries(node.options)) {
    // Keys are never written out: the SDK's default chain reads them from the environment.
    if (isSecretSetting(key)) {
      comments.push(
        ...commentLines(
          `Tidemark: ${key} is not exported; set AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN in the environment.`,
        ),
      );
      continue;
    }
    calls.push(call('option', tsStr(key), tsStr(value)));
  }
  const path = node.path === undefined ? [] : [tsStr(node.path)];
  calls.push(
    SHORTCUT_FORMATS.has(node.format) ? call(node.format, ...path) : call('load', ...path),
  );
  program.addChain(variable, node.streaming ? 'spark.readStream' : 'spark.read', calls, comments);
  return variable;
}

/** `spark.createDataFrame([...], schema)` with the rows the node stores. */
export function writeLocalRelation(node: LocalRelationNode, program: TypeScriptProgram): string {
  const schema = toStructType(node.schema as object);
  const schemaVar = program.schemaVariable(schema);
  const variable = program.names.take('data');
  const rows = node.rows.map(
    (row) => `    [${row.map((v, i) => rowValue(v, schema.fields[i]?.dataType)).join(', ')}],`,
  );
  program.addBlock([
    `const ${variable} = spark.createDataFrame(`,
    ...(rows.length === 0 ? ['  [],'] : ['  [', ...rows, '  ],']),
    `  ${schemaVar},`,
    ');',
  ]);
  return variable;
}

/** 0001-01-01 and 9999-12-31 as days since the epoch: the dates toISOString writes as YYYY-MM-DD. */
const FIRST_DAY = -719_162;
const LAST_DAY = 2_932_896;

/**
 * A top-level row value. createDataFrame stores numbers as they are (timestamps as µs since
 * the epoch, dates as days) and converts Dates, so a Date is written where it is exact and
 * the stored number otherwise: either way the new relation holds the same values.
 */
function rowValue(v: unknown, type: DataType | undefined): string {
  if (typeof v === 'number' && Number.isFinite(v)) {
    if (type instanceof TimestampType && v % 1000 === 0 && Math.abs(v) <= 8.64e18)
      return `new Date(${tsStr(new Date(v / 1000).toISOString())})`;
    if (type instanceof DateType && Number.isInteger(v) && v >= FIRST_DAY && v <= LAST_DAY)
      return `new Date(${tsStr(new Date(v * 86_400_000).toISOString().slice(0, 10))})`;
  }
  return literal(v, type);
}

/** Nested values are stored as they are given, so they are written verbatim. */
function literal(v: unknown, type: DataType | undefined): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number') return tsNumber(v);
  if (typeof v === 'string') return tsStr(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) {
    const element = type instanceof ArrayType ? type.elementType : undefined;
    return `[${v.map((x) => literal(x, element)).join(', ')}]`;
  }
  const entries = Object.entries(v as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  const fieldType = (k: string): DataType | undefined =>
    type instanceof StructType ? type.field(k)?.dataType : undefined;
  return `{ ${entries.map(([k, x]) => `${tsKey(k)}: ${literal(x, fieldType(k))}`).join(', ')} }`;
}
