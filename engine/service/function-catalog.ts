/**
 * The functions the expression editor can complete (issue 5 §5), as Spark's
 * `SHOW FUNCTIONS` lists its FunctionRegistry: every name the engine accepts in an
 * expression, each alias on its own line. Names come from the registries, so a function
 * added there appears here without a change:
 * - scalar functions: expr/function-registry.ts, grouped by the module that defines them;
 * - aggregates: the ones the engine can execute (plan/aggregate-signatures.ts) and their
 *   aliases, as far as the binder treats them as aggregates;
 * - functions the planner rewrites (window, session_window, grouping, grouping_id) and
 *   the parser's own call syntax (cast, try_cast), which no registry lists: kept below,
 *   each checked against the predicate the engine uses to recognise it.
 */
import { CONDITIONAL_FUNCTIONS } from '../expr/conditional-functions';
import { DATETIME_FUNCTIONS } from '../expr/datetime-functions';
import type { FunctionDef } from '../expr/function-def';
import {
  isAggregateFunction,
  isTimeWindowFunction,
  lookupFunction,
  scalarFunctionNames,
} from '../expr/index';
import { MATH_FUNCTIONS } from '../expr/math-functions';
import { NULL_FUNCTIONS } from '../expr/null-functions';
import { STRING_FUNCTIONS } from '../expr/string-functions';
import { CANONICAL, SUPPORTED_AGGREGATES } from '../plan/aggregate-signatures';
import { usageOf } from './function-usage';
import type { FunctionInfo } from './protocol';

const SCALAR_GROUPS: readonly (readonly [string, readonly FunctionDef[]])[] = [
  ['string', STRING_FUNCTIONS],
  ['math', MATH_FUNCTIONS],
  ['null', NULL_FUNCTIONS],
  ['conditional', CONDITIONAL_FUNCTIONS],
  ['datetime', DATETIME_FUNCTIONS],
];

/** Names no registry lists, with the engine's own test that it accepts them. */
const PLANNER_FUNCTIONS: readonly {
  name: string;
  group: string;
  usage?: string;
  accepted: (name: string) => boolean;
}[] = [
  { name: 'window', group: 'window', accepted: isTimeWindowFunction },
  { name: 'session_window', group: 'window', accepted: isTimeWindowFunction },
  // Bound by the Aggregate over grouping sets (plan/resolve-aggregate.ts).
  { name: 'grouping', group: 'aggregate', accepted: isAggregateFunction },
  { name: 'grouping_id', group: 'aggregate', accepted: isAggregateFunction },
  // CAST(expr AS type) is syntax (expr/parser.ts parseCast), not a registered function.
  { name: 'cast', group: 'conversion', usage: 'cast(expr AS type)', accepted: () => true },
  { name: 'try_cast', group: 'conversion', usage: 'try_cast(expr AS type)', accepted: () => true },
];

let catalog: readonly FunctionInfo[] | null = null;

export function listFunctions(): readonly FunctionInfo[] {
  catalog ??= buildCatalog();
  return catalog;
}

function buildCatalog(): FunctionInfo[] {
  const byName = new Map<string, FunctionInfo>();
  const add = (info: FunctionInfo): void => {
    if (!byName.has(info.name)) byName.set(info.name, info);
  };
  for (const name of scalarFunctionNames()) {
    const def = lookupFunction(name)!;
    add({ name, group: scalarGroup(def), usage: usageOf(name, def.names, def.arity) });
  }
  for (const name of aggregateNames()) {
    add({ name, group: 'aggregate', usage: usageOf(name, [CANONICAL[name] ?? name], null) });
  }
  for (const p of PLANNER_FUNCTIONS) {
    if (p.accepted(p.name))
      add({ name: p.name, group: p.group, usage: p.usage ?? usageOf(p.name, [], null) });
  }
  return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Executable aggregates and the aliases that resolve to one, if the binder calls them aggregates. */
function aggregateNames(): string[] {
  const supported = new Set(SUPPORTED_AGGREGATES);
  const aliases = Object.keys(CANONICAL).filter((alias) => supported.has(CANONICAL[alias]));
  return [...supported, ...aliases].filter((name) => isAggregateFunction(name));
}

function scalarGroup(def: FunctionDef): string {
  for (const [group, defs] of SCALAR_GROUPS) if (defs.includes(def)) return group;
  return 'other';
}
