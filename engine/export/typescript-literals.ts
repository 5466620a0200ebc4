/**
 * TypeScript source spellings for the values an exported program contains: strings,
 * numbers, lists, and variable names that are valid and unique (the TypeScript twin of
 * python-literals.ts).
 */

/**
 * A single-quoted string literal (the project's Prettier style). JSON's escapes are valid
 * TypeScript escapes with the same meaning; only the quote character changes.
 */
export function tsStr(s: string): string {
  const body = JSON.stringify(s).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'");
  return `'${body}'`;
}

export function tsStrList(items: readonly string[]): string {
  return `[${items.map(tsStr).join(', ')}]`;
}

/** A number literal that evaluates to exactly `n` (NaN, ±Infinity and -0 included). */
export function tsNumber(n: number): string {
  if (Object.is(n, -0)) return '-0';
  return String(n);
}

/** A literal for a JSON-safe scalar. */
export function tsScalar(v: string | number | boolean | null): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return tsStr(v);
  if (typeof v === 'number') return tsNumber(v);
  return String(v);
}

/** An object key: bare when it is an identifier, quoted otherwise. */
export function tsKey(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : tsStr(name);
}

/**
 * Whether JavaScript would reorder `name` as an object key: integer-like keys come first
 * in property order, so `{ b: …, '1': … }` would not keep the user's column order.
 */
export function isIndexLikeKey(name: string): boolean {
  return /^(0|[1-9][0-9]*)$/.test(name) && Number(name) < 2 ** 32 - 1;
}

// prettier-ignore
const RESERVED = new Set([
  'await', 'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete',
  'do', 'else', 'enum', 'export', 'extends', 'false', 'finally', 'for', 'function', 'if',
  'implements', 'import', 'in', 'instanceof', 'interface', 'let', 'new', 'null', 'package',
  'private', 'protected', 'public', 'return', 'static', 'super', 'switch', 'this', 'throw',
  'true', 'try', 'typeof', 'var', 'void', 'while', 'with', 'yield', 'arguments', 'eval',
  'undefined', 'NaN', 'Infinity',
  // Names the program binds or imports itself: a variable must not shadow them.
  'spark', 'expr', 'Session', 'DataFrame', 'StructType', 'StructField', 'console', 'Date',
]);

/**
 * Hands out camelCase variable names, unique within one program, derived from the user's
 * names (query names, source ids) so the program reads like hand-written code.
 */
export class TypeScriptNames {
  private readonly used = new Set<string>();

  take(hint: string): string {
    const words = hint
      .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
      .split(/[^A-Za-z0-9]+/)
      .filter((w) => w !== '');
    let base = words
      .map((w, i) => (i === 0 ? w.toLowerCase() : w[0].toUpperCase() + w.slice(1).toLowerCase()))
      .join('');
    if (base === '') base = 'df';
    if (/^[0-9]/.test(base)) base = `df${base}`;
    let name = base;
    for (let i = 2; this.used.has(name) || RESERVED.has(name); i++) name = `${base}${i}`;
    this.used.add(name);
    return name;
  }
}
