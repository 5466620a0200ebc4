/**
 * Column pruning for file sources (Spark's ColumnPruning rule + FileSourceStrategy's
 * `requiredSchema`): which columns of each source the plan above it reads, so readers convert
 * only those and leave the others NULL.
 *
 * Walks the logical plan top-down carrying the names the parent needs (`null` = every column
 * of the node's output). It is conservative: names are compared case-insensitively (a wider
 * match only reads more), all name parts of a reference count (qualifiers and struct fields
 * included), and any node whose needs it cannot name exactly (a `*`, union by position,
 * `distinct()`, `na.drop()` without a subset) asks for every column.
 *
 * `columnNameOfCorruptRecord`: Spark parses only the required fields, so which records are
 * corrupt depends on them. A json/csv source whose required columns are the corrupt column
 * alone is refused as JsonFileFormat/CSVFileFormat.buildReader do (Spark 4's
 * UNSUPPORTED_FEATURE.QUERY_ONLY_CORRUPT_RECORD_COLUMN, `_LEGACY_ERROR_TEMP_1285` in 3.x):
 * with nothing else to parse, no record could be found corrupt. When other columns are read
 * too, the source reads every column, so a record is corrupt exactly as without pruning.
 */
import { AnalysisException } from '../errors';
import { childrenOf, type Expr } from '../expr/ast';
import type { LogicalPlan } from './logical-plan';

/** Names needed from a node's output; null = all of them. */
type Needed = ReadonlySet<string> | null;

/** Per source id: the lower-cased names the plan reads, or null for every column. */
export type RequiredBySource = Map<string, Set<string> | null>;

/**
 * The columns read from each source of `plan` (looked up through temp views with `view`).
 * A source absent from the map is not read by the plan at all.
 */
export function requiredColumnsBySource(
  plan: LogicalPlan,
  view: (name: string) => LogicalPlan | undefined,
): RequiredBySource {
  const out: RequiredBySource = new Map();
  visit(plan, null, out, view, 0);
  return out;
}

/**
 * The `requiredColumns` to hand a reader for a source with these field names: undefined when
 * every column is needed (or the corrupt-record column is among them, see the header).
 * `format` (json, csv, …), when given, turns on Spark's refusal of a json/csv read of the
 * corrupt column alone; other formats have no corrupt column and read it like any other.
 */
export function requiredFieldNames(
  fieldNames: readonly string[],
  needed: Set<string> | null | undefined,
  corruptColumn: string,
  format?: string,
): string[] | undefined {
  if (needed === null || needed === undefined) return undefined;
  const names = fieldNames.filter((n) => needed.has(n.toLowerCase()));
  if (!fieldNames.includes(corruptColumn) || !names.includes(corruptColumn)) {
    return names.length === fieldNames.length ? undefined : names;
  }
  // Spark compares the schema's field name with the option exactly (`requiredSchema.head.name ==
  // columnNameOfCorruptRecord`); the reference itself may be spelled in any case.
  if (names.length === 1 && format !== undefined && RAW_FORMATS.has(format.toLowerCase())) {
    throw queryOnlyCorruptRecordColumnError();
  }
  return undefined;
}

/** Formats whose reader fills a corrupt-record column (Spark's JSON and CSV FileFormats). */
const RAW_FORMATS: ReadonlySet<string> = new Set(['json', 'csv']);

/** QueryCompilationErrors.queryFromRawFilesIncludeCorruptRecordColumnError, Spark 4.1's text. */
export function queryOnlyCorruptRecordColumnError(): AnalysisException {
  return new AnalysisException(
    'UNSUPPORTED_FEATURE.QUERY_ONLY_CORRUPT_RECORD_COLUMN',
    [
      'The feature is not supported: Queries from raw JSON/CSV/XML files are disallowed when the',
      'referenced columns only include the internal corrupt record column',
      '(named `_corrupt_record` by default). For example:',
      '`spark.read.schema(schema).json(file).filter($"_corrupt_record".isNotNull).count()`',
      'and `spark.read.schema(schema).json(file).select("_corrupt_record").show()`.',
      'Instead, you can cache or save the parsed results and then send the same query.',
      'For example, `val df = spark.read.schema(schema).json(file).cache()` and then',
      '`df.filter($"_corrupt_record".isNotNull).count()`.',
    ].join('\n'),
    { sqlState: '0A000' },
  );
}

