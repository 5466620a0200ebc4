/**
 * Column widths: auto-fit to the widest of the header and a sample of cells, within bounds
 * a user can still widen by dragging (truncated cells were a top complaint, ui-anchors.md
 * (c) 13; the full value is always one Space away in the row detail).
 */

export const MIN_COLUMN_WIDTH = 56;
export const MAX_AUTO_WIDTH = 420;
/** Cell padding and the room for the sort arrow and resize handle. */
const CHROME = 28;

/** Texts measured at most per fit: the longest ones, by characters. */
export const MEASURED_TEXTS = 16;

/**
 * Width in px that fits the texts in `texts` (measured by `measure`), clamped. Only the
 * MEASURED_TEXTS longest distinct texts are measured: a canvas measureText costs ~20 µs, and
 * a grid fitting ten columns from 200 sampled rows each time it mounts spent 40–60 ms on it
 * (a long task; issue 8). In one column the widest text is among the longest.
 */
export function autoFitWidth(
  texts: Iterable<string>,
  measure: (text: string) => number,
  max: number = MAX_AUTO_WIDTH,
): number {
  const longest = [...new Set(texts)].sort((a, b) => b.length - a.length).slice(0, MEASURED_TEXTS);
  let widest = 0;
  for (const t of longest) widest = Math.max(widest, measure(t));
  return clampWidth(Math.ceil(widest) + CHROME, max);
}

export function clampWidth(width: number, max = 4000): number {
  return Math.max(MIN_COLUMN_WIDTH, Math.min(max, Math.round(width)));
}

/**
 * A text measurer for `font` (a CSS font shorthand) on a canvas; where there is no canvas
 * (tests, a failed context) an estimate of 0.6 em per character.
 */
export function textMeasure(font: string, fontSizePx = 13): (text: string) => number {
  const estimate = (text: string): number => text.length * fontSizePx * 0.6;
  const page = globalThis as { document?: { createElement(tag: 'canvas'): unknown } };
  const canvas = page.document?.createElement('canvas') as
    | { getContext(kind: '2d'): TextContext | null }
    | undefined;
  const context = canvas?.getContext('2d') ?? null;
  if (context === null) return estimate;
  context.font = font;
  return (text) => context.measureText(text).width;
}

/** What textMeasure uses of a 2D canvas context. */
interface TextContext {
  font: string;
  measureText(text: string): { width: number };
}
