/**
 * Completion for the query form's expression inputs: given the text, the cursor, the columns
 * the step can see (the schema before it) and the engine's function list, which names could
 * be typed here and which range of the text they replace. Pure, so the popup only draws.
 *
 * What it knows of Spark SQL's lexer is only what it needs to stay quiet in the wrong
 * places: inside a '…' or "…" string literal, right after a `.` (a struct field, which the
 * schema before the step does not list), and in a number literal. A column whose name is
 * not a plain identifier is inserted back-quoted, as Spark's parser requires (`my col`).
 */
import type { FunctionInfo } from '../../../engine/service/protocol';

export interface CompletionColumn {
  readonly name: string;
  /** Spark's type as DDL (`bigint`, `string`), shown beside the name. */
  readonly type: string;
}

export interface CompletionItem {
  /** What the list shows. */
  readonly label: string;
  /** What replaces [from, to): a back-quoted column name, or `name(` for a function. */
  readonly insert: string;
  readonly kind: 'column' | 'function';
  /** The column's type or the function's usage. */
  readonly detail: string;
}

export interface Completion {
  /** The replaced range of the text, 0-based [from, to). */
  readonly from: number;
  readonly to: number;
  readonly items: readonly CompletionItem[];
}

export interface CompletionOptions {
  /** Asked for (Ctrl+Space): offer everything even before a letter is typed. */
  readonly explicit?: boolean;
  /** Offer functions (false for inputs that take column names only). Default true. */
  readonly functions?: boolean;
  readonly maxItems?: number;
}

const IDENTIFIER_CHAR = /[A-Za-z0-9_]/;
const PLAIN_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** How a column name is written in an expression: as is, or back-quoted (`` ` `` doubled). */
export function quoteColumn(name: string): string {
  return PLAIN_IDENTIFIER.test(name) ? name : '`' + name.replaceAll('`', '``') + '`';
}

/** The candidates at `cursor`, or null when there is nothing to offer there. */
export function completeExpression(
  text: string,
  cursor: number,
  columns: readonly CompletionColumn[],
  functions: readonly FunctionInfo[],
  options: CompletionOptions = {},
): Completion | null {
  const at = Math.max(0, Math.min(cursor, text.length));
  const context = lexicalContext(text, at);
  if (context.kind === 'string') return null;
  const max = options.maxItems ?? 50;

  if (context.kind === 'backtick') {
    // Inside `…: only columns can be named this way; replace through the closing quote.
    const prefix = text.slice(context.start + 1, at).replaceAll('``', '`');
    const close = text.indexOf('`', at);
    const to = close < 0 ? text.length : close + 1;
    const items = matching(columns, (c) => c.name, prefix)
      .map((c) => columnItem(c, '`' + c.name.replaceAll('`', '``') + '`'))
      .slice(0, max);
    return items.length === 0 ? null : { from: context.start, to, items };
  }

  let from = at;
  while (from > 0 && IDENTIFIER_CHAR.test(text[from - 1])) from--;
  let to = at;
  while (to < text.length && IDENTIFIER_CHAR.test(text[to])) to++;
  const prefix = text.slice(from, at);
  if (/^[0-9]/.test(prefix)) return null;
  if (from > 0 && text[from - 1] === '.') return null;
  if (prefix === '' && options.explicit !== true) return null;

  const word = text.slice(from, to);
  const callFollows = text[to] === '(';
  const items: CompletionItem[] = [
    ...matching(columns, (c) => c.name, prefix).map((c) => columnItem(c, quoteColumn(c.name))),
    ...(options.functions === false
      ? []
      : matching(
          [...functions].sort((a, b) => a.name.localeCompare(b.name)),
          (f) => f.name,
          prefix,
        ).map((f) => ({
          label: f.name,
          insert: callFollows ? f.name : `${f.name}(`,
          kind: 'function' as const,
          detail: f.usage,
        }))),
  ]
    // A word already typed in full has nothing left to complete.
    .filter((item) => item.insert !== word)
    .slice(0, max);
  return items.length === 0 ? null : { from, to, items };
}

/** The text with `item` accepted, and where the cursor goes (after the insert). */
export function applyCompletion(
  text: string,
  completion: Completion,
  item: CompletionItem,
): { readonly text: string; readonly cursor: number } {
  return {
    text: text.slice(0, completion.from) + item.insert + text.slice(completion.to),
    cursor: completion.from + item.insert.length,
  };
}

/** Prefix matches first (case-insensitive), in the given order; no fuzzy guessing. */
function matching<T>(list: readonly T[], name: (x: T) => string, prefix: string): T[] {
  const p = prefix.toLowerCase();
  return list.filter((x) => name(x).toLowerCase().startsWith(p));
}

function columnItem(c: CompletionColumn, insert: string): CompletionItem {
  return { label: c.name, insert, kind: 'column', detail: c.type };
}

type LexicalContext =
  | { readonly kind: 'code' }
  | { readonly kind: 'string' }
  | { readonly kind: 'backtick'; readonly start: number };

/**
 * Whether `at` is in code, in a string literal, or in a back-quoted name, reading from the
 * start as Spark's lexer does: quotes open and close literals, a backslash escapes inside
 * '…' and "…", and a doubled back quote stays inside a quoted name.
 */
function lexicalContext(text: string, at: number): LexicalContext {
  let i = 0;
  while (i < at) {
    const ch = text[i];
    if (ch === "'" || ch === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== ch) j += text[j] === '\\' ? 2 : 1;
      if (j >= at) return { kind: 'string' };
      i = j + 1;
    } else if (ch === '`') {
      let j = i + 1;
      for (;;) {
        while (j < text.length && text[j] !== '`') j++;
        if (text[j + 1] === '`' && j + 1 < at) j += 2;
        else break;
      }
      if (j >= at) return { kind: 'backtick', start: i };
      i = j + 1;
    } else {
      i++;
    }
  }
  return { kind: 'code' };
}
