/**
 * `toTypeScript(spec)`: a runnable program in Tidemark's TypeScript API for a query,
 * written as a person would write it: the import from 'tidemark', the Session, the schema
 * as a StructType chain, the reader, one DataFrame method per plan node (expressions as
 * `expr('<Spark SQL>')`), and the DataStreamWriter (for a QuerySpec) or `show()` (for a
 * static plan). Running it builds the same plan, so it computes the same rows.
 *
 * The structure follows toPySpark (to-pyspark.ts): leaves and multi-input nodes start a
 * statement, a run of single-input nodes above them is one method chain. Output is
 * deterministic (same spec → same text).
 */
import type {
  AggregateNode,
  JoinNode,
  LogicalPlan,
  QuerySpec,
  UnionNode,
} from '../plan/logical-plan';
import { tsExpr } from './typescript-column';
import { tsStr, tsStrList } from './typescript-literals';
import { commentLines, type MethodCall, TypeScriptProgram } from './typescript-program';
import { writeSink } from './typescript-sink';
import { writeLocalRelation, writeSource } from './typescript-source';
import { tsStep } from './typescript-steps';
import { isSecretSetting } from './s3-export';

export interface TypeScriptExportOptions {
  /** `Session.builder().appName(...)` (default: the query name, else "tidemark-export"). */
  readonly appName?: string;
  /** Session settings the query ran with, as `.config(key, value)` calls. */
  readonly conf?: Readonly<Record<string, string>>;
}

function isQuerySpec(spec: QuerySpec | LogicalPlan): spec is QuerySpec {
  return 'sink' in spec && 'plan' in spec;
}

export function toTypeScript(
  spec: QuerySpec | LogicalPlan,
  options: TypeScriptExportOptions = {},
): string {
  const plan = isQuerySpec(spec) ? spec.plan : spec;
  const program = new TypeScriptProgram();
  const queryName = isQuerySpec(spec) ? spec.sink.queryName : undefined;
  const df = writeDataFrame(plan, program, queryName ?? 'result');
  if (isQuerySpec(spec)) writeSink(df, spec.sink, program);
  else program.addBlock([`await ${df}.show();`]);

  const appName = options.appName ?? queryName ?? 'tidemark-export';
  return [
    `// ${isQuerySpec(spec) ? 'A Tidemark Structured Streaming program' : 'Tidemark DataFrame code'} exported by Tidemark.`,
    '// Save it as a .mts file (an ES module) and run it with Node 20+: npx tsx <file>.mts',
    `import { ${[...program.imports].sort().join(', ')} } from 'tidemark';`,
    '',
    ...sessionBlock(appName, options.conf ?? {}),
    '',
    program.body(),
    '',
  ].join('\n');
}

function sessionBlock(appName: string, conf: Readonly<Record<string, string>>): string[] {
  // S3 keys in the session conf (spark.hadoop.fs.s3a.secret.key …) are never written out.
  const keys = Object.keys(conf)
    .filter((k) => !isSecretSetting(k))
    .sort();
  if (keys.length === 0)
    return [`const spark = Session.builder().appName(${tsStr(appName)}).getOrCreate();`];
  return [
    'const spark = Session.builder()',
    `  .appName(${tsStr(appName)})`,
    ...keys.map((k) => `  .config(${tsStr(k)}, ${tsStr(conf[k])})`),
    '  .getOrCreate();',
  ];
}

type SingleInputNode = Extract<LogicalPlan, { input: LogicalPlan }>;

/** An aggregate over grouping sets: the API has no method for it (see groupingSetsCall). */
function hasGroupingSets(p: LogicalPlan): p is AggregateNode {
  return p.op === 'aggregate' && p.groupingSets !== undefined;
}

function chainable(p: LogicalPlan): p is SingleInputNode {
  return 'input' in p && !hasGroupingSets(p);
}

/**
 * Writes the statements computing `plan` and returns the variable holding it: leaves,
 * multi-input nodes and grouping-sets aggregates start a statement, a run of single-input
 * nodes above them becomes one method chain.
 */
function writeDataFrame(plan: LogicalPlan, program: TypeScriptProgram, hint: string): string {
  const chain: SingleInputNode[] = [];
  let p: LogicalPlan = plan;
  while (chainable(p)) {
    chain.unshift(p);
    p = p.input;
  }
  let base: string;
  switch (p.op) {
    case 'source':
      base = writeSource(p, program);
      break;
    case 'localRelation':
      base = writeLocalRelation(p, program);
      break;
    case 'table':
      base = `spark.table(${tsStr(p.name)})`;
      break;
    case 'join':
      base = joinCall(p, program);
      break;
    case 'union':
      base = unionCall(p, program);
      break;
    default:
      // Only a grouping-sets aggregate stops the chain among single-input nodes.
      base = groupingSetsCall(p as AggregateNode, program);
      break;
  }
  // A leaf or a grouping-sets aggregate is already a variable of its own.
  if (chain.length === 0 && /^[A-Za-z_$][\w$]*$/.test(base)) return base;
  const calls: MethodCall[] = chain.flatMap((node) => tsStep(node, program.imports));
  const target = program.names.take(hint);
  program.addChain(target, base, calls);
  return target;
}

function joinCall(node: JoinNode, program: TypeScriptProgram): string {
  const left = writeDataFrame(node.left, program, 'left');
  const right = writeDataFrame(node.right, program, 'right');
  if (node.using === undefined && node.condition === undefined) {
    if (node.how === 'cross') return `${left}.crossJoin(${right})`;
    return `${left}.join(${right}, undefined, ${tsStr(node.how)})`;
  }
  const on =
    node.condition !== undefined
      ? tsExpr(node.condition, program.imports)
      : tsStrList(node.using ?? []);
  return `${left}.join(${right}, ${on}, ${tsStr(node.how)})`;
}

function unionCall(node: UnionNode, program: TypeScriptProgram): string {
  const parts = node.inputs.map((input, i) => writeDataFrame(input, program, `part ${i + 1}`));
  const method = node.byName ? 'unionByName' : 'union';
  return parts.slice(1).reduce((acc, part) => `${acc}.${method}(${part})`, parts[0]);
}

/**
 * DataFrame has no groupingSets method (SQL's GROUPING SETS builds these), so the program
 * builds the node itself with the public DataFrame constructor, from the same expressions.
 */
function groupingSetsCall(node: AggregateNode, program: TypeScriptProgram): string {
  const input = writeDataFrame(node.input, program, 'grouped input');
  program.imports.add('DataFrame');
  const exprs = (list: readonly string[]): string => `[${list.map((e) => `${e}.expr`).join(', ')}]`;
  const sets = (node.groupingSets ?? []).map((set) => `[${set.join(', ')}]`);
  const variable = program.names.take('grouping sets');
  program.addBlock([
    ...commentLines(
      'DataFrame has no groupingSets(); this builds the plan node GROUPING SETS gives.',
    ),
    `const ${variable} = new DataFrame(`,
    '  {',
    "    op: 'aggregate',",
    `    kind: ${tsStr(node.kind)},`,
    `    input: ${input}.plan,`,
    `    groupBy: ${exprs(node.groupBy.map((e) => tsExpr(e, program.imports)))},`,
    `    aggregates: ${exprs(node.aggregates.map((e) => tsExpr(e, program.imports)))},`,
    `    groupingSets: [${sets.join(', ')}],`,
    '  },',
    '  spark,',
    ');',
  ]);
  return variable;
}
