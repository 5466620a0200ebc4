/**
 * Splits one SELECT block into its clauses by finding the clause keywords at the block's
 * own nesting level. Keywords inside parentheses (`count(DISTINCT x)`, `EXTRACT(YEAR FROM
 * ts)`) and `IS [NOT] DISTINCT FROM` do not count. Clauses must come in the order of
 * Spark's grammar (SqlBaseParser.g4: querySpecification, then queryOrganization); one out
 * of place is a PARSE_SYNTAX_ERROR at its keyword.
 */
import type { SqlToken } from './sql-tokens';
import { syntaxError, unsupportedSql } from './sql-syntax-error';
import { isKeyword } from './token-cursor';

/** Token indices [from, to) of a clause's body (after its keywords). */
export interface TokenRange {
  readonly from: number;
  readonly to: number;
}

export interface SelectClauses {
  readonly distinct: boolean;
  readonly select: TokenRange;
  readonly from?: TokenRange;
  readonly where?: TokenRange;
  readonly groupBy?: TokenRange;
  readonly having?: TokenRange;
  readonly orderBy?: TokenRange;
  readonly limit?: TokenRange;
}

type ClauseName = 'from' | 'where' | 'groupBy' | 'having' | 'orderBy' | 'limit';

/** Rank = position in the grammar; a clause may only follow clauses of lower rank. */
const CLAUSES: readonly { name: ClauseName; words: readonly string[] }[] = [
  { name: 'from', words: ['FROM'] },
  { name: 'where', words: ['WHERE'] },
  { name: 'groupBy', words: ['GROUP', 'BY'] },
  { name: 'having', words: ['HAVING'] },
  { name: 'orderBy', words: ['ORDER', 'BY'] },
  { name: 'limit', words: ['LIMIT'] },
];

/** Hive-style clauses Spark parses but Tidemark has no plan node for. */
const UNSUPPORTED: readonly (readonly string[])[] = [
  ['SORT', 'BY'],
  ['CLUSTER', 'BY'],
  ['DISTRIBUTE', 'BY'],
  ['LATERAL', 'VIEW'],
];

/** `tokens[from]` must be SELECT; the block ends at `to`. */
export function splitSelectClauses(
  text: string,
  tokens: readonly SqlToken[],
  from: number,
  to: number,
): SelectClauses {
  const depth = tokens[from].depth;
  let i = from + 1;
  let distinct = false;
  if (isKeyword(tokens[i], 'DISTINCT')) {
    distinct = true;
    i++;
  } else if (isKeyword(tokens[i], 'ALL')) {
    i++;
  }
  const found: { name: ClauseName | 'select'; bodyFrom: number; keywordAt: number }[] = [
    { name: 'select', bodyFrom: i, keywordAt: from },
  ];
  let rank = -1;
  for (let k = i; k < to; k++) {
    const t = tokens[k];
    if (t.depth !== depth || t.kind !== 'word') continue;
    const unsupported = UNSUPPORTED.find((words) => matchesAt(tokens, k, to, words));
    if (unsupported) throw unsupportedSql(text, t, unsupported.join(' '));
    // OFFSET is a clause only before a count; elsewhere it is a column name (Kafka's `offset`).
    if (t.value === 'OFFSET' && tokens[k + 1]?.kind === 'number' && k + 1 < to)
      throw unsupportedSql(text, t, 'OFFSET');
    const clause = CLAUSES.findIndex((c) => matchesAt(tokens, k, to, c.words));
    if (clause < 0) continue;
    if (CLAUSES[clause].name === 'from' && isDistinctFrom(tokens, k)) continue;
    if (clause <= rank) throw syntaxError(text, t);
    rank = clause;
    found.push({
      name: CLAUSES[clause].name,
      bodyFrom: k + CLAUSES[clause].words.length,
      keywordAt: k,
    });
    k += CLAUSES[clause].words.length - 1;
  }
  const ranges: Partial<Record<ClauseName | 'select', TokenRange>> = {};
  found.forEach((f, n) => {
    const end = n + 1 < found.length ? found[n + 1].keywordAt : to;
    ranges[f.name] = { from: f.bodyFrom, to: end };
  });
  return { distinct, select: ranges.select!, ...withoutSelect(ranges) };
}

function withoutSelect(
  ranges: Partial<Record<ClauseName | 'select', TokenRange>>,
): Omit<SelectClauses, 'distinct' | 'select'> {
  const { select: _select, ...rest } = ranges;
  return rest;
}

function matchesAt(
  tokens: readonly SqlToken[],
  k: number,
  to: number,
  words: readonly string[],
): boolean {
  return k + words.length <= to && words.every((w, j) => isKeyword(tokens[k + j], w));
}

/** `a IS [NOT] DISTINCT FROM b`: this FROM belongs to the comparison. */
function isDistinctFrom(tokens: readonly SqlToken[], k: number): boolean {
  if (!isKeyword(tokens[k - 1], 'DISTINCT')) return false;
  return (
    isKeyword(tokens[k - 2], 'IS') ||
    (isKeyword(tokens[k - 2], 'NOT') && isKeyword(tokens[k - 3], 'IS'))
  );
}
