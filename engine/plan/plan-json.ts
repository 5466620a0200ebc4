/**
 * Plan JSON: the versioned document that workspaces, the visual builder, the PySpark
 * export and the conformance suite exchange. `planFromJSON` checks every node and
 * expression against plan-json-shapes.ts and names the first bad path
 * (`plan.input.exprs[2]: unknown expression kind 'foo'`); older versions are migrated
 * step by step through MIGRATIONS before validation.
 */
import { IllegalArgumentException } from '../errors';
import type { LogicalPlan } from './logical-plan';
import { MAX_EXPR_DEPTH } from '../expr/parse-limits';
import { EXPR_SHAPES, PLAN_SHAPES, type FieldType, type Shape } from './plan-json-shapes';

export const PLAN_JSON_VERSION = 1;

export interface PlanJSON {
  readonly version: number;
  readonly plan: unknown;
}

/**
 * Upgrades from version k to k + 1, keyed by k. Empty while version 1 is the only one;
 * a change to the node shapes adds an entry here and bumps PLAN_JSON_VERSION.
 */
export const MIGRATIONS: Readonly<
  Record<number, (doc: { version: number; plan: unknown }) => { version: number; plan: unknown }>
> = {};

export function planToJSON(plan: LogicalPlan): PlanJSON {
  return { version: PLAN_JSON_VERSION, plan: JSON.parse(JSON.stringify(plan)) as unknown };
}

/** Parses (if a string), migrates and validates a plan JSON document. */
export function planFromJSON(json: unknown): LogicalPlan {
  let doc: unknown = json;
  if (typeof json === 'string') {
    try {
      doc = JSON.parse(json);
    } catch (e) {
      throw invalid('$', `not valid JSON (${(e as Error).message})`);
    }
  }
  if (!isObject(doc)) throw invalid('$', 'expected an object with "version" and "plan"');
  const declared = doc.version;
  if (typeof declared !== 'number' || !Number.isInteger(declared) || declared < 1)
    throw invalid('version', `expected a positive integer, got ${show(declared)}`);
  let version: number = declared;
  if (version > PLAN_JSON_VERSION)
    throw invalid(
      'version',
      `version ${version} is newer than this Tidemark understands (${PLAN_JSON_VERSION})`,
    );
  let current = { version, plan: doc.plan };
  while (version < PLAN_JSON_VERSION) {
    const step = MIGRATIONS[version];
    if (!step) throw invalid('version', `no migration from version ${version}`);
    current = step(current);
    version = current.version;
  }
  checkTree(current.plan);
  return current.plan as LogicalPlan;
}

/** Plan nodes on the longest path from the root: the analyzer resolves ~2,000 on Node's default stack. */
export const MAX_PLAN_DEPTH = 1000;

/** A plan node or expression still to check, found inside an already checked one. */
interface Pending {
  readonly value: unknown;
  readonly node: 'plan' | 'expr';
  readonly path: string;
  /** Plan nodes down to here for a plan; expression nodes within its plan node for an expression. */
  readonly depth: number;
}

/**
 * Walks the tree with an explicit stack, depth first in field order, so any nesting is
 * checked (and a too-deep document refused by path) instead of overflowing the JS stack.
 */
function checkTree(root: unknown): void {
  const pending: Pending[] = [{ value: root, node: 'plan', path: 'plan', depth: 1 }];
  const found: Pending[] = [];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    found.length = 0;
    checkNode(next, found);
    for (let i = found.length - 1; i >= 0; i--) pending.push(found[i]);
  }
}

function checkNode(item: Pending, found: Pending[]): void {
  const { value: v, node, path, depth } = item;
  const isPlan = node === 'plan';
  if (!isObject(v)) throw invalid(path, `expected ${isPlan ? 'a plan node' : 'an expression'}, got ${show(v)}`);
  const tag = isPlan ? 'op' : 'kind';
  // Own keys only: `{"op": "toString"}` must not find Object.prototype.toString as a shape.
  const table = isPlan ? PLAN_SHAPES : EXPR_SHAPES;
  const name = v[tag];
  const shape = typeof name === 'string' && Object.hasOwn(table, name) ? table[name] : undefined;
  if (!shape) throw invalid(path, `unknown ${isPlan ? 'plan node op' : 'expression kind'} ${show(name)}`);
  const limit = isPlan ? MAX_PLAN_DEPTH : MAX_EXPR_DEPTH;
  if (depth > limit) {
    throw invalid(path, `${isPlan ? 'plans' : 'expressions'} nested deeper than ${limit} levels are not supported`);
  }
  const child = (value: unknown, kind: 'plan' | 'expr', p: string): void => {
    found.push({ value, node: kind, path: p, depth: kind === node ? depth + 1 : 1 });
  };
  checkFields(v, shape, path, tag, child);
}

