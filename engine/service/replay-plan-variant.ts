/**
 * The plan a watermark replay runs for one variant: the query's own plan with every
 * withWatermark node's delay replaced, or with the watermark nodes taken out (delay null).
 * Everything else — the source, its schema and options, the windows, the aggregates — stays
 * as the user wrote it, so both variants see the same rows reach the stateful operator.
 */
import { IllegalArgumentException } from '../errors';
import { inputsOf, type LogicalPlan, type SourceNode } from '../plan/logical-plan';
import { parseWatermarkDelayUs } from '../plan/watermark-delay';

export type OutputMode = 'append' | 'update' | 'complete';

export interface PlanVariant {
  readonly plan: LogicalPlan;
  readonly outputMode: OutputMode;
  /** Why the variant differs from the query beyond its delay, or null. */
  readonly note: string | null;
}

export function hasWatermark(plan: LogicalPlan): boolean {
  if (plan.op === 'watermark') return true;
  return inputsOf(plan).some(hasWatermark);
}

/**
 * `plan` with its watermark set to `delay` (a Spark duration string, checked as
 * withWatermark checks it), or removed when `delay` is null. Append mode needs a watermark
 * for an aggregation (UnsupportedOperationChecker), so without one the variant runs in update
 * mode: it emits every changed window each trigger instead of the final ones.
 */
export function planVariant(
  plan: LogicalPlan,
  delay: string | null,
  outputMode: OutputMode,
): PlanVariant {
  if (!hasWatermark(plan))
    throw new IllegalArgumentException(
      'This query has no withWatermark: there is no watermark delay to replay. Add a watermark on the event-time column first.',
    );
  if (delay !== null) parseWatermarkDelayUs(delay); // throws Spark's message for a bad string
  const edited = rewrite(plan, delay);
  if (delay === null && outputMode === 'append' && hasAggregate(plan)) {
    return {
      plan: edited,
      outputMode: 'update',
      note: 'Without a watermark an aggregation cannot run in append mode (Spark refuses it), so this variant runs in update mode.',
    };
  }
  return { plan: edited, outputMode, note: null };
}

/** The delay of the plan's first withWatermark (outermost first), or null. */
export function watermarkDelayOf(plan: LogicalPlan): string | null {
  if (plan.op === 'watermark') return plan.delay;
  for (const input of inputsOf(plan)) {
    const d = watermarkDelayOf(input);
    if (d !== null) return d;
  }
  return null;
}

function rewrite(p: LogicalPlan, delay: string | null): LogicalPlan {
  if (p.op === 'watermark') {
    const input = rewrite(p.input, delay);
    return delay === null ? input : { ...p, input, delay };
  }
  switch (p.op) {
    case 'source':
    case 'localRelation':
    case 'table':
      return p;
    case 'join':
      return { ...p, left: rewrite(p.left, delay), right: rewrite(p.right, delay) };
    case 'union':
      return { ...p, inputs: p.inputs.map((i) => rewrite(i, delay)) };
    default:
      return { ...p, input: rewrite(p.input, delay) } as LogicalPlan;
  }
}

function hasAggregate(p: LogicalPlan): boolean {
  return p.op === 'aggregate' || inputsOf(p).some(hasAggregate);
}

/**
 * The one streaming file source the replay feeds. A replay knows each trigger's files from
 * progress (tidemark.files), not which source read them, so plans with several streaming
 * sources, or with static sides, are refused rather than replayed wrongly.
 */
export function replayedSource(plan: LogicalPlan): SourceNode {
  const sources: SourceNode[] = [];
  let other = false;
  const visit = (p: LogicalPlan): void => {
    if (p.op === 'source') {
      if (p.streaming) sources.push(p);
      else other = true;
    } else if (p.op === 'localRelation' || p.op === 'table') other = true;
    inputsOf(p).forEach(visit);
  };
  visit(plan);
  if (sources.length !== 1 || other)
    throw new IllegalArgumentException(
      'A watermark replay feeds the files of each trigger to one streaming file source; this query reads ' +
        (sources.length === 1
          ? 'a static table or view as well'
          : `${sources.length} streaming sources`) +
        '.',
    );
  return sources[0];
}
