/**
 * The Window operator's grouping keys as the inspector edits them: `window(col, 'd'[, 's'])`
 * (Spark's TimeWindow: a tumbling window, or a sliding one with a slide) and
 * `session_window(col, 'gap')` (Spark's SessionWindow). The text is what the engine parses;
 * this file only reads and writes that shape, so the duration inputs can edit the parts.
 * Whether a duration is valid is the engine's to say (analyzeDraft's error on the key).
 */

export interface WindowKey {
  readonly kind: 'window' | 'session_window';
  readonly column: string;
  /** Window length, or the session gap. */
  readonly duration: string;
  /** Slide of a sliding window; '' for tumbling windows and sessions. */
  readonly slide: string;
}

const QUOTED = String.raw`'((?:[^'\\]|\\.)*)'`;
const IDENT = String.raw`(\`(?:[^\`]|\`\`)+\`|[A-Za-z_][A-Za-z0-9_.]*)`;
const PATTERN = new RegExp(
  String.raw`^\s*(window|session_window)\s*\(\s*${IDENT}\s*,\s*${QUOTED}\s*(?:,\s*${QUOTED}\s*)?\)\s*$`,
  'i',
);

const unquote = (s: string): string => s.replace(/\\(.)/g, '$1');
const quote = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const columnText = (c: string): string =>
  /^[A-Za-z_][A-Za-z0-9_]*$/.test(c) ? c : '`' + c.replace(/`/g, '``') + '`';

/** The parts of a window key, or null when `text` is some other expression. */
export function parseWindowKey(text: string): WindowKey | null {
  const m = PATTERN.exec(text);
  if (m === null) return null;
  const kind = m[1].toLowerCase() as WindowKey['kind'];
  const column = m[2].startsWith('`') ? m[2].slice(1, -1).replace(/``/g, '`') : m[2];
  return { kind, column, duration: unquote(m[3]), slide: m[4] === undefined ? '' : unquote(m[4]) };
}

export function windowKeyText(key: WindowKey): string {
  const args = [columnText(key.column), quote(key.duration)];
  if (key.kind === 'window' && key.slide.trim() !== '') args.push(quote(key.slide));
  return `${key.kind}(${args.join(', ')})`;
}
