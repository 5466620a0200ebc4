/**
 * `toPySpark(spec)`: a runnable PySpark script for a Tidemark query, readable as the lab's
 * notebooks are: imports, the SparkSession with the settings the query ran with, the schema
 * as a StructType chain, the reader, one DataFrame method per plan node, and the
 * DataStreamWriter (for a QuerySpec) or `show()` (for a static plan).
 *
 * Where Tidemark does something Spark cannot, the script says so in a `# Tidemark:` comment
 * next to the nearest Spark form (distinct counts on streams, timestampUnit,
 * Tidemark-only reader options, TypeScript foreach/foreachBatch functions).
 *
 * Output is deterministic (same spec → same text), so tests can compare it verbatim.
 */
import type {
  JoinNode,
  LocalRelationNode,
  LogicalPlan,
  QuerySpec,
  UnionNode,
} from '../plan/logical-plan';
import { ArrayType, DateType, MapType, TimestampType } from '../types/data-types';
import type { DataType } from '../types/data-types';
import { toStructType } from '../types/ddl';
import { StructType } from '../types/struct-type';
import { pyColumn } from './python-column';
import { pyNumber, pyScalar, pyStr, pyStrList } from './python-literals';
import { pySchemaChain } from './pyspark-schema';
import { commentLines, PySparkScript } from './pyspark-script';
import { writeSink, type SinkExportOptions } from './pyspark-sink';
import { writeSource } from './pyspark-source';
import { pyStep } from './pyspark-steps';
import { isS3Setting, s3SessionSettings } from './s3-export';

export interface PySparkExportOptions extends SinkExportOptions {
  /** `SparkSession.builder.appName(...)` (default: the query name, else "tidemark-export"). */
  readonly appName?: string;
  /**
   * The session settings Tidemark ran with (e.g. spark.sql.ansi.enabled,
   * spark.sql.session.timeZone, spark.sql.shuffle.partitions). `spark.*` keys become
   * `.config(...)` calls; other keys are Tidemark's own and are listed in a comment.
   */
  readonly conf?: Readonly<Record<string, string>>;
}

function isQuerySpec(spec: QuerySpec | LogicalPlan): spec is QuerySpec {
  return 'sink' in spec && 'plan' in spec;
}

function readsStream(plan: LogicalPlan): boolean {
  switch (plan.op) {
    case 'source':
      return plan.streaming;
    case 'localRelation':
    case 'table':
      return false;
    case 'join':
      return readsStream(plan.left) || readsStream(plan.right);
    case 'union':
      return plan.inputs.some(readsStream);
    default:
      return readsStream(plan.input);
  }
}

export function toPySpark(
  spec: QuerySpec | LogicalPlan,
  options: PySparkExportOptions = {},
): string {
  const plan = isQuerySpec(spec) ? spec.plan : spec;
  const streaming = readsStream(plan);
  const script = new PySparkScript(streaming);
  const queryName = isQuerySpec(spec) ? spec.sink.queryName : undefined;
  const df = writeDataFrame(plan, script, queryName ?? 'result');
  if (isQuerySpec(spec)) writeSink(df, spec.sink, script, options);
  else script.addBlock([`${df}.show()`]);

  const appName = options.appName ?? queryName ?? 'tidemark-export';
  return [
    ...header(isQuerySpec(spec), script),
    '',
    ...sessionBlock(appName, options.conf ?? {}, script),
    '',
    script.body(),
    '',
  ].join('\n');
}

function header(isQuery: boolean, script: PySparkScript): string[] {
  const lines = [
    `# ${isQuery ? 'A PySpark Structured Streaming script' : 'PySpark DataFrame code'} exported by Tidemark.`,
    '# Run it with spark-submit, or with python where pyspark 4.x is installed (pip install pyspark).',
  ];
  if (script.stdImports.size > 0) lines.push(...[...script.stdImports].sort());
  lines.push('from pyspark.sql import SparkSession');
  lines.push('from pyspark.sql import functions as F');
  if (script.typeImports.size > 0)
    lines.push(`from pyspark.sql.types import ${[...script.typeImports].sort().join(', ')}`);
  return lines;
}

function sessionBlock(
  appName: string,
  sessionConf: Readonly<Record<string, string>>,
  script: PySparkScript,
): string[] {
  // S3 settings of the session (spark.hadoop.fs.s3*) as S3A keys, secrets left out.
  const s3 = s3SessionSettings(sessionConf);
  const conf: Record<string, string> = {
    ...Object.fromEntries(Object.entries(sessionConf).filter(([k]) => !isS3Setting(k))),
    ...s3.conf,
    ...script.sessionConf,
  };
  const comments = [...script.sessionComments];
  for (const c of s3.comments) if (!comments.includes(c)) comments.push(c);
  const keys = Object.keys(conf).sort();
  const sparkKeys = keys.filter((k) => k.startsWith('spark.'));
  const own = keys.filter((k) => !k.startsWith('spark.'));
  const lines: string[] = [];
  if (own.length > 0) {
    lines.push(
      ...commentLines(
        `Tidemark: settings with no Spark equivalent, left out: ${own.map((k) => `${k}=${conf[k]}`).join(', ')}.`,
      ),
    );
  }
  for (const c of comments) lines.push(...commentLines(c));
  lines.push('spark = (', '    SparkSession.builder', `    .appName(${pyStr(appName)})`);
  for (const k of sparkKeys) lines.push(`    .config(${pyStr(k)}, ${pyStr(conf[k])})`);
  lines.push('    .getOrCreate()', ')');
  return lines;
}

