/**
 * What each progress number means and in which unit — every metric's tooltip (ui-anchors.md
 * (c) 11: metrics with unclear meaning). Definitions follow Spark's StreamingQueryProgress,
 * SourceProgress and StateOperatorProgress scaladoc, and the Structured Streaming UI's
 * tooltips (StreamingQueryStatisticsPage).
 */

export interface MetricDefinition {
  /** As the UI labels it. */
  readonly label: string;
  /** Spark's field name in the progress JSON. */
  readonly field: string;
  readonly definition: string;
  readonly unit: string;
}

export const METRICS = {
  numInputRows: {
    label: 'Input rows',
    field: 'numInputRows',
    definition: 'Rows read from all sources by this trigger.',
    unit: 'rows',
  },
  inputRowsPerSecond: {
    label: 'Input rows/s',
    field: 'inputRowsPerSecond',
    definition:
      'Input rows of this trigger divided by the seconds since the previous trigger started: how fast data arrives. Absent for the first trigger.',
    unit: 'rows per second',
  },
  processedRowsPerSecond: {
    label: 'Processed rows/s',
    field: 'processedRowsPerSecond',
    definition:
      'Input rows of this trigger divided by its duration: how fast the query processes. Below the input rate, the query falls behind.',
    unit: 'rows per second',
  },
  batchDuration: {
    label: 'Batch duration',
    field: 'batchDuration',
    definition: 'Wall-clock time of this trigger, from planning to commit.',
    unit: 'milliseconds',
  },
  watermark: {
    label: 'Watermark',
    field: 'eventTime.watermark',
    definition:
      'Event times older than this are late: aggregations drop them and append mode may emit windows that end before it. Set by withWatermark; computed at the end of the previous trigger.',
    unit: 'timestamp (UTC)',
  },
  numRows: {
    label: 'Result rows',
    field: 'memory sink table',
    definition:
      'Rows in the result table (the memory sink) after this trigger; added and updated rows are highlighted in the grid.',
    unit: 'rows',
  },
  timestamp: {
    label: 'Started',
    field: 'timestamp',
    definition: 'When this trigger started.',
    unit: 'timestamp (UTC)',
  },
  numRowsTotal: {
    label: 'State rows',
    field: 'stateOperators[].numRowsTotal',
    definition: 'Rows (keys) held in the state store of the stateful operators after this trigger.',
    unit: 'rows',
  },
  numRowsUpdated: {
    label: 'State rows updated',
    field: 'stateOperators[].numRowsUpdated',
    definition: 'State rows written or changed by this trigger.',
    unit: 'rows',
  },
  numRowsDroppedByWatermark: {
    label: 'Dropped by watermark',
    field: 'stateOperators[].numRowsDroppedByWatermark',
    definition:
      'Input rows too late for the watermark, dropped by the stateful operators. Spark counts them after partial aggregation, so several late input rows of one group count once (SPARK-24634).',
    unit: 'rows',
  },
  memoryUsedBytes: {
    label: 'State memory',
    field: 'stateOperators[].memoryUsedBytes',
    definition: 'Memory the state stores use after this trigger.',
    unit: 'bytes',
  },
} satisfies Record<string, MetricDefinition>;

/** The phases of durationMs, as Spark's ProgressReporter times them. */
export const PHASES: Readonly<Record<string, string>> = {
  triggerExecution: 'the whole trigger (the other phases are parts of it)',
  latestOffset: 'asking the sources for their newest offsets',
  getBatch: 'building the batch from the sources’ new data',
  queryPlanning: 'planning the batch’s query',
  walCommit: 'writing the offsets log (write-ahead log)',
  addBatch: 'running the batch and writing it to the sink',
  commitOffsets: 'writing the commits log',
};

/** `Input rows — numInputRows: Rows read … Unit: rows.` */
export function metricTooltip(metric: MetricDefinition): string {
  return `${metric.label} — ${metric.field}: ${metric.definition} Unit: ${metric.unit}.`;
}

export function phaseTooltip(phase: string): string {
  const meaning = PHASES[phase] ?? 'a phase of the trigger';
  return `durationMs.${phase}: time spent on ${meaning}. Unit: milliseconds.`;
}
