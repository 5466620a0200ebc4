/**
 * Aggregate name → implementation. Names are the analyzer's canonical ones
 * (plan/aggregate-signatures.ts, e.g. `mean` → `avg`); adding an aggregate means one
 * signature there and one entry here.
 */
import type { AggregateCall } from '../../plan/resolved-plan';
import type { AggregateConf, AggregateFunction } from './aggregate-function';
import { approxCountDistinctFunction } from './approx-count-distinct';
import { distinctAggregate } from './distinct-aggregate';
import { centralMomentFunction } from './central-moments';
import { collectFunction } from './collect';
import { avgFunction, countFunction, sumFunction } from './count-sum-avg';
import { firstLastFunction } from './first-last';
import { minMaxFunction } from './min-max';

type Factory = (call: AggregateCall, conf: AggregateConf) => AggregateFunction;

const REGISTRY: Readonly<Record<string, Factory>> = {
  count: () => countFunction() as AggregateFunction,
  approx_count_distinct: (call) =>
    approxCountDistinctFunction(typeof call.options[0] === 'number' ? call.options[0] : 0.05) as AggregateFunction,
  sum: (call, conf) => sumFunction(call, conf) as AggregateFunction,
  avg: () => avgFunction() as AggregateFunction,
  min: () => minMaxFunction(false),
  max: () => minMaxFunction(true),
  first: (call) => firstLastFunction(false, call.options[0] === true) as AggregateFunction,
  last: (call) => firstLastFunction(true, call.options[0] === true) as AggregateFunction,
  collect_list: () => collectFunction(false) as AggregateFunction,
  collect_set: () => collectFunction(true) as AggregateFunction,
  var_samp: () => centralMomentFunction('var_samp') as AggregateFunction,
  var_pop: () => centralMomentFunction('var_pop') as AggregateFunction,
  stddev_samp: () => centralMomentFunction('stddev_samp') as AggregateFunction,
  stddev_pop: () => centralMomentFunction('stddev_pop') as AggregateFunction,
};

export function aggregateFunctionFor(call: AggregateCall, conf: AggregateConf): AggregateFunction {
  const factory = REGISTRY[call.fn];
  if (!factory) throw new Error(`no accumulator registered for aggregate '${call.fn}'`);
  return factory(call, conf);
}

/** The accumulators of an aggregate's calls, a DISTINCT call wrapped to fold each distinct value once. */
export function aggregateFunctionsFor(calls: readonly AggregateCall[], conf: AggregateConf): AggregateFunction[] {
  return calls.map((c) => {
    const f = aggregateFunctionFor(c, conf);
    return c.distinct ? (distinctAggregate(f, c.args.map((a) => a.dataType)) as AggregateFunction) : f;
  });
}
