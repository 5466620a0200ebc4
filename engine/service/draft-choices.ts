/**
 * Which output modes, sinks and triggers can run a drafted query, each judged by the check
 * DataStreamWriter.start() itself runs, so the reason shown is the one starting would give:
 * - output modes: UnsupportedOperationChecker.checkForStreaming (unsupported-operation-checker.ts);
 * - sinks: createSink's per-sink output-mode support (file sinks: append only) and, for kafka,
 *   KafkaWriter.validateQuery's column checks (a `value` column of string or binary);
 * - triggers: DataStreamWriter.trigger's validation (a processing-time interval must parse).
 */
import type { OutputMode } from '../exec/physical-plan';
import { WRITE_FORMATS } from '../io/formats/registry';
import { createSink, FILE_SINK_FORMATS } from '../io/sinks/create-sink';
import { optionValue } from '../io/sinks/console-sink';
import { validateKafkaSinkSchema } from '../io/sinks/kafka-sink-options';
import type { DataFrame } from '../plan/dataframe';
import type { SinkSpec, TriggerSpec } from '../plan/logical-plan';
import { checkForStreaming } from '../stream/unsupported-operation-checker';
import type { ChoiceCheck } from './protocol';

/** A check and, when the choice is refused, the error starting with it would raise. */
export interface JudgedChoice<T extends string> {
  readonly check: ChoiceCheck<T>;
  readonly error: unknown;
}

/** Allowed when `f` runs; refused with the message of what it throws. */
export function judgeChoice<T extends string>(value: T, f: () => unknown): JudgedChoice<T> {
  try {
    f();
    return { check: { value, allowed: true, reason: null }, error: null };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { check: { value, allowed: false, reason }, error };
  }
}

export const OUTPUT_MODES: readonly OutputMode[] = ['append', 'update', 'complete'];

/** Step 3 of DataStreamWriter.start, with the same session settings. */
export function judgeOutputMode(df: DataFrame, mode: OutputMode): JudgedChoice<OutputMode> {
  const session = df.session;
  return judgeChoice(mode, () => {
    if (session.conf.get('spark.sql.streaming.unsupportedOperationCheck', 'true') === 'false')
      return;
    checkForStreaming(
      df.plan,
      mode,
      (name) => {
        const entry = session.catalog.lookup(name);
        return entry?.kind === 'view' ? entry.plan : undefined;
      },
      {
        sparkCompatible: session.conf.get('spark.tidemark.sparkCompatible', 'false') === 'true',
        checkCorrectness:
          session.conf.get(
            'spark.sql.streaming.statefulOperator.checkCorrectness.enabled',
            'true',
          ) !== 'false',
      },
    );
  });
}

/**
 * The sinks a form can choose: those createSink builds itself, and the file formats the
 * engine can write (foreach/foreachBatch run user functions, so only the API has them).
 */
export const DRAFT_SINK_FORMATS: readonly string[] = [
  'memory',
  'console',
  'noop',
  ...FILE_SINK_FORMATS.filter((f) => (WRITE_FORMATS as readonly string[]).includes(f)),
  'kafka',
];

/**
 * Whether `format` takes the draft's output mode. The chosen sink is judged with its own
 * options (a file sink without `path` is refused); the others have no options yet, so
 * they are given a path and judged on the output mode alone. Building a sink does no I/O.
 * Kafka takes every output mode; before it is chosen, what can refuse it is the output's
 * columns (no `value`, a key that is neither string nor binary), judged with the topic the
 * picker will ask for, since servers and topic are settings, not properties of the query.
 */
export function judgeSink(df: DataFrame, sink: SinkSpec, format: string): JudgedChoice<string> {
  const chosen = format === sink.format.toLowerCase();
  if (format === 'kafka' && !chosen)
    return judgeChoice(format, () => validateKafkaSinkSchema(df.schema, 'topic'));
  const path = optionValue(sink.options, 'path') ?? 'output';
  return judgeChoice(format, () =>
    createSink({
      format,
      outputMode: sink.outputMode,
      options: chosen ? sink.options : { path },
      schema: df.schema,
      readerConf: df.session.readerConf(),
    }),
  );
}

export const TRIGGER_KINDS: readonly TriggerSpec['kind'][] = [
  'default',
  'processingTime',
  'once',
  'availableNow',
];

/**
 * DataStreamWriter.trigger's checks. Only the chosen trigger has settings to judge (a
 * processing-time interval); the engine runs every trigger kind with every sink.
 */
export function judgeTrigger(
  df: DataFrame,
  chosen: TriggerSpec,
  kind: TriggerSpec['kind'],
): JudgedChoice<TriggerSpec['kind']> {
  return judgeChoice(kind, () => {
    const writer = df.writeStream;
    if (kind === 'processingTime' && chosen.kind === 'processingTime')
      writer.trigger({ processingTime: chosen.interval });
    else if (kind === 'once') writer.trigger({ once: true });
    else if (kind === 'availableNow') writer.trigger({ availableNow: true });
  });
}
