/**
 * Chart.js configurations of the lens's charts, built from the shaped data (lens-binning.ts,
 * lens-series.ts). Fates are told apart by colour and by shape, with the Okabe–Ito palette
 * (safe for the common colour-vision deficiencies): on time a blue circle, late but counted
 * an orange triangle, dropped a vermillion cross. Times on the axes are ms since the epoch,
 * printed as UTC clock times.
 */
import type { ChartConfiguration, ChartDataset, PointStyle, TooltipItem } from 'chart.js';
import { binRadius, type Scatter, type ScatterPoint } from './lens-binning';
import type { WindowBand, WindowHistory, WindowMark, XY } from './lens-series';

export const FATE_STYLE: Readonly<
  Record<number, { label: string; color: string; shape: PointStyle }>
> = {
  0: { label: 'on time', color: '#0072B2', shape: 'circle' },
  1: { label: 'late, counted', color: '#E69F00', shape: 'triangle' },
  2: { label: 'dropped', color: '#D55E00', shape: 'crossRot' },
};

export const WATERMARK_COLOR = '#009E73';
const SERIES = [
  '#0072B2',
  '#D55E00',
  '#009E73',
  '#CC79A7',
  '#E69F00',
  '#56B4E9',
  '#F0E442',
  '#000000',
];

const MARK_STYLE: Readonly<Record<WindowMark, PointStyle>> = {
  update: 'circle',
  late: 'triangle',
  refused: 'crossRot',
  finalised: 'rectRot',
  evicted: 'rect',
};

/** `HH:mm:ss` (UTC) for an axis tick, with milliseconds when the instant has them. */
export function clock(ms: number): string {
  const iso = new Date(ms).toISOString();
  return ms % 1000 === 0 ? iso.slice(11, 19) : iso.slice(11, 23);
}

/** The full instant (UTC) for tooltips and labels: the date only when it is not 1970-01-01. */
export function instant(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.startsWith('1970-01-01') ? clock(ms) : `${iso.slice(0, 10)} ${clock(ms)}`;
}

export interface ScatterChartInput {
  readonly scatter: Scatter;
  readonly watermark: readonly XY[];
  readonly bands: readonly WindowBand[];
  readonly colors: { readonly text: string; readonly grid: string };
  /** Called with the point clicked (any fate; the lens explains dropped ones). */
  readonly onPoint?: (point: ScatterPoint, fate: number) => void;
}

export function scatterConfig(
  input: ScatterChartInput,
): ChartConfiguration<'scatter', (ScatterPoint | XY)[]> {
  const maxCount = Math.max(
    1,
    ...input.scatter.series.flatMap((s) => s.points.map((p) => p.count)),
  );
  const fateSets: ChartDataset<'scatter', (ScatterPoint | XY)[]>[] = input.scatter.series.map(
    (s) => {
      const style = FATE_STYLE[s.fate];
      return {
        label: `${style.label} (${s.numRows.toLocaleString('en-US')})`,
        data: [...s.points],
        backgroundColor: style.color + 'b0',
        borderColor: style.color,
        pointStyle: style.shape,
        pointRadius: input.scatter.binned
          ? s.points.map((p) => binRadius(p.count, maxCount))
          : s.fate === 2
            ? 4
            : 2.5,
        pointHoverRadius: 6,
        borderWidth: s.fate === 2 ? 1.5 : 1,
      };
    },
  );
  const watermark: ChartDataset<'scatter', (ScatterPoint | XY)[]> = {
    type: 'line' as never,
    label: 'watermark for late rows',
    data: [...input.watermark],
    borderColor: WATERMARK_COLOR,
    backgroundColor: WATERMARK_COLOR,
    borderWidth: 2,
    pointRadius: 0,
    showLine: true,
    stepped: 'before',
  } as ChartDataset<'scatter', (ScatterPoint | XY)[]>;
  return {
    type: 'scatter',
    data: { datasets: input.watermark.length > 0 ? [...fateSets, watermark] : fateSets },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      parsing: false,
      normalized: true,
      scales: {
        x: axis('arrival (trigger) time, UTC', input.colors, clock),
        y: axis('event time, UTC', input.colors, clock),
      },
      plugins: {
        legend: { labels: { color: input.colors.text, usePointStyle: true } },
        tooltip: {
          callbacks: {
            label: (item: TooltipItem<'scatter'>) => pointLabel(item.raw as ScatterPoint | XY),
          },
        },
        lensWindowBands: { bands: input.bands },
      },
      onClick: (_event, elements, chart) => {
        const hit = elements[0];
        if (hit === undefined || input.onPoint === undefined) return;
        const series = input.scatter.series[hit.datasetIndex];
        if (series === undefined) return;
        const point = chart.data.datasets[hit.datasetIndex].data[hit.index] as ScatterPoint;
        input.onPoint(point, series.fate);
      },
    },
  };
}

