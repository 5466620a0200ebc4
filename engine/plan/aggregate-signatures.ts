/**
 * Result types of the aggregate functions the engine executes, as Spark's
 * expressions/aggregate/*.scala declare them (Count, Sum, Average, Min/Max, First/Last,
 * CollectList/CollectSet, CentralMomentAgg). The accumulators that compute them live in
 * exec/aggregate/; this table is what the analyzer needs to type an Aggregate's output.
 */
import { AnalysisException } from '../errors';
import {
  ArrayType,
  DecimalType,
  StringType,
  T,
  isFractional,
  isIntegral,
  isNumeric,
  isOrderable,
  type DataType,
} from '../types/data-types';

export interface AggregateSignature {
  /** Canonical name in the accumulator registry. */
  readonly fn: string;
  readonly dataType: DataType;
  readonly nullable: boolean;
  /** Type each column argument is cast to before accumulating (Spark's implicit casts), if any. */
  readonly castArgTo?: DataType;
}

/** Aliases Spark registers for the same aggregate (FunctionRegistry). */
export const CANONICAL: Readonly<Record<string, string>> = {
  mean: 'avg',
  std: 'stddev_samp',
  stddev: 'stddev_samp',
  variance: 'var_samp',
  first_value: 'first',
  last_value: 'last',
  any_value: 'first',
};

export function canonicalAggregateName(name: string): string {
  const lower = name.toLowerCase();
  return CANONICAL[lower] ?? lower;
}

/** Names with an accumulator in exec/aggregate (after canonicalisation). */
export const SUPPORTED_AGGREGATES: readonly string[] = [
  'count',
  'approx_count_distinct',
  'sum',
  'avg',
  'min',
  'max',
  'first',
  'last',
  'collect_list',
  'collect_set',
  'stddev_samp',
  'stddev_pop',
  'var_samp',
  'var_pop',
];

/**
 * The signature of `name(argTypes)`. `sqlExpr` is the call's SQL text for error messages.
 * Throws DATATYPE_MISMATCH as Spark's checkInputDataTypes does.
 */
export function aggregateSignature(
  name: string,
  argTypes: readonly DataType[],
  sqlExpr: string,
  isCountStar: boolean,
): AggregateSignature {
  const fn = canonicalAggregateName(name);
  const t = argTypes[0];
  switch (fn) {
    case 'count':
    case 'approx_count_distinct':
      return { fn, dataType: T.long, nullable: false };
    case 'sum':
      if (t instanceof DecimalType)
        return {
          fn,
          dataType: new DecimalType(Math.min(t.precision + 10, 38), t.scale),
          nullable: true,
        };
      if (isIntegral(t)) return { fn, dataType: T.long, nullable: true, castArgTo: T.long };
      if (isFractional(t)) return { fn, dataType: T.double, nullable: true, castArgTo: T.double };
      if (t instanceof StringType)
        return { fn, dataType: T.double, nullable: true, castArgTo: T.double };
      throw typeMismatch(sqlExpr, t, '("NUMERIC" or "ANSI INTERVAL")');
    case 'avg':
      if (t instanceof DecimalType) {
        return {
          fn,
          dataType: new DecimalType(Math.min(t.precision + 4, 38), Math.min(t.scale + 4, 38)),
          nullable: true,
        };
      }
      if (isNumeric(t) || t instanceof StringType)
        return { fn, dataType: T.double, nullable: true, castArgTo: T.double };
      throw typeMismatch(sqlExpr, t, '("NUMERIC" or "ANSI INTERVAL")');
    case 'min':
    case 'max':
      if (!isOrderable(t)) throw typeMismatch(sqlExpr, t, 'an orderable type');
      return { fn, dataType: t, nullable: true };
    case 'first':
    case 'last':
      return { fn, dataType: t, nullable: true };
    case 'collect_list':
    case 'collect_set':
      return { fn, dataType: new ArrayType(t, false), nullable: false };
    case 'stddev_samp':
    case 'stddev_pop':
    case 'var_samp':
    case 'var_pop':
      if (isNumeric(t) || t instanceof StringType)
        return { fn, dataType: T.double, nullable: true, castArgTo: T.double };
      throw typeMismatch(sqlExpr, t, '"DOUBLE"');
    default:
      throw new AnalysisException(
        'UNSUPPORTED_FEATURE.AGGREGATE_FUNCTION',
        `The feature is not supported: aggregate function ${name}() in Tidemark's engine. Supported: ${SUPPORTED_AGGREGATES.join(', ')}.`,
        {
          messageParameters: { functionName: name, countStar: String(isCountStar) },
          sqlState: '0A000',
        },
      );
  }
}

function typeMismatch(
  sqlExpr: string,
  t: DataType | undefined,
  required: string,
): AnalysisException {
  const actual = t ? `"${t.simpleString().toUpperCase()}"` : '"VOID"';
  return new AnalysisException(
    'DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE',
    `Cannot resolve "${sqlExpr}" due to data type mismatch: The first parameter requires the ${required} type, however "${sqlExpr.replace(/^\w+\((.*)\)$/, '$1')}" has the type ${actual}.`,
    { messageParameters: { sqlExpr: `"${sqlExpr}"`, inputType: actual }, sqlState: '42K09' },
  );
}
