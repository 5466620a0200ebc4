/**
 * The verdict for one scenario run, from both engines' results. Statuses, for triage:
 *
 * - `pass`: same output batches (compare-batches.ts), or both failed as `expect.error` says;
 * - `spark-side`: Spark did not do what the scenario expects (the scenario or the harness
 *   is wrong; Tidemark is not judged);
 * - `tidemark-error`: Tidemark failed where Spark ran (often a feature not built yet);
 * - `tidemark-mismatch`: both ran, outputs differ;
 * - `tidemark-no-error`: Spark failed as expected, Tidemark did not fail (or failed otherwise);
 * - `tidemark-unavailable`: the Tidemark API could not be loaded at all.
 */
import { compareBatches } from './compare-batches';
import type { EngineError, SparkScenarioResult } from './run-spark';
import { canonicalSparkBatches } from './run-spark';
import type { TidemarkScenarioResult } from './run-tidemark';
import type { ExpectedError, Scenario } from './scenario';

export type Status =
  | 'pass'
  | 'spark-side'
  | 'tidemark-error'
  | 'tidemark-mismatch'
  | 'tidemark-no-error'
  | 'tidemark-unavailable';

export interface Verdict {
  readonly status: Status;
  /** One line: why. */
  readonly reason: string;
  /** Row differences and error texts, for the failure message and the report. */
  readonly details: readonly string[];
}

export function errorMatches(expected: ExpectedError, actual: EngineError | null): boolean {
  if (actual === null) return false;
  const cls = expected.errorClass;
  if (cls !== undefined && !actual.classes.some((c) => c === cls || c.startsWith(`${cls}.`)))
    return false;
  const text = expected.messageContains;
  if (text !== undefined && !actual.message.toLowerCase().includes(text.toLowerCase()))
    return false;
  return true;
}

function describeError(e: EngineError): string {
  return `${e.type} in ${e.phase}${e.classes.length > 0 ? ` [${e.classes.join(', ')}]` : ''}: ${e.message.split('\n')[0]}`;
}

/** Whether Spark behaved as the scenario says (a scenario Spark disagrees with is itself wrong). */
export function sparkVerdict(
  scenario: Scenario,
  spark: SparkScenarioResult | undefined,
): string | null {
  if (spark === undefined) return 'the Spark runner produced no result for this scenario';
  const expected = scenario.expect?.error;
  if (expected !== undefined) {
    if (spark.error === null)
      return `Spark did not fail; the scenario expects ${JSON.stringify(expected)}`;
    if (!errorMatches(expected, spark.error))
      return `Spark failed otherwise than expected ${JSON.stringify(expected)}: ${describeError(spark.error)}`;
    return null;
  }
  if (spark.error !== null)
    return `Spark failed: ${describeError(spark.error)}\n${spark.error.message}`;
  return null;
}

export function evaluate(
  scenario: Scenario,
  spark: SparkScenarioResult | undefined,
  tidemark: TidemarkScenarioResult | { readonly unavailable: string },
): Verdict {
  const sparkProblem = sparkVerdict(scenario, spark);
  if (sparkProblem !== null || spark === undefined)
    return {
      status: 'spark-side',
      reason: sparkProblem?.split('\n')[0] ?? '',
      details: [sparkProblem ?? ''],
    };
  if ('unavailable' in tidemark)
    return {
      status: 'tidemark-unavailable',
      reason: 'Tidemark API failed to load',
      details: [tidemark.unavailable],
    };

  const expected = scenario.expect?.error;
  const details: string[] = [];
  if (expected !== undefined && !errorMatches(expected, tidemark.error)) {
    const got = tidemark.error === null ? 'no error' : describeError(tidemark.error);
    return {
      status: 'tidemark-no-error',
      reason: `Spark fails with ${JSON.stringify(expected)}; Tidemark: ${got}`,
      details: [
        `Spark: ${spark.error === null ? '' : describeError(spark.error)}`,
        `Tidemark: ${got}`,
      ],
    };
  }
  if (expected === undefined && tidemark.error !== null) {
    return {
      status: 'tidemark-error',
      reason: describeError(tidemark.error),
      details: [tidemark.error.message],
    };
  }
  const comparison = compareBatches(canonicalSparkBatches(spark), tidemark.batches, {
    floatTolerance: scenario.floatTolerance,
    unorderedArrays: scenario.unorderedArrays,
  });
  details.push(...comparison.differences);
  if (!comparison.equal)
    return {
      status: 'tidemark-mismatch',
      reason: comparison.differences[0].split('\n')[0],
      details,
    };
  const note = scenario.expect?.intentionalDifference;
  return {
    status: 'pass',
    reason:
      note !== undefined
        ? `intentional difference, bridged by the export: ${note}`
        : expected !== undefined
          ? 'both engines fail as expected'
          : 'same output batches',
    details,
  };
}
