/**
 * `df.explain()`: the plan as an indented tree in the style of Spark's analyzed logical
 * plan (`Aggregate [s], [s, count(1) AS count]` over `Project [...]` …), one line per node.
 */
import type { Expr } from '../expr/ast';
import { exprToSQL } from '../expr/index';
import { inputsOf, type LogicalPlan } from './logical-plan';

export function explainString(plan: LogicalPlan): string {
  const lines: string[] = [];
  const walk = (p: LogicalPlan, prefix: string, childPrefix: string): void => {
    lines.push(prefix + describe(p));
    const kids = inputsOf(p);
    kids.forEach((k, i) => {
      const last = i === kids.length - 1;
      walk(k, childPrefix + (last ? '+- ' : ':- '), childPrefix + (last ? '   ' : ':  '));
    });
  };
  walk(plan, '', '');
  return lines.join('\n') + '\n';
}

const list = (es: readonly Expr[]): string => `[${es.map(exprToSQL).join(', ')}]`;

function describe(p: LogicalPlan): string {
  switch (p.op) {
    case 'source':
      return `${p.streaming ? 'StreamingRelation' : 'Relation'} ${p.format}${p.path !== undefined ? `[${p.path}]` : ''}`;
    case 'localRelation':
      return `LocalRelation [${p.rows.length} rows]`;
    case 'table':
      return `SubqueryAlias ${p.name}`;
    case 'project':
      return `Project ${list(p.exprs)}`;
    case 'filter':
      return `Filter ${exprToSQL(p.condition)}`;
    case 'withColumns':
      return `WithColumns [${p.names.map((n, i) => `${exprToSQL(p.exprs[i])} AS ${n}`).join(', ')}]`;
    case 'withColumnsRenamed':
      return `WithColumnsRenamed [${p.renames.map(([a, b]) => `${a} -> ${b}`).join(', ')}]`;
    case 'drop':
      return `Drop [${p.columns.join(', ')}]`;
    case 'naDrop':
      return `NaDrop how=${p.how}${p.thresh !== undefined ? ` thresh=${p.thresh}` : ''}${p.subset ? ` subset=[${p.subset.join(', ')}]` : ''}`;
    case 'naFill':
      return `NaFill ${JSON.stringify(p.value)}${p.subset ? ` subset=[${p.subset.join(', ')}]` : ''}`;
    case 'aggregate': {
      const kind =
        p.kind === 'groupBy'
          ? 'Aggregate'
          : p.kind === 'cube'
            ? 'Aggregate (cube)'
            : 'Aggregate (rollup)';
      return `${kind} ${list(p.groupBy)}, ${list(p.aggregates)}`;
    }
    case 'watermark':
      return `EventTimeWatermark ${p.column}, ${p.delay}`;
    case 'sort':
      return `Sort ${list(p.orders)}`;
    case 'limit':
      return `Limit ${p.n}`;
    case 'deduplicate':
      return `${p.withinWatermark ? 'DeduplicateWithinWatermark' : 'Deduplicate'} [${(p.columns ?? ['*']).join(', ')}]`;
    case 'join':
      return `Join ${p.how}${p.using ? `, using [${p.using.join(', ')}]` : ''}${p.condition ? `, ${exprToSQL(p.condition)}` : ''}`;
    case 'union':
      return p.byName ? 'Union (by name)' : 'Union';
  }
}
