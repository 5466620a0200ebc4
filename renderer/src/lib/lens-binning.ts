/**
 * The points of the late-data scatter (event time against arrival time), one series per fate.
 * Up to `maxPoints` rows every row is a point, carrying its trigger and row so a click can
 * explain it. Above that the rows are binned into a 2D histogram per fate: one point per
 * non-empty cell, at the cell's centre, with its row count (drawn as the point's size) and one
 * row of it to explain — a million rows become a few thousand points that still show where
 * the dropped rows lie.
 */
export interface ScatterPoint {
  /** Arrival (trigger) time, ms since the epoch. */
  readonly x: number;
  /** Event time, ms since the epoch. */
  readonly y: number;
  /** Rows this point stands for (1 when not binned). */
  readonly count: number;
  /** A row it stands for: its trigger and index (explainLateRow). */
  readonly batchId: number;
  readonly row: number;
}

export interface ScatterSeries {
  readonly fate: number;
  readonly points: readonly ScatterPoint[];
  readonly numRows: number;
}

export interface Scatter {
  readonly series: readonly ScatterSeries[];
  readonly binned: boolean;
  /** Cell size when binned (ms), else null. */
  readonly cell: { readonly width: number; readonly height: number } | null;
}

export interface ScatterInput {
  readonly arrivalUs: Float64Array;
  readonly eventTimeUs: Float64Array;
  readonly fate: Uint8Array;
  readonly batchId: Int32Array;
  readonly row: Int32Array;
}

export interface BinningOptions {
  /** Rows drawn one by one up to this many (default 20,000). */
  readonly maxPoints?: number;
  readonly binsX?: number;
  readonly binsY?: number;
}

/** The fates drawn, in drawing order (dropped last, on top). */
export const DRAWN_FATES = [0, 1, 2] as const;

export function scatterOf(input: ScatterInput, options: BinningOptions = {}): Scatter {
  const maxPoints = options.maxPoints ?? 20_000;
  const n = input.fate.length;
  if (n <= maxPoints)
    return { series: DRAWN_FATES.map((f) => rawSeries(input, f)), binned: false, cell: null };
  return binned(input, options.binsX ?? 160, options.binsY ?? 100);
}

function rawSeries(input: ScatterInput, fate: number): ScatterSeries {
  const points: ScatterPoint[] = [];
  for (let i = 0; i < input.fate.length; i++) {
    if (input.fate[i] !== fate) continue;
    const x = input.arrivalUs[i] / 1000;
    const y = input.eventTimeUs[i] / 1000;
    if (x !== x || y !== y) continue;
    points.push({ x, y, count: 1, batchId: input.batchId[i], row: input.row[i] });
  }
  return { fate, points, numRows: points.length };
}

function binned(input: ScatterInput, binsX: number, binsY: number): Scatter {
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  const n = input.fate.length;
  for (let i = 0; i < n; i++) {
    const x = input.arrivalUs[i];
    const y = input.eventTimeUs[i];
    if (x !== x || y !== y) continue;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  const width = (maxX - minX) / binsX || 1;
  const height = (maxY - minY) / binsY || 1;
  const cells = binsX * binsY;
  const series = DRAWN_FATES.map((fate) => {
    const counts = new Int32Array(cells);
    const first = new Int32Array(cells).fill(-1);
    let numRows = 0;
    for (let i = 0; i < n; i++) {
      if (input.fate[i] !== fate) continue;
      const x = input.arrivalUs[i];
      const y = input.eventTimeUs[i];
      if (x !== x || y !== y) continue;
      const cx = Math.min(binsX - 1, Math.floor((x - minX) / width));
      const cy = Math.min(binsY - 1, Math.floor((y - minY) / height));
      const c = cy * binsX + cx;
      if (counts[c]++ === 0) first[c] = i;
      numRows++;
    }
    const points: ScatterPoint[] = [];
    for (let c = 0; c < cells; c++) {
      if (counts[c] === 0) continue;
      const i = first[c];
      const cx = c % binsX;
      const cy = Math.floor(c / binsX);
      points.push({
        x: (minX + (cx + 0.5) * width) / 1000,
        y: (minY + (cy + 0.5) * height) / 1000,
        count: counts[c],
        batchId: input.batchId[i],
        row: input.row[i],
      });
    }
    return { fate, points, numRows };
  });
  return { series, binned: true, cell: { width: width / 1000, height: height / 1000 } };
}

/** A binned point's radius: grows with the square root of its rows (area ∝ count), capped. */
export function binRadius(count: number, maxCount: number): number {
  if (count <= 1 || maxCount <= 1) return 2.5;
  return 2.5 + 7.5 * Math.sqrt((count - 1) / (maxCount - 1));
}
