/**
 * Python source spellings for the values an exported script contains: strings, numbers,
 * booleans, lists, and variable names that are valid and unique.
 */

/**
 * A double-quoted Python string. JSON's escapes (\" \\ \n \t \uXXXX) are all valid Python
 * escapes with the same meaning, so JSON.stringify gives an exact Python literal.
 */
export function pyStr(s: string): string {
  return JSON.stringify(s);
}

/** A Python number literal; `asFloat` keeps a decimal point so Python makes a float, not an int. */
export function pyNumber(n: number, asFloat = !Number.isInteger(n)): string {
  if (Number.isNaN(n)) return 'float("nan")';
  if (n === Infinity) return 'float("inf")';
  if (n === -Infinity) return 'float("-inf")';
  const text = String(n);
  if (!asFloat || /[.eE]/.test(text)) return text;
  return `${text}.0`;
}

/** A Python literal for a JSON-safe scalar (None, True/False, numbers, strings). */
export function pyScalar(v: string | number | boolean | null): string {
  if (v === null) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return pyNumber(v);
  return pyStr(v);
}

export function pyStrList(items: readonly string[]): string {
  return `[${items.map(pyStr).join(', ')}]`;
}

// prettier-ignore
const PYTHON_KEYWORDS = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class',
  'continue', 'def', 'del', 'elif', 'else', 'except', 'finally', 'for', 'from', 'global',
  'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return',
  'try', 'while', 'with', 'yield',
  // Names the script imports or binds itself: a variable must not shadow them.
  'F', 'spark', 'SparkSession', 'os', 'json', 'datetime', 'date', 'timedelta', 'timezone',
]);

/**
 * Hands out snake_case Python variable names, unique within one script, derived from the
 * user's names (query names, source ids) so the script reads like the lab's notebooks.
 */
export class PythonNames {
  private readonly used = new Set<string>();

  take(hint: string): string {
    let base = hint
      .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
      .toLowerCase()
      .replace(/[^a-z0-9_]+/g, '_')
      .replace(/^_+|_+$/g, '');
    if (base === '') base = 'df';
    if (/^[0-9]/.test(base)) base = `df_${base}`;
    let name = base;
    for (let i = 2; this.used.has(name) || PYTHON_KEYWORDS.has(name); i++) name = `${base}_${i}`;
    this.used.add(name);
    return name;
  }
}