function pointLabel(p: ScatterPoint | XY): string {
  const base = `event ${instant(p.y)}, arrived ${instant(p.x)}`;
  return 'count' in p && p.count > 1
    ? `${p.count.toLocaleString('en-US')} rows near ${base}`
    : base;
}

function axis(
  title: string,
  colors: { text: string; grid: string },
  format?: (v: number) => string,
) {
  return {
    type: 'linear' as const,
    title: { display: true, text: title, color: colors.text },
    ticks: {
      color: colors.text,
      ...(format ? { callback: (v: number | string) => format(Number(v)) } : {}),
    },
    grid: { color: colors.grid },
  };
}

/** Batch ids are whole numbers: one tick per trigger at most. */
function batchAxis(colors: { text: string; grid: string }) {
  const a = axis('trigger (batch id)', colors);
  return { ...a, ticks: { ...a.ticks, stepSize: 1, precision: 0 } };
}

/** Chart (2): each window's count over triggers; marks where late rows updated it, where it was finalised and evicted. */
export function windowCountsConfig(
  histories: readonly WindowHistory[],
  colors: { text: string; grid: string },
): ChartConfiguration<'line', XY[]> {
  return {
    type: 'line',
    data: {
      datasets: histories.map((w, i) => ({
        label: `[${instant(w.startMs)}, ${clock(w.endMs)})`,
        data: w.points.map((p) => ({ x: p.batchId, y: p.count })),
        borderColor: SERIES[i % SERIES.length],
        backgroundColor: SERIES[i % SERIES.length],
        pointStyle: w.points.map((p) => MARK_STYLE[p.mark]),
        pointRadius: w.points.map((p) => (p.mark === 'update' ? 2 : 6)),
        borderWidth: 1.5,
      })),
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      parsing: false,
      scales: { x: batchAxis(colors), y: axis('rows counted', colors) },
      plugins: {
        legend: { labels: { color: colors.text, usePointStyle: true, boxWidth: 8 } },
        tooltip: {
          callbacks: {
            label: (item: TooltipItem<'line'>) =>
              `${item.dataset.label}: ${item.parsed.y} after batch ${item.parsed.x} (${histories[item.datasetIndex]?.points[item.dataIndex]?.mark ?? ''})`,
          },
        },
      },
    },
  };
}

/** Lines over triggers (x: batch id), one per named series: charts (3) and (4). */
export function triggerLinesConfig(
  series: readonly { label: string; data: readonly XY[]; dashed?: boolean }[],
  yTitle: string,
  colors: { text: string; grid: string },
): ChartConfiguration<'line', XY[]> {
  return {
    type: 'line',
    data: {
      datasets: series.map((s, i) => ({
        label: s.label,
        data: [...s.data],
        borderColor: SERIES[i % SERIES.length],
        backgroundColor: SERIES[i % SERIES.length],
        borderDash: s.dashed ? [6, 4] : [],
        pointRadius: 2,
        borderWidth: 2,
      })),
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      parsing: false,
      scales: { x: batchAxis(colors), y: { ...axis(yTitle, colors), beginAtZero: true } },
      plugins: { legend: { labels: { color: colors.text } } },
    },
  };
}
