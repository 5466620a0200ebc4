/**
 * The aggregate picker's rows: `fn(column) AS alias` as function + column + alias, the way
 * the lab writes `avg("x").alias("avg_x")`. The draft keeps Spark SQL text (the engine
 * parses it); an aggregate the picker cannot show as parts (an expression inside, a
 * FILTER clause) stays editable as text.
 */

export interface AggregateParts {
  readonly fn: string;
  /** A column name, or '*' for count(*). */
  readonly column: string;
  /** '' for Spark's default name (`avg(x)`). */
  readonly alias: string;
}

/** The aggregate functions the picker offers (Spark's names; the engine checks the types). */
export const AGGREGATE_FUNCTIONS: readonly string[] = [
  'count',
  'sum',
  'avg',
  'min',
  'max',
  'count_distinct',
  'approx_count_distinct',
  'first',
  'last',
  'stddev',
  'variance',
  'collect_list',
  'collect_set',
];

const NAME = String.raw`(\`(?:[^\`]|\`\`)+\`|[A-Za-z_][A-Za-z0-9_]*)`;
const PATTERN = new RegExp(
  String.raw`^\s*([A-Za-z_][A-Za-z0-9_]*)\s*\(\s*(\*|${NAME})\s*\)(?:\s+AS\s+${NAME})?\s*$`,
  'i',
);

const unquote = (s: string): string => (s.startsWith('`') ? s.slice(1, -1).replace(/``/g, '`') : s);
const quote = (s: string): string =>
  /^[A-Za-z_][A-Za-z0-9_]*$/.test(s) ? s : '`' + s.replace(/`/g, '``') + '`';

export function parseAggregate(text: string): AggregateParts | null {
  const m = PATTERN.exec(text);
  if (m === null) return null;
  return {
    fn: m[1].toLowerCase(),
    column: unquote(m[2]),
    alias: m[4] === undefined ? '' : unquote(m[4]),
  };
}

export function aggregateText(parts: AggregateParts): string {
  const column = parts.column === '*' ? '*' : quote(parts.column);
  const call = `${parts.fn}(${column})`;
  return parts.alias.trim() === '' ? call : `${call} AS ${quote(parts.alias.trim())}`;
}
