/**
 * One SELECT block being assembled by `toSparkSQL`, with its clauses in Spark's evaluation
 * order (FROM → WHERE → GROUP BY → SELECT → DISTINCT → ORDER BY → LIMIT). A plan node that
 * would have to run before a clause already set (a filter above a projection, say) wraps
 * the block as a subquery and starts a new one, so the SQL keeps the plan's order.
 */
import type { DataType } from '../types/data-types';

/** An output column: its name and, where the export can tell, its type (na.drop needs it for NaN). */
export interface SqlColumn {
  readonly name: string;
  readonly type?: DataType;
}

export class SqlQueryBlock {
  select: string[] | null = null;
  distinct = false;
  readonly where: string[] = [];
  groupBy: string | null = null;
  orderBy: string[] | null = null;
  limit: number | null = null;

  /**
   * @param from a table name or `(<subquery>) AS qN`
   * @param columns the block's output columns, or null when the export cannot know them
   */
  constructor(
    readonly from: string,
    public columns: readonly SqlColumn[] | null,
  ) {}

  /** Clauses evaluated after WHERE are set, so a new filter, projection or aggregation must wrap this block. */
  get pastWhere(): boolean {
    return (
      this.select !== null ||
      this.groupBy !== null ||
      this.distinct ||
      this.orderBy !== null ||
      this.limit !== null
    );
  }
  /** A new ORDER BY must wrap this block. */
  get pastOrder(): boolean {
    return this.orderBy !== null || this.limit !== null;
  }

  toSQL(): string {
    const lines = [
      `SELECT ${this.distinct ? 'DISTINCT ' : ''}${this.select === null ? '*' : this.select.join(', ')}`,
      `FROM ${this.from}`,
    ];
    if (this.where.length > 0) lines.push(`WHERE ${this.where.join(' AND ')}`);
    if (this.groupBy !== null) lines.push(`GROUP BY ${this.groupBy}`);
    if (this.orderBy !== null) lines.push(`ORDER BY ${this.orderBy.join(', ')}`);
    if (this.limit !== null) lines.push(`LIMIT ${this.limit}`);
    return lines.join('\n');
  }

  /** This block as a FROM item: `(\n  SELECT ...\n) AS alias`. */
  asSubquery(alias: string): string {
    return `(\n${indent(this.toSQL())}\n) AS ${alias}`;
  }
}

export function indent(sql: string): string {
  return sql
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}
