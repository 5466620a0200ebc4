/**
 * PySpark's GroupedData (RelationalGroupedDataset): what groupBy/cube/rollup return.
 * `agg` takes aggregate Columns or a {column: function} map; `count()` names its column
 * `count`; sum/avg/mean/min/max without columns apply to every numeric column, and a
 * named non-numeric column is refused as Spark does (_LEGACY_ERROR_TEMP_1323).
 */
import { AnalysisException } from '../errors';
import type { Expr } from '../expr/ast';
import { Column } from '../expr/column';
import { isNumeric } from '../types/data-types';
import { columnNamed, toExpr } from './column-args';
import { DataFrame } from './dataframe';
import type { AggregateNode } from './logical-plan';
import { findColumnIndex } from './resolve-columns';

export class GroupedData {
  constructor(
    readonly df: DataFrame,
    readonly groupingExprs: readonly Expr[],
    readonly kind: AggregateNode['kind'],
  ) {}

  agg(...exprs: (Column | Readonly<Record<string, string>>)[]): DataFrame {
    const aggregates: Expr[] = exprs.flatMap((e) =>
      e instanceof Column
        ? [toExpr(e)]
        : Object.entries(e as Readonly<Record<string, string>>).map(([c, fn]) =>
            dictAggregate(c, fn),
          ),
    );
    return this.aggregate(aggregates);
  }

  count(): DataFrame {
    return this.aggregate([
      {
        kind: 'alias',
        arg: {
          kind: 'call',
          name: 'count',
          args: [{ kind: 'literal', value: 1, dataType: 'int' }],
        },
        name: 'count',
      },
    ]);
  }
  sum(...cols: string[]): DataFrame {
    return this.numeric('sum', cols);
  }
  avg(...cols: string[]): DataFrame {
    return this.numeric('avg', cols);
  }
  mean(...cols: string[]): DataFrame {
    return this.numeric('avg', cols);
  }
  min(...cols: string[]): DataFrame {
    return this.numeric('min', cols);
  }
  max(...cols: string[]): DataFrame {
    return this.numeric('max', cols);
  }

  private numeric(fn: string, cols: readonly string[]): DataFrame {
    const schema = this.df.schema;
    const caseSensitive = this.df.session.exprConf().caseSensitive;
    const names =
      cols.length === 0
        ? schema.fields.filter((f) => isNumeric(f.dataType)).map((f) => f.name)
        : cols.map((c) => {
            const i = findColumnIndex(schema, c, caseSensitive);
            if (i >= 0 && !isNumeric(schema.fields[i].dataType)) {
              throw new AnalysisException(
                '_LEGACY_ERROR_TEMP_1323',
                `"${c}" is not a numeric column. Aggregation function can only be applied on a numeric column.`,
                {
                  messageParameters: { colName: c },
                },
              );
            }
            return c;
          });
    return this.aggregate(names.map((n) => ({ kind: 'call', name: fn, args: [columnNamed(n)] })));
  }

  private aggregate(aggregates: readonly Expr[]): DataFrame {
    const node: AggregateNode = {
      op: 'aggregate',
      input: this.df.plan,
      groupBy: this.groupingExprs,
      aggregates,
      kind: this.kind,
    };
    return new DataFrame(node, this.df.session);
  }
}

/** `{'x': 'avg'}` → avg(x); `{'*': 'count'}` → count(1), as RelationalGroupedDataset.strToExpr. */
function dictAggregate(column: string, fn: string): Expr {
  const name = fn.toLowerCase() === 'mean' ? 'avg' : fn.toLowerCase();
  if (column === '*' && name === 'count')
    return { kind: 'call', name: 'count', args: [{ kind: 'literal', value: 1, dataType: 'int' }] };
  return { kind: 'call', name, args: [columnNamed(column)] };
}
