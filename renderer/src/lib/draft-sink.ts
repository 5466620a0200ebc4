/**
 * The sink, output mode and trigger of a draft: what each output mode means (shown next to
 * the picker, so "my query outputs nothing" is answered before it is asked), and how the
 * trigger picker's choice becomes a TriggerSpec. Which choices are allowed, and why not, is
 * the engine's answer (DraftAnalysis.outputModes / sinks / triggers).
 */
import type { SinkSpec, TriggerSpec } from '../../../engine/plan/logical-plan';

export type OutputMode = SinkSpec['outputMode'];
export type TriggerKind = TriggerSpec['kind'];

/** The three modes as Spark's programming guide defines them (OutputMode's Javadoc). */
export const OUTPUT_MODE_MEANING: Readonly<Record<OutputMode, string>> = {
  append:
    'Append: each trigger writes only the new rows of the result table, once they are final; a row is never written twice (an aggregation needs a watermark).',
  update:
    'Update: each trigger writes only the rows of the result table that changed since the last trigger.',
  complete: 'Complete: each trigger writes the whole result table again (aggregations only).',
};

export const TRIGGER_LABELS: Readonly<Record<TriggerKind, string>> = {
  default: 'As soon as the previous batch ends',
  processingTime: 'Every fixed interval',
  once: 'Once, then stop',
  availableNow: 'All available data, then stop',
};

export const SINK_LABELS: Readonly<Record<string, string>> = {
  memory: 'memory (a table named after the query)',
  console: 'console (printed by the engine)',
  json: 'json files',
  csv: 'csv files',
  parquet: 'parquet files',
  noop: 'noop (discard)',
  kafka: 'kafka (records to a topic)',
};

/** The default interval offered when the processing-time trigger is picked. */
export const DEFAULT_TRIGGER_INTERVAL = '5 seconds';

/** A new draft's sink: the lab's memory sink, append mode, default trigger. */
export function defaultSink(): SinkSpec {
  return { format: 'memory', outputMode: 'append', options: {}, trigger: { kind: 'default' } };
}

export function triggerSpec(kind: TriggerKind, interval: string): TriggerSpec {
  return kind === 'processingTime' ? { kind, interval } : { kind };
}

/** File sinks write to a folder (option `path`) and need a checkpoint, as in Spark. */
export function sinkWritesFiles(format: string): boolean {
  return ['json', 'csv', 'parquet', 'text', 'orc'].includes(format.toLowerCase());
}
