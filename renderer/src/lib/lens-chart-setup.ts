/**
 * Chart.js for the late-data lens: the scatter and line controllers it draws (tree-shaken
 * imports, registered once) and a plugin that shades event-time windows as horizontal bands
 * behind the points. Chart.js evaluates no strings, so the page's CSP stays as it is.
 */
import {
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  ScatterController,
  Tooltip,
  type ChartType,
  type Plugin,
} from 'chart.js';

declare module 'chart.js' {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the augmented interface's own parameter
  interface PluginOptionsByType<TType extends ChartType> {
    lensWindowBands?: { bands?: readonly { startMs: number; endMs: number }[]; color?: string };
  }
}

/** Alternate windows shaded along the y (event-time) axis, so a row's window can be read off. */
const windowBands: Plugin<'scatter'> = {
  id: 'lensWindowBands',
  beforeDatasetsDraw(
    chart,
    _args,
    options: { bands?: readonly { startMs: number; endMs: number }[]; color?: string },
  ) {
    const bands = options.bands ?? [];
    const y = chart.scales.y;
    if (bands.length === 0 || y === undefined) return;
    const { ctx, chartArea } = chart;
    ctx.save();
    ctx.fillStyle = options.color ?? 'rgba(120, 120, 120, 0.08)';
    bands.forEach((b, i) => {
      if (i % 2 === 1) return;
      const top = Math.max(chartArea.top, y.getPixelForValue(b.endMs));
      const bottom = Math.min(chartArea.bottom, y.getPixelForValue(b.startMs));
      if (bottom > top)
        ctx.fillRect(chartArea.left, top, chartArea.right - chartArea.left, bottom - top);
    });
    ctx.restore();
  },
};

let registered = false;

export function registerLensCharts(): typeof Chart {
  if (!registered) {
    Chart.register(
      ScatterController,
      LineController,
      LineElement,
      PointElement,
      LinearScale,
      Tooltip,
      Legend,
      windowBands,
    );
    registered = true;
  }
  return Chart;
}
