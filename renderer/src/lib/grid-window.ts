/**
 * Row windowing and keyboard movement for a grid of fixed-height rows: only the rows in
 * the viewport (plus a few either side, so a fast scroll shows no blank band) are drawn,
 * whatever the row count — the answer to grids that freeze at 100k rows (ui-anchors.md
 * (c) 4).
 */

export interface RowWindow {
  /** First view row drawn. */
  readonly start: number;
  /** One past the last view row drawn. */
  readonly end: number;
}

export function visibleRows(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  rowCount: number,
  overscan = 8,
): RowWindow {
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const shown = Math.ceil(Math.max(0, viewportHeight) / rowHeight) + 1;
  return {
    start: Math.max(0, Math.min(rowCount, first - overscan)),
    end: Math.min(rowCount, first + shown + overscan),
  };
}

/** Rows a PageUp/PageDown moves: the rows that fit, less one kept for context. */
export function pageRows(viewportHeight: number, rowHeight: number): number {
  return Math.max(1, Math.floor(viewportHeight / rowHeight) - 1);
}

/**
 * Where the cursor goes for a navigation key (arrows, PageUp/PageDown, Home/End), or null
 * for any other key. The cursor is a view row; -1 means none yet (the first move lands
 * on row 0).
 */
export function moveCursor(
  cursor: number,
  key: string,
  page: number,
  rowCount: number,
): number | null {
  if (rowCount === 0) return null;
  const from = cursor < 0 ? -1 : Math.min(cursor, rowCount - 1);
  let to: number;
  switch (key) {
    case 'ArrowDown':
      to = from + 1;
      break;
    case 'ArrowUp':
      to = from < 0 ? 0 : from - 1;
      break;
    case 'PageDown':
      to = from < 0 ? page : from + page;
      break;
    case 'PageUp':
      to = from - page;
      break;
    case 'Home':
      to = 0;
      break;
    case 'End':
      to = rowCount - 1;
      break;
    default:
      return null;
  }
  return Math.max(0, Math.min(rowCount - 1, to));
}

/** The scrollTop that brings view row `row` fully into the viewport, moving as little as it can. */
export function scrollToRow(
  row: number,
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
): number {
  const top = row * rowHeight;
  if (top < scrollTop) return top;
  const bottom = top + rowHeight;
  if (bottom > scrollTop + viewportHeight) return Math.max(0, bottom - viewportHeight);
  return scrollTop;
}