type SingleInputNode = Extract<LogicalPlan, { input: LogicalPlan }>;

function hasSingleInput(p: LogicalPlan): p is SingleInputNode {
  return 'input' in p;
}

/**
 * Writes the statements computing `plan` and returns the variable holding it: leaves and
 * multi-input nodes (join, union) start a statement, a run of single-input nodes above
 * them becomes one method chain.
 */
function writeDataFrame(plan: LogicalPlan, script: PySparkScript, hint: string): string {
  const chain: SingleInputNode[] = [];
  let p: LogicalPlan = plan;
  while (hasSingleInput(p)) {
    chain.unshift(p);
    p = p.input;
  }
  const mark = script.notes.length;
  let base: string;
  switch (p.op) {
    case 'source':
      base = writeSource(p, script);
      break;
    case 'localRelation':
      base = writeLocalRelation(p, script);
      break;
    case 'table':
      base = `spark.table(${pyStr(p.name)})`;
      break;
    case 'join':
      base = joinCall(p, script);
      break;
    case 'union':
      base = unionCall(p, script);
      break;
  }
  const comments = script.takeNotes(mark);
  if (chain.length === 0 && (p.op === 'source' || p.op === 'localRelation')) return base;
  const steps: string[] = [];
  for (const node of chain) {
    const before = script.notes.length;
    const step = pyStep(node, script);
    steps.push(...script.takeNotes(before), step);
  }
  const target = script.names.take(hint);
  script.addChain(target, base, steps, comments);
  return target;
}

const JOIN_TYPES: Readonly<Record<JoinNode['how'], string>> = {
  inner: 'inner',
  left: 'left',
  right: 'right',
  full: 'full',
  left_semi: 'left_semi',
  left_anti: 'left_anti',
  cross: 'cross',
};

function joinCall(node: JoinNode, script: PySparkScript): string {
  const left = writeDataFrame(node.left, script, 'left');
  const right = writeDataFrame(node.right, script, 'right');
  if (node.how === 'cross' && node.using === undefined && node.condition === undefined)
    return `${left}.crossJoin(${right})`;
  const on =
    node.using !== undefined
      ? pyStrList(node.using)
      : node.condition !== undefined
        ? pyColumn(node.condition, script)
        : null;
  return `${left}.join(${right}, ${on === null ? '' : `on=${on}, `}how=${pyStr(JOIN_TYPES[node.how])})`;
}

function unionCall(node: UnionNode, script: PySparkScript): string {
  const parts = node.inputs.map((input, i) => writeDataFrame(input, script, `part_${i + 1}`));
  const method = node.byName ? 'unionByName' : 'union';
  return parts.slice(1).reduce((acc, part) => `${acc}.${method}(${part})`, parts[0]);
}

/** `spark.createDataFrame([...], schema)`; timestamps (µs) and dates (days) become datetime values. */
function writeLocalRelation(node: LocalRelationNode, script: PySparkScript): string {
  const schema = toStructType(node.schema as object);
  const schemaVar = script.names.take('schema');
  script.addBlock(pySchemaChain(schemaVar, schema, script.typeImports));
  const rows = node.rows.map(
    (row) =>
      `(${row.map((v, i) => pyValue(v, schema.fields[i]?.dataType, script)).join(', ')}${row.length === 1 ? ',' : ''})`,
  );
  const variable = script.names.take('data');
  const list =
    rows.length === 0 ? '[]' : ['[', ...rows.map((r) => `        ${r},`), '    ]'].join('\n');
  script.addBlock([
    `${variable} = spark.createDataFrame(`,
    `    ${list},`,
    `    ${schemaVar},`,
    ')',
  ]);
  return variable;
}

function pyValue(v: unknown, type: DataType | undefined, script: PySparkScript): string {
  if (v === null || v === undefined) return 'None';
  if (type instanceof TimestampType && typeof v === 'number') {
    script.stdImports.add('from datetime import datetime, timedelta, timezone');
    return `datetime(1970, 1, 1, tzinfo=timezone.utc) + timedelta(microseconds=${v})`;
  }
  if (type instanceof TimestampType && typeof v === 'string') {
    script.stdImports.add('from datetime import datetime, timedelta, timezone');
    return `datetime.fromisoformat(${pyStr(v)})`;
  }
  if (type instanceof DateType && typeof v === 'number') {
    script.stdImports.add('from datetime import date, timedelta');
    return `date(1970, 1, 1) + timedelta(days=${v})`;
  }
  if (Array.isArray(v)) {
    const element = type instanceof ArrayType ? type.elementType : undefined;
    return `[${v.map((x) => pyValue(x, element, script)).join(', ')}]`;
  }
  if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>);
    if (type instanceof StructType)
      return `(${entries.map(([k, x]) => pyValue(x, type.field(k)?.dataType, script)).join(', ')}${entries.length === 1 ? ',' : ''})`;
    const valueType = type instanceof MapType ? type.valueType : undefined;
    return `{${entries.map(([k, x]) => `${pyStr(k)}: ${pyValue(x, valueType, script)}`).join(', ')}}`;
  }
  if (
    typeof v === 'number' &&
    type !== undefined &&
    (type.typeName === 'double' || type.typeName === 'float')
  )
    return pyNumber(v, true);
  return pyScalar(v as string | number | boolean);
}