function visit(
  p: LogicalPlan,
  needed: Needed,
  out: RequiredBySource,
  view: (name: string) => LogicalPlan | undefined,
  depth: number,
): void {
  const go = (child: LogicalPlan, n: Needed): void => visit(child, n, out, view, depth + 1);
  switch (p.op) {
    case 'source': {
      const prev = out.get(p.id);
      if (prev === null) return;
      if (needed === null) out.set(p.id, null);
      else out.set(p.id, new Set([...(prev ?? []), ...needed]));
      return;
    }
    case 'localRelation':
      return;
    case 'table': {
      // A view naming itself (or a cycle) is rejected by the analyzer; the bound keeps us finite.
      const v = depth < 64 ? view(p.name) : undefined;
      if (v !== undefined) go(v, needed);
      return;
    }
    case 'project':
      return go(p.input, namesOf(p.exprs, new Set()));
    case 'aggregate':
      return go(p.input, namesOf([...p.groupBy, ...p.aggregates], new Set()));
    case 'filter':
      return go(p.input, widen(needed, [p.condition]));
    case 'withColumns':
      return go(p.input, widen(needed, p.exprs));
    case 'withColumnsRenamed':
      return go(p.input, plus(needed, p.renames.map(([from]) => from)));
    case 'drop':
    case 'limit':
    case 'naFill':
      return go(p.input, needed);
    case 'naDrop':
      return go(p.input, p.subset === undefined ? null : plus(needed, p.subset));
    case 'watermark':
      return go(p.input, plus(needed, [p.column]));
    case 'sort':
      return go(p.input, widen(needed, p.orders));
    case 'deduplicate':
      return go(p.input, p.columns === undefined ? null : plus(needed, p.columns));
    case 'join': {
      let n = plus(needed, p.using ?? []);
      if (p.condition !== undefined) n = widen(n, [p.condition]);
      go(p.left, n);
      go(p.right, n);
      return;
    }
    case 'union':
      for (const input of p.inputs) go(input, p.byName === true ? needed : null);
      return;
    default:
      for (const input of inputsOfUnknown(p)) go(input, null);
  }
}

/** A node kind this walk does not know yet: read everything below it. */
function inputsOfUnknown(p: LogicalPlan): LogicalPlan[] {
  const o = p as unknown as { input?: LogicalPlan; inputs?: LogicalPlan[]; left?: LogicalPlan; right?: LogicalPlan };
  return [o.input, ...(o.inputs ?? []), o.left, o.right].filter((x): x is LogicalPlan => x !== undefined);
}

function plus(needed: Needed, names: readonly string[]): Needed {
  if (needed === null) return null;
  const s = new Set(needed);
  for (const n of names) s.add(n.toLowerCase());
  return s;
}

function widen(needed: Needed, exprs: readonly Expr[]): Needed {
  return needed === null ? null : namesOf(exprs, new Set(needed));
}

/** Adds every column name the expressions read; null when one reads `*` (all columns). */
function namesOf(exprs: readonly Expr[], into: Set<string>): Set<string> | null {
  const stack = [...exprs];
  while (stack.length > 0) {
    const e = stack.pop()!;
    if (e.kind === 'column') {
      for (const part of e.name) into.add(part.toLowerCase());
      continue;
    }
    if (e.kind === 'star') return null;
    // count(*) counts rows and reads no column (Spark rewrites it to count(1)).
    if (e.kind === 'call' && e.name.toLowerCase() === 'count' && e.args.length === 1 && e.args[0].kind === 'star') continue;
    stack.push(...childrenOf(e));
  }
  return into;
}
