import { describe, expect, it } from 'vitest';
import {
  HISTORY_KEY,
  HISTORY_SIZE,
  loadHistory,
  nextRowLimit,
  rememberStatement,
} from '../../../renderer/src/lib/sql-history';

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
  };
}

describe('sql-history: the console’s recent statements', () => {
  it('keeps statements newest first, once each, and saves them', () => {
    const storage = memoryStorage();
    let h = rememberStatement([], 'SELECT * FROM activity_count', storage);
    h = rememberStatement(h, '  SELECT 1  ', storage);
    h = rememberStatement(h, 'SELECT * FROM activity_count', storage);
    h = rememberStatement(h, '   ', storage);
    expect(h).toEqual(['SELECT * FROM activity_count', 'SELECT 1']);
    expect(loadHistory(storage)).toEqual(h);
  });

  it('keeps the newest HISTORY_SIZE', () => {
    let h: string[] = [];
    for (let i = 0; i < HISTORY_SIZE + 5; i++) h = rememberStatement(h, `SELECT ${i}`, null);
    expect(h).toHaveLength(HISTORY_SIZE);
    expect(h[0]).toBe(`SELECT ${HISTORY_SIZE + 4}`);
  });

  it('forgets a corrupt saved history instead of failing', () => {
    expect(loadHistory(memoryStorage({ [HISTORY_KEY]: '{not json' }))).toEqual([]);
    expect(loadHistory(memoryStorage({ [HISTORY_KEY]: '[1, "SELECT 2"]' }))).toEqual(['SELECT 2']);
    expect(loadHistory(null)).toEqual([]);
  });

  it('offers the next larger row limit, up to 100,000', () => {
    expect(nextRowLimit(1_000)).toBe(10_000);
    expect(nextRowLimit(10_000)).toBe(100_000);
    expect(nextRowLimit(100_000)).toBeNull();
  });
});
