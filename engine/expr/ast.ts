/**
 * The expression AST: what `expr("...")`, the Column API (`col('x').gt(5)`), SQL and
 * the visual builder all produce, and what plan JSON stores. Plain JSON-safe objects,
 * so a plan round-trips through JSON without loss.
 *
 * `span` is [start, end) character offsets into the text the node was parsed from
 * (when it came from text), so errors can point at the failing fragment.
 */

export type Span = readonly [number, number];

/** Literal values are JSON-safe; `dataType` is the Spark simpleString ("int", "bigint", "double", "string", "boolean", "void", "timestamp", "date"). */
export interface LiteralExpr {
  readonly kind: 'literal';
  readonly value: string | number | boolean | null;
  readonly dataType: string;
  readonly span?: Span;
}

/** A column reference; `name` holds the parts of a dotted name (`a.b` → ['a', 'b']). */
export interface ColumnExpr {
  readonly kind: 'column';
  readonly name: readonly string[];
  readonly span?: Span;
}

/** `*` or `t.*` */
export interface StarExpr {
  readonly kind: 'star';
  readonly qualifier?: string;
  readonly span?: Span;
}

/** A function call, scalar or aggregate (`count(DISTINCT x)` sets `distinct`). */
export interface CallExpr {
  readonly kind: 'call';
  readonly name: string;
  readonly args: readonly Expr[];
  readonly distinct?: boolean;
  readonly span?: Span;
}

export type UnaryOp = '-' | '+' | 'NOT' | '~';
export interface UnaryExpr {
  readonly kind: 'unary';
  readonly op: UnaryOp;
  readonly arg: Expr;
  readonly span?: Span;
}

export type BinaryOp =
  | '+' | '-' | '*' | '/' | '%' | 'div'
  | '=' | '<=>' | '!=' | '<' | '<=' | '>' | '>='
  | 'AND' | 'OR'
  | '||'
  | '&' | '|' | '^';
export interface BinaryExpr {
  readonly kind: 'binary';
  readonly op: BinaryOp;
  readonly left: Expr;
  readonly right: Expr;
  readonly span?: Span;
}

export interface IsNullExpr {
  readonly kind: 'isNull';
  readonly arg: Expr;
  readonly negated: boolean;
  readonly span?: Span;
}

/** `LIKE` / `ILIKE` (caseInsensitive) with an optional ESCAPE character (default `\`). */
export interface LikeExpr {
  readonly kind: 'like';
  readonly arg: Expr;
  readonly pattern: Expr;
  readonly escape?: string;
  readonly negated: boolean;
  readonly caseInsensitive?: boolean;
  readonly span?: Span;
}

/** `RLIKE` / `REGEXP`: Java-style regex, unanchored (a match anywhere counts). */
export interface RLikeExpr {
  readonly kind: 'rlike';
  readonly arg: Expr;
  readonly pattern: Expr;
  readonly negated: boolean;
  readonly span?: Span;
}

export interface InExpr {
  readonly kind: 'in';
  readonly arg: Expr;
  readonly list: readonly Expr[];
  readonly negated: boolean;
  readonly span?: Span;
}

export interface BetweenExpr {
  readonly kind: 'between';
  readonly arg: Expr;
  readonly low: Expr;
  readonly high: Expr;
  readonly negated: boolean;
  readonly span?: Span;
}

/** `CASE [operand] WHEN .. THEN .. [ELSE ..] END` (also what `when().otherwise()` builds). */
export interface CaseExpr {
  readonly kind: 'case';
  readonly operand?: Expr;
  readonly branches: readonly { readonly when: Expr; readonly then: Expr }[];
  readonly otherwise?: Expr;
  readonly span?: Span;
}

/** `CAST(x AS type)`; `try` for `try_cast`. `to` is a Spark type string ("int", "timestamp"). */
export interface CastExpr {
  readonly kind: 'cast';
  readonly arg: Expr;
  readonly to: string;
  readonly try?: boolean;
  readonly span?: Span;
}

/** `x AS name` */
export interface AliasExpr {
  readonly kind: 'alias';
  readonly arg: Expr;
  readonly name: string;
  readonly span?: Span;
}

/** Struct field access on an expression: `window.start` when `window` is a struct column. */
export interface FieldExpr {
  readonly kind: 'field';
  readonly arg: Expr;
  readonly field: string;
  readonly span?: Span;
}

/** `arr[i]` (0-based, as Spark's SQL subscript) and `map[key]`. */
export interface SubscriptExpr {
  readonly kind: 'subscript';
  readonly arg: Expr;
  readonly index: Expr;
  readonly span?: Span;
}

/** Sort order for ORDER BY and `Column.asc()/desc()`; Spark's defaults: ASC NULLS FIRST, DESC NULLS LAST. */
export interface SortOrderExpr {
  readonly kind: 'sortOrder';
  readonly arg: Expr;
  readonly ascending: boolean;
  readonly nullsFirst: boolean;
  readonly span?: Span;
}

export type Expr =
  | LiteralExpr
  | ColumnExpr
  | StarExpr
  | CallExpr
  | UnaryExpr
  | BinaryExpr
  | IsNullExpr
  | LikeExpr
  | RLikeExpr
  | InExpr
  | BetweenExpr
  | CaseExpr
  | CastExpr
  | AliasExpr
  | FieldExpr
  | SubscriptExpr
  | SortOrderExpr;

/** Child expressions of a node, in evaluation order (for walkers: aggregate extraction, column pruning). */
export function childrenOf(e: Expr): Expr[] {
  switch (e.kind) {
    case 'literal':
    case 'column':
    case 'star':
      return [];
    case 'call':
      return [...e.args];
    case 'unary':
    case 'isNull':
    case 'cast':
    case 'alias':
    case 'field':
    case 'sortOrder':
      return [e.arg];
    case 'binary':
      return [e.left, e.right];
    case 'like':
    case 'rlike':
      return [e.arg, e.pattern];
    case 'in':
      return [e.arg, ...e.list];
    case 'between':
      return [e.arg, e.low, e.high];
    case 'case':
      return [
        ...(e.operand ? [e.operand] : []),
        ...e.branches.flatMap((b) => [b.when, b.then]),
        ...(e.otherwise ? [e.otherwise] : []),
      ];
    case 'subscript':
      return [e.arg, e.index];
  }
}
