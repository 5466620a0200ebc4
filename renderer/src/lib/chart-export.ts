/**
 * Exporting a chart (issue 6 §4), for the dashboard, the late-data lens and the builder
 * alike: the picture as PNG bytes straight from the chart's canvas, and the numbers behind
 * it as CSV. What is exported is what is on screen, never a recomputation (ui-anchors.md (c) 9).
 */
import { toCSV, type CsvValue } from './table-csv';

/** The part of an HTMLCanvasElement the export uses (a structural type, so tests can stub it). */
export interface PngCanvas {
  readonly width: number;
  readonly height: number;
  toBlob(callback: (blob: Blob | null) => void, type?: string): void;
}

/** The part of a Chart.js Chart the export uses. */
export interface ExportableChart {
  readonly canvas: PngCanvas;
}

/**
 * The chart's canvas as PNG bytes, at the canvas's pixel size (device pixels: a 2× screen
 * gives a 2× picture). The canvas holds its own background (chart-setup.ts's background
 * plugin), so the PNG looks as the chart does on screen.
 */
export function chartToPNG(chart: ExportableChart): Promise<Uint8Array> {
  const { canvas } = chart;
  if (canvas.width === 0 || canvas.height === 0)
    return Promise.reject(new Error('The chart is not drawn yet (its canvas has no size).'));
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => {
      if (blob === null) return reject(new Error('The browser could not encode the chart as PNG.'));
      blob.arrayBuffer().then((buffer) => resolve(new Uint8Array(buffer)), reject);
    }, 'image/png');
  });
}

/** One column of a chart's data: the x values (batch, time) or one plotted series. */
export interface ChartColumn {
  /** The CSV header: the series label with its unit, e.g. `Input rate (rows/s)`. */
  readonly label: string;
  /** One value per row; null is a gap on the chart and an empty field in the CSV. */
  readonly values: readonly CsvValue[];
}

/**
 * A chart's data as CSV: one row per x position (for the dashboard, one per trigger), one
 * column per given column. Columns shorter than the longest are padded with empty fields.
 */
export function chartDataToCSV(series: readonly ChartColumn[]): string {
  const numRows = Math.max(0, ...series.map((c) => c.values.length));
  const rows: CsvValue[][] = [];
  for (let i = 0; i < numRows; i++) rows.push(series.map((c) => c.values[i] ?? null));
  return toCSV(
    series.map((c) => c.label),
    rows,
  );
}

/** Width and height from a PNG's IHDR chunk, or null when `bytes` is not a PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | null {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || signature.some((b, i) => bytes[i] !== b)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** The part of a Chart.js configuration the CSV of any chart reads. */
export interface ChartDataLike {
  readonly data: {
    readonly labels?: readonly unknown[];
    readonly datasets: readonly { readonly label?: string; readonly data: readonly unknown[] }[];
  };
}

/**
 * Any chart's data as CSV, whatever its kind: a chart with category labels gives one row
 * per label and one column per dataset; a chart of {x, y} points (scatters, time lines)
 * gives one row per point as `series, x, y`. Used where no richer column model exists
 * (the late-data lens); the dashboard writes its own, with units.
 */
export function chartConfigToCSV(config: ChartDataLike): string {
  const { labels, datasets } = config.data;
  if (labels !== undefined && labels.length > 0) {
    return chartDataToCSV([
      { label: 'x', values: labels.map(csvCell) },
      ...datasets.map((d, i) => ({
        label: d.label ?? `series ${i + 1}`,
        values: d.data.map((v) => csvCell(isPoint(v) ? v.y : v)),
      })),
    ]);
  }
  const rows: CsvValue[][] = [];
  datasets.forEach((d, i) => {
    for (const v of d.data)
      if (isPoint(v)) rows.push([d.label ?? `series ${i + 1}`, csvCell(v.x), csvCell(v.y)]);
  });
  return toCSV(['series', 'x', 'y'], rows);
}

function isPoint(v: unknown): v is { x: unknown; y: unknown } {
  return typeof v === 'object' && v !== null && 'x' in v && 'y' in v;
}

function csvCell(v: unknown): CsvValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  return String(v);
}
