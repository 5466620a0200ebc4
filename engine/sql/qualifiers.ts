/**
 * Qualified column names (`t.x`, `a.id = b.id`). Plans carry no relation aliases, so the
 * SQL layer resolves qualifiers itself, as Spark's resolver does when the first name part
 * matches a relation in FROM (LogicalPlan.resolve: qualifier match before struct fields):
 * - one relation: `t.x` is simply `x`, and `t.*` is `*`;
 * - a join: each relation that a qualified name reaches gets a copy of that column under
 *   the hidden name `alias.x` (a withColumns below the join), and `a.x` reads the copy —
 *   so `a.id = b.id` stays unambiguous even though both sides have `id`. `SELECT *` drops
 *   the copies again, and a selected `a.x` keeps the output name `x`.
 * A name whose first part is not a relation alias is left alone (a struct field access).
 */
import { unsupportedSql } from './sql-syntax-error';
import type { Expr } from '../expr/ast';
import { mapChildren } from '../plan/expr-rewrite';
import type { LogicalPlan } from '../plan/logical-plan';
import type { RelationTree } from './from-clause';

export interface QualifierScope {
  /** The FROM clause as a plan (a one-row relation when there is none). */
  readonly plan: LogicalPlan;
  /** Names of the hidden copies, to drop after `SELECT *`. */
  readonly hiddenColumns: readonly string[];
  /** Resolves qualifiers in an expression of this block. */
  rewrite(e: Expr): Expr;
  /** Like rewrite, and a bare qualified column keeps its own name as the output name. */
  rewriteSelectItem(e: Expr): Expr;
}

/** Spark's OneRowRelation: `SELECT 1` without FROM yields one row. */
const ONE_ROW: LogicalPlan = {
  op: 'localRelation',
  schema: { type: 'struct', fields: [] },
  rows: [[]],
};

interface Leaf {
  readonly alias?: string;
  readonly plan: LogicalPlan;
  /** Hidden copies: lower-cased column name → [hidden name, column as written]. */
  readonly copies: Map<string, readonly [string, string]>;
}

export function resolveQualifiers(
  text: string,
  tree: RelationTree | undefined,
  blockExprs: readonly Expr[],
): QualifierScope {
  const leaves: Leaf[] = [];
  collectLeaves(tree, leaves);
  const byAlias = new Map<string, Leaf>();
  for (const l of leaves)
    if (l.alias !== undefined && !byAlias.has(l.alias.toLowerCase()))
      byAlias.set(l.alias.toLowerCase(), l);
  const single = leaves.length <= 1;
  const leafOf = (e: Expr): Leaf | undefined =>
    e.kind === 'column' && e.name.length >= 2 ? byAlias.get(e.name[0].toLowerCase()) : undefined;

  if (!single) {
    const visit = (e: Expr): Expr => {
      const leaf = leafOf(e);
      if (leaf && e.kind === 'column') {
        const key = e.name[1].toLowerCase();
        if (!leaf.copies.has(key)) leaf.copies.set(key, [`${leaf.alias}.${e.name[1]}`, e.name[1]]);
        return e;
      }
      return mapChildren(e, visit);
    };
    for (const e of [...blockExprs, ...joinConditions(tree)]) visit(e);
  }

  const rewrite = (e: Expr): Expr => {
    if (e.kind === 'star' && e.qualifier !== undefined && byAlias.has(e.qualifier.toLowerCase())) {
      if (!single)
        throw unsupportedSql(
          text,
          { text: `${e.qualifier}.*`, start: e.span?.[0] ?? 0, end: e.span?.[1] ?? 0 },
          `${e.qualifier}.* over a join`,
        );
      return { kind: 'star', ...(e.span ? { span: e.span } : {}) };
    }
    const leaf = leafOf(e);
    if (leaf && e.kind === 'column') {
      const rest = e.name.slice(2);
      const head = single ? e.name[1] : leaf.copies.get(e.name[1].toLowerCase())![0];
      return { ...e, name: [head, ...rest] };
    }
    return mapChildren(e, rewrite);
  };
  const rewriteSelectItem = (e: Expr): Expr => {
    if (!single && leafOf(e) && e.kind === 'column') {
      return {
        kind: 'alias',
        arg: rewrite(e),
        name: e.name[e.name.length - 1],
        ...(e.span ? { span: e.span } : {}),
      };
    }
    return rewrite(e);
  };
  const hiddenColumns = leaves.flatMap((l) => [...l.copies.values()].map(([hidden]) => hidden));
  return {
    plan: tree ? buildPlan(tree, leaves, rewrite) : ONE_ROW,
    hiddenColumns,
    rewrite,
    rewriteSelectItem,
  };
}

function collectLeaves(tree: RelationTree | undefined, out: Leaf[]): void {
  if (!tree) return;
  if (tree.kind === 'relation') {
    out.push({
      ...(tree.alias !== undefined ? { alias: tree.alias } : {}),
      plan: tree.plan,
      copies: new Map(),
    });
    return;
  }
  collectLeaves(tree.left, out);
  collectLeaves(tree.right, out);
}

function joinConditions(tree: RelationTree | undefined): Expr[] {
  if (!tree || tree.kind === 'relation') return [];
  return [
    ...joinConditions(tree.left),
    ...joinConditions(tree.right),
    ...(tree.condition ? [tree.condition] : []),
  ];
}

/** Rebuilds the tree as join nodes, leaves in the same left-to-right order as collectLeaves. */
function buildPlan(
  tree: RelationTree,
  leaves: readonly Leaf[],
  rewrite: (e: Expr) => Expr,
): LogicalPlan {
  let next = 0;
  const build = (t: RelationTree): LogicalPlan => {
    if (t.kind === 'relation') {
      const leaf = leaves[next++];
      if (leaf.copies.size === 0) return leaf.plan;
      const copies = [...leaf.copies.values()];
      return {
        op: 'withColumns',
        input: leaf.plan,
        names: copies.map(([hidden]) => hidden),
        exprs: copies.map(([, column]) => ({ kind: 'column', name: [column] })),
      };
    }
    const left = build(t.left);
    const right = build(t.right);
    return {
      op: 'join',
      left,
      right,
      how: t.how,
      ...(t.using ? { using: t.using } : {}),
      ...(t.condition ? { condition: rewrite(t.condition) } : {}),
    };
  };
  return build(tree);
}
