/**
 * Chart.js, registered once with only the pieces Tidemark draws (tree-shaken imports), and a
 * background plugin: a canvas is transparent by default, so an exported PNG would lose the
 * panel colour behind the lines. Chart.js needs no eval, so the page's CSP stays as it is.
 */
import {
  Chart,
  Decimation,
  Filler,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartType,
  type Plugin,
} from 'chart.js';

declare module 'chart.js' {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the augmented interface's own parameter
  interface PluginOptionsByType<TType extends ChartType> {
    tidemarkBackground?: { color?: string };
  }
}

/** Paints `options.color` under everything else (Chart.js "canvas background" recipe). */
const background: Plugin<'line', { color?: string }> = {
  id: 'tidemarkBackground',
  beforeDraw(chart, _args, options) {
    if (options.color === undefined) return;
    const { ctx } = chart;
    ctx.save();
    ctx.globalCompositeOperation = 'destination-over';
    ctx.fillStyle = options.color;
    ctx.fillRect(0, 0, chart.width, chart.height);
    ctx.restore();
  },
};

let registered = false;

export function registerCharts(): typeof Chart {
  if (!registered) {
    Chart.register(
      LineController,
      LineElement,
      PointElement,
      LinearScale,
      Tooltip,
      Filler,
      Decimation,
      background,
    );
    registered = true;
  }
  return Chart;
}

/** Series colours, distinguishable in both themes. */
export const SERIES_COLORS = [
  '#2f6fde',
  '#e0792b',
  '#2a9d8f',
  '#c23b8a',
  '#8a63d2',
  '#b59a1b',
  '#6b7280',
  '#d64545',
];

/** The page's theme colours (App.svelte's CSS variables), read when a chart (re)draws. */
export function themeColors(element: Element): {
  text: string;
  muted: string;
  grid: string;
  panel: string;
} {
  const style = getComputedStyle(element);
  const read = (name: string, fallback: string): string =>
    style.getPropertyValue(name).trim() || fallback;
  return {
    text: read('--text', '#1d2433'),
    muted: read('--muted', '#5b6475'),
    grid: read('--border', '#dde1e8'),
    panel: read('--panel', '#ffffff'),
  };
}
