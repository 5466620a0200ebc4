/**
 * PySpark's DataFrameNaFunctions (`df.na`): drop(how, thresh, subset) and
 * fill(value, subset), with PySpark's argument forms (positional or an options object;
 * `subset` as one name or a list). The semantics are in resolve-na.ts.
 */
import { AnalysisException } from '../errors';
import { DataFrame } from './dataframe';
import type { NaDropNode, NaFillNode } from './logical-plan';

export interface NaDropOptions {
  readonly how?: 'any' | 'all';
  readonly thresh?: number;
  readonly subset?: string | readonly string[];
}

type FillValue = string | number | boolean | Readonly<Record<string, string | number | boolean>>;

export class DataFrameNaFunctions {
  constructor(private readonly df: DataFrame) {}

  drop(
    how?: 'any' | 'all' | NaDropOptions,
    thresh?: number,
    subset?: string | readonly string[],
  ): DataFrame {
    const o: NaDropOptions = typeof how === 'object' ? how : { how, thresh, subset };
    const h = o.how ?? 'any';
    if (h !== 'any' && h !== 'all') {
      throw new AnalysisException(
        'VALUE_NOT_ANY_OR_ALL',
        `Value for \`how\` must be 'any' or 'all', got '${String(h)}'.`,
        {
          messageParameters: { arg_name: 'how', arg_value: String(h) },
        },
      );
    }
    const node: NaDropNode = {
      op: 'naDrop',
      input: this.df.plan,
      how: h,
      ...(o.thresh !== undefined && o.thresh !== null ? { thresh: o.thresh } : {}),
      ...(o.subset !== undefined && o.subset !== null ? { subset: asList(o.subset) } : {}),
    };
    return this.derive(node);
  }

  fill(value: FillValue, subset?: string | readonly string[]): DataFrame {
    const node: NaFillNode = {
      op: 'naFill',
      input: this.df.plan,
      value,
      ...(subset !== undefined && subset !== null ? { subset: asList(subset) } : {}),
    };
    return this.derive(node);
  }

  private derive(node: NaDropNode | NaFillNode): DataFrame {
    return new DataFrame(node, this.df.session);
  }
}

function asList(x: string | readonly string[]): string[] {
  return typeof x === 'string' ? [x] : [...x];
}
