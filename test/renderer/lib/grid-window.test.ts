import { describe, expect, it } from 'vitest';
import {
  moveCursor,
  pageRows,
  scrollToRow,
  visibleRows,
} from '../../../renderer/src/lib/grid-window';

describe('grid-window: only the rows in view are drawn', () => {
  it('draws the viewport’s rows plus overscan, whatever the row count', () => {
    expect(visibleRows(0, 260, 26, 100_000, 5)).toEqual({ start: 0, end: 16 });
    expect(visibleRows(26 * 50_000, 260, 26, 100_000, 5)).toEqual({ start: 49_995, end: 50_016 });
    expect(visibleRows(26 * 99_999, 260, 26, 100_000, 5)).toEqual({ start: 99_994, end: 100_000 });
    expect(visibleRows(0, 260, 26, 3, 5)).toEqual({ start: 0, end: 3 });
    expect(visibleRows(500, 260, 26, 0, 5)).toEqual({ start: 0, end: 0 });
  });

  it('moves the cursor with arrows, pages, Home and End, within the rows', () => {
    const page = pageRows(260, 26);
    expect(page).toBe(9);
    expect(moveCursor(-1, 'ArrowDown', page, 50)).toBe(0);
    expect(moveCursor(-1, 'ArrowUp', page, 50)).toBe(0);
    expect(moveCursor(3, 'ArrowUp', page, 50)).toBe(2);
    expect(moveCursor(0, 'ArrowUp', page, 50)).toBe(0);
    expect(moveCursor(3, 'PageDown', page, 50)).toBe(12);
    expect(moveCursor(45, 'PageDown', page, 50)).toBe(49);
    expect(moveCursor(5, 'PageUp', page, 50)).toBe(0);
    expect(moveCursor(20, 'Home', page, 50)).toBe(0);
    expect(moveCursor(20, 'End', page, 50)).toBe(49);
    expect(moveCursor(70, 'ArrowDown', page, 50)).toBe(49);
    expect(moveCursor(3, 'x', page, 50)).toBeNull();
    expect(moveCursor(0, 'ArrowDown', page, 0)).toBeNull();
  });

  it('scrolls as little as needed to show the cursor row', () => {
    expect(scrollToRow(5, 0, 260, 26)).toBe(0);
    expect(scrollToRow(10, 0, 260, 26)).toBe(26);
    expect(scrollToRow(2, 260, 260, 26)).toBe(52);
  });
});
