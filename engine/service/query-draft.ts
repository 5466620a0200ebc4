/**
 * `analyzeDraft`: what the query form shows after each edit. The draft is built with the
 * DataFrame API exactly as a user would type it (draft-source.ts, draft-steps.ts), so the
 * schemas, errors and positions are the analyzer's own; the output-mode, sink and trigger
 * choices are judged by the checks start() runs (draft-choices.ts); and the code view is
 * the same query as Tidemark TypeScript, PySpark and Spark SQL (engine/export).
 *
 * Analysis stops at the first failing step: later steps have no schema. A disabled step is
 * skipped (the builder's bypass) and shows its input's schema. Output modes can
 * only be judged on a whole plan, so while a step fails they are all listed as not allowed
 * with no reason; sinks and triggers are judged on the part that analyses.
 */
import { IllegalArgumentException } from '../errors';
import type { OutputMode } from '../exec/physical-plan';
import { explainNotExportable, toPySpark, toSparkSQL, toTypeScript } from '../export/index';
import type { DataFrame } from '../plan/dataframe';
import type { QuerySpec } from '../plan/logical-plan';
import { planToJSON } from '../plan/plan-json';
import type { Session } from '../session';
import { parseOutputMode } from '../stream/data-stream-writer';
import {
  DRAFT_SINK_FORMATS,
  judgeChoice,
  judgeOutputMode,
  judgeSink,
  judgeTrigger,
  OUTPUT_MODES,
  TRIGGER_KINDS,
  type JudgedChoice,
} from './draft-choices';
import { draftSource, type DraftOutcome } from './draft-source';
import { draftStep, fieldText } from './draft-steps';
import { errorInfo } from './error-info';
import type { DraftAnalysis, DraftStep, ErrorInfo, QueryDraft, StepAnalysis } from './protocol';

export function analyzeDraft(session: Session, draft: QueryDraft): DraftAnalysis {
  const steps: StepAnalysis[] = [];
  let df: DataFrame | null = null;
  let error: ErrorInfo | null = null;

  const record = (index: number, outcome: DraftOutcome, step: DraftStep | null): void => {
    if (outcome.ok) {
      df = outcome.df;
      steps.push({ index, schema: outcome.df.schema.jsonValue(), error: null, field: null });
      return;
    }
    error = stepError(outcome.error, step, outcome.field);
    steps.push({ index, schema: null, error, field: outcome.field });
  };

  record(-1, draftSource(session, draft.source), null);
  draft.steps.forEach((step, i) => {
    if (error !== null || df === null) {
      steps.push({ index: i, schema: null, error: null, field: null });
      return;
    }
    // A bypassed step passes its input through: the plan skips it, its schema is its input's.
    if (step.disabled === true) record(i, { ok: true, df }, null);
    else record(i, draftStep(df, step), step);
  });

  // The last DataFrame that analysed, and the whole plan when every step did.
  const last = df as DataFrame | null;
  const whole = error === null ? last : null;
  const sinkSpec = { ...draft.sink, queryName: draft.name };
  const modes = OUTPUT_MODES.map((mode): JudgedChoice<OutputMode> =>
    whole !== null
      ? judgeOutputMode(whole, mode)
      : { check: { value: mode, allowed: false, reason: null }, error: null },
  );
  const sinks = last === null ? [] : DRAFT_SINK_FORMATS.map((f) => judgeSink(last, sinkSpec, f));
  const triggers =
    last === null ? [] : TRIGGER_KINDS.map((k) => judgeTrigger(last, sinkSpec.trigger, k));

  let spec: QuerySpec | null = null;
  let code: DraftAnalysis['code'] = {
    typescript: null,
    pyspark: null,
    sparkSql: null,
    sparkSqlReason: null,
  };
  if (whole !== null) {
    const candidate: QuerySpec = { plan: whole.plan, sink: sinkSpec };
    // The code view shows the query as written even when a choice is refused: the same
    // program fails the same way on Spark, which is worth seeing.
    const sparkSql = toSparkSQL(candidate.plan);
    code = {
      typescript: toTypeScript(candidate),
      pyspark: toPySpark(candidate),
      sparkSql,
      sparkSqlReason: sparkSql === null ? explainNotExportable(candidate.plan) : null,
    };
    const refusal = chosenRefusal(
      modes.find((m) => m.check.value === draft.sink.outputMode) ??
        judgeChoice(draft.sink.outputMode, () => parseOutputMode(draft.sink.outputMode)),
      judgeSink(whole, sinkSpec, draft.sink.format.toLowerCase()),
      triggers.find((t) => t.check.value === draft.sink.trigger.kind) ??
        judgeChoice(draft.sink.trigger.kind, () => {
          throw new IllegalArgumentException(
            `Unknown trigger '${draft.sink.trigger.kind}': use one of ${TRIGGER_KINDS.join(', ')}.`,
          );
        }),
    );
    if (refusal === null) spec = candidate;
    else error = refusal;
  }

  return {
    spec,
    plan: spec === null ? null : planToJSON(spec.plan),
    steps,
    outputSchema: whole === null ? null : whole.schema.jsonValue(),
    error,
    isStreaming: last !== null && last.isStreaming,
    outputModes: modes.map((m) => m.check),
    sinks: sinks.map((s) => s.check),
    triggers: triggers.map((t) => t.check),
    code,
  };
}

/** The error of the first refused choice among the draft's own, or null when all are allowed. */
function chosenRefusal(...choices: JudgedChoice<string>[]): ErrorInfo | null {
  const refused = choices.find((c) => !c.check.allowed);
  return refused === undefined ? null : errorInfo(refused.error);
}

/**
 * The step's error with a position: the expression's own when the engine set one, else
 * the whole text of the field at fault, so the form can still underline where to look.
 */
function stepError(e: unknown, step: DraftStep | null, field: string | null): ErrorInfo {
  const info = errorInfo(e);
  if (info.context !== undefined || step === null || field === null) return info;
  const text = fieldText(step, field);
  return text === null ? info : { ...info, context: { text, start: 0, stop: text.length } };
}