type FoundChild = (value: unknown, kind: 'plan' | 'expr', path: string) => void;

function checkFields(v: Record<string, unknown>, shape: Shape, path: string, tag: string, child: FoundChild): void {
  const known = new Set([tag]);
  for (const [rawKey, type] of Object.entries(shape)) {
    const optional = rawKey.endsWith('?');
    const key = optional ? rawKey.slice(0, -1) : rawKey;
    known.add(key);
    const value = Object.hasOwn(v, key) ? v[key] : undefined;
    if (value === undefined) {
      if (!optional) throw invalid(`${path}.${key}`, 'missing');
      continue;
    }
    checkValue(value, type, `${path}.${key}`, child);
  }
  for (const key of Object.keys(v))
    if (!known.has(key))
      throw invalid(`${path}.${key}`, `unknown field for ${tag} ${show(v[tag])}`);
}

function checkValue(value: unknown, type: FieldType, path: string, child: FoundChild): void {
  if (Array.isArray(type) || typeof type !== 'string') {
    const allowed = (type as readonly string[]).slice(1);
    if (typeof value !== 'string' || !allowed.includes(value))
      throw invalid(
        path,
        `expected one of ${allowed.map((a) => `'${a}'`).join(', ')}, got ${show(value)}`,
      );
    return;
  }
  switch (type) {
    case 'string':
    case 'number':
    case 'boolean':
      if (typeof value !== type) throw invalid(path, `expected a ${type}, got ${show(value)}`);
      return;
    case 'any':
      return;
    case 'strings':
      eachOf(value, path, (x, p) => checkValue(x, 'string', p, child));
      return;
    case 'plan':
      return child(value, 'plan', path);
    case 'plans':
      return eachOf(value, path, (x, p) => child(x, 'plan', p));
    case 'expr':
      return child(value, 'expr', path);
    case 'exprs':
      return eachOf(value, path, (x, p) => child(x, 'expr', p));
    case 'options':
      if (!isObject(value))
        throw invalid(path, `expected an object of strings, got ${show(value)}`);
      for (const [k, x] of Object.entries(value)) checkValue(x, 'string', `${path}.${k}`, child);
      return;
    case 'literalValue':
      if (value !== null && !['string', 'number', 'boolean'].includes(typeof value))
        throw invalid(path, `expected a string, number, boolean or null, got ${show(value)}`);
      return;
    case 'fillValue':
      if (isObject(value)) {
        for (const [k, x] of Object.entries(value)) {
          if (!['string', 'number', 'boolean'].includes(typeof x))
            throw invalid(`${path}.${k}`, `expected a string, number or boolean, got ${show(x)}`);
        }
      } else if (!['string', 'number', 'boolean'].includes(typeof value)) {
        throw invalid(path, `expected a string, number, boolean or object, got ${show(value)}`);
      }
      return;
    case 'renames':
      return eachOf(value, path, (x, p) => {
        if (
          !Array.isArray(x) ||
          x.length !== 2 ||
          typeof x[0] !== 'string' ||
          typeof x[1] !== 'string'
        )
          throw invalid(p, `expected [from, to], got ${show(x)}`);
      });
    case 'groupingSets':
      return eachOf(value, path, (set, p) => eachOf(set, p, (x, q) => checkValue(x, 'number', q, child)));
    case 'branches':
      return eachOf(value, path, (b, p) => {
        if (!isObject(b)) throw invalid(p, `expected {when, then}, got ${show(b)}`);
        child(b.when, 'expr', `${p}.when`);
        child(b.then, 'expr', `${p}.then`);
      });
    case 'span':
      if (!Array.isArray(value) || value.length !== 2 || value.some((x) => typeof x !== 'number'))
        throw invalid(path, `expected [start, end], got ${show(value)}`);
      return;
    case 'rows':
      return eachOf(value, path, (r, p) => {
        if (!Array.isArray(r)) throw invalid(p, `expected a row array, got ${show(r)}`);
      });
  }
}

function eachOf(value: unknown, path: string, f: (x: unknown, path: string) => void): void {
  if (!Array.isArray(value)) throw invalid(path, `expected an array, got ${show(value)}`);
  value.forEach((x, i) => f(x, `${path}[${i}]`));
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (typeof v === 'string') return `'${v}'`;
  const s = JSON.stringify(v);
  return s.length > 40 ? s.slice(0, 37) + '...' : s;
}

function invalid(path: string, problem: string): IllegalArgumentException {
  return new IllegalArgumentException(`Invalid plan JSON: ${path}: ${problem}`);
}
