/**
 * The dashboard's charts, as Spark's Structured Streaming statistics page has them
 * (StreamingQueryStatisticsPage: Input Rate, Process Rate, Input Rows, Batch Duration,
 * Operation Duration, Global Watermark Gap, aggregated state rows, state memory, rows dropped
 * by watermark) plus Tidemark's corrupt records. Each chart is data only: the x values
 * (batch ids, with their start times) and its series, each with a label, unit and the
 * definition its tooltip shows (metric-definitions.ts).
 */
import type { TriggerInfo } from '../../../engine/service/protocol';
import type { ChartColumn } from './chart-export';
import {
  DURATION_PARTS,
  durationSplit,
  finiteOrNull,
  hasState,
  hasWatermark,
  watermarkGapSeconds,
} from './dashboard-series';
import { METRICS, PHASES } from './metric-definitions';

export interface ChartSeries {
  /** Stable id (dataset id, CSV column). */
  readonly key: string;
  readonly label: string;
  readonly definition: string;
  /** One value per trigger; null is a gap. */
  readonly values: readonly (number | null)[];
  /** Drawn stacked on the other stacked series of its chart (duration parts). */
  readonly stacked: boolean;
}

export interface DashboardChart {
  readonly id: string;
  readonly title: string;
  /** Unit of every series, as the axis and tooltip print it. */
  readonly unit: string;
  readonly batchIds: readonly number[];
  readonly timestamps: readonly string[];
  readonly series: readonly ChartSeries[];
  /** Shown instead of the chart when there is nothing it could plot (no watermark, no state). */
  readonly absentReason: string | null;
}

const line = (
  key: string,
  label: string,
  definition: string,
  values: readonly (number | null)[],
): ChartSeries => ({
  key,
  label,
  definition,
  values,
  stacked: false,
});

export function dashboardCharts(triggers: readonly TriggerInfo[]): DashboardChart[] {
  const batchIds = triggers.map((t) => t.batchId);
  const timestamps = triggers.map((t) => t.timestamp);
  const chart = (
    id: string,
    title: string,
    unit: string,
    series: readonly ChartSeries[],
    absentReason: string | null = null,
  ): DashboardChart => ({ id, title, unit, batchIds, timestamps, series, absentReason });
  const detail = <K extends keyof NonNullable<TriggerInfo['detail']>>(k: K) =>
    triggers.map((t) => finiteOrNull(t.detail?.[k] as number | null | undefined));
  const noState = hasState(triggers)
    ? null
    : 'No state: this query has no stateful operator (aggregation, deduplication, join), so it keeps no state rows and drops nothing by watermark.';
  const split = durationSplit(triggers);

  return [
    chart('input-rate', 'Input rate', 'rows/s', [
      line(
        'inputRowsPerSecond',
        'Input rate',
        METRICS.inputRowsPerSecond.definition,
        triggers.map((t) => finiteOrNull(t.inputRowsPerSecond)),
      ),
    ]),
    chart('process-rate', 'Processing rate', 'rows/s', [
      line(
        'processedRowsPerSecond',
        'Processing rate',
        METRICS.processedRowsPerSecond.definition,
        triggers.map((t) => finiteOrNull(t.processedRowsPerSecond)),
      ),
    ]),
    chart('input-rows', 'Input rows', 'rows', [
      line(
        'numInputRows',
        'Input rows',
        METRICS.numInputRows.definition,
        triggers.map((t) => finiteOrNull(t.numInputRows)),
      ),
    ]),
    chart('batch-duration', 'Batch duration by phase', 'ms', [
      ...DURATION_PARTS.map((p) => ({
        key: p,
        label: p,
        definition: `durationMs.${p}: time spent on ${PHASES[p] ?? 'a phase of the trigger'}.`,
        values: split.parts[p],
        stacked: true,
      })),
      {
        key: 'other',
        label: 'other',
        definition:
          'The rest of triggerExecution: work outside the timed phases (listing files, reporting progress).',
        values: split.other,
        stacked: true,
      },
      line(
        'triggerExecution',
        'triggerExecution (total)',
        `durationMs.triggerExecution: ${PHASES.triggerExecution}.`,
        split.total,
      ),
    ]),
    chart(
      'watermark-gap',
      'Watermark gap',
      's',
      [
        line(
          'watermarkGap',
          'Watermark gap',
          'Trigger start minus the watermark in force: how far event time must still advance before append mode emits a window (Spark UI "Global Watermark Gap"). No point before the first watermark.',
          triggers.map(watermarkGapSeconds),
        ),
      ],
      hasWatermark(triggers)
        ? null
        : 'No watermark: this query has no withWatermark, so nothing is late and state is never evicted by event time.',
    ),
    chart(
      'state-rows',
      'State rows',
      'rows',
      [
        line(
          'stateRowsTotal',
          'State rows',
          METRICS.numRowsTotal.definition,
          detail('stateRowsTotal'),
        ),
        line(
          'stateRowsUpdated',
          'State rows updated',
          METRICS.numRowsUpdated.definition,
          detail('stateRowsUpdated'),
        ),
      ],
      noState,
    ),
    chart(
      'state-memory',
      'State memory',
      'bytes',
      [
        line(
          'stateMemoryBytes',
          'State memory',
          METRICS.memoryUsedBytes.definition,
          detail('stateMemoryBytes'),
        ),
      ],
      noState,
    ),
    chart(
      'dropped-rows',
      'Rows dropped by watermark',
      'rows',
      [
        line(
          'rowsDroppedByWatermark',
          'Dropped by watermark',
          METRICS.numRowsDroppedByWatermark.definition,
          detail('rowsDroppedByWatermark'),
        ),
      ],
      noState,
    ),
    chart('corrupt-records', 'Corrupt records', 'records', [
      line(
        'numCorruptRecords',
        'Corrupt records',
        'Malformed input records the reader met in this trigger (PERMISSIVE keeps them as rows with _corrupt_record, DROPMALFORMED drops them, FAILFAST fails).',
        detail('numCorruptRecords'),
      ),
    ]),
  ];
}

/** The chart's numbers as CSV columns: batch id, start time, then each series (rows = triggers). */
export function chartColumns(chart: DashboardChart): ChartColumn[] {
  return [
    { label: 'batchId', values: chart.batchIds },
    { label: 'timestamp', values: chart.timestamps },
    ...chart.series.map((s) => ({ label: `${s.label} (${chart.unit})`, values: s.values })),
  ];
}

/** How many triggers have a value in the chart's first series (its plotted points). */
export function pointCount(chart: DashboardChart): number {
  const first = chart.series[0];
  return first === undefined ? 0 : first.values.filter((v) => v !== null).length;
}

/** A value as the tooltip prints it: exact (no rounding beyond float noise), with its unit. */
export function exactValue(value: number | null, unit: string): string {
  if (value === null || !Number.isFinite(value)) return 'no value';
  const text = Number.isInteger(value)
    ? value.toLocaleString('en-US')
    : value.toLocaleString('en-US', { maximumFractionDigits: 6 });
  return `${text} ${unit}`;
}
