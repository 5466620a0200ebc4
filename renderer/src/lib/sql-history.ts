/**
 * The SQL console's recent statements, newest first, kept across sessions in the page's
 * storage (DBeaver and TablePlus keep a query history; re-typing a statement is the
 * console's most common chore). A statement run again moves to the top instead of
 * appearing twice.
 */

export const HISTORY_KEY = 'tidemark.sql-history';
export const HISTORY_SIZE = 20;

/** What the history needs of `localStorage`. */
export interface HistoryStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export function loadHistory(storage: HistoryStorage | null): string[] {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(HISTORY_KEY) ?? '[]');
    return Array.isArray(parsed)
      ? parsed.filter((s): s is string => typeof s === 'string').slice(0, HISTORY_SIZE)
      : [];
  } catch {
    return []; // a corrupt entry is forgotten, not fatal
  }
}

/** `history` with `statement` on top; saved to `storage` when given. */
export function rememberStatement(
  history: readonly string[],
  statement: string,
  storage: HistoryStorage | null,
): string[] {
  const text = statement.trim();
  if (text === '') return [...history];
  const next = [text, ...history.filter((s) => s !== text)].slice(0, HISTORY_SIZE);
  try {
    storage?.setItem(HISTORY_KEY, JSON.stringify(next));
  } catch {
    // Storage full or disabled: the history still works for this session.
  }
  return next;
}

/** Row limits the console offers; the host API caps `maxRows` at the last. */
export const ROW_LIMITS: readonly number[] = [1_000, 10_000, 100_000];

/** The next larger limit, for "load up to N rows" after a truncated result; null at the top. */
export function nextRowLimit(current: number): number | null {
  return ROW_LIMITS.find((n) => n > current) ?? null;
}
