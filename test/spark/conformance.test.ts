/**
 * The Spark conformance suite (issue 4). Every scenario under test/spark/scenarios/ is run
 * by both engines with the same input steps:
 *
 * - Spark: each scenario's query is exported with `toPySpark`, and one Python process with
 *   ONE SparkSession (test/spark/spark-runner.py, pyspark from scripts/spark-env.sh) runs
 *   them all, collecting every micro-batch through foreachBatch;
 * - Tidemark: the same plan JSON through the public API (harness/run-tidemark.ts).
 *
 * Then each scenario is its own test comparing the two batch by batch
 * (harness/compare-batches.ts states the alignment rule). A failing test's message starts
 * with its triage status in brackets (harness/evaluate.ts): `[tidemark-error]`,
 * `[tidemark-mismatch]`, `[tidemark-no-error]`, `[spark-side]`, `[tidemark-unavailable]`.
 * The summary goes to test/output/spark-conformance.json and the console.
 *
 * Environment: TIDEMARK_SKIP_SPARK=1 skips the suite (no Java 17+);
 * TIDEMARK_CONFORMANCE_ONLY=<text> runs only scenarios whose name contains it.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildReport,
  reportText,
  scenarioReport,
  writeReport,
  type ScenarioReport,
} from './harness/conformance-report';
import { evaluate, sparkVerdict } from './harness/evaluate';
import {
  runOnSpark,
  sparkPython,
  type SparkRun,
  type SparkScenarioResult,
} from './harness/run-spark';
import type { TidemarkScenarioResult } from './harness/run-tidemark';
import { loadScenarios, type Scenario } from './harness/scenario';
import { folderName, manifestScenario, type ManifestScenario } from './harness/spark-manifest';
import { defaultBaseMs } from './harness/step-files';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const SPARK_TIMEOUT_MS = 20 * 60_000;
const SCENARIO_TIMEOUT_MS = 3 * 60_000;
const REPORT_PATH = join(root, 'test/output/spark-conformance.json');

const only = process.env.TIDEMARK_CONFORMANCE_ONLY;
const scenarios = loadScenarios(join(root, 'test/spark/scenarios')).filter(
  (s) => !only || s.id.includes(only),
);

type RunTidemark = (
  s: Scenario,
  workDir: string,
  baseMs: number,
) => Promise<TidemarkScenarioResult>;

function testName(s: Scenario): string {
  return `${s.area} › ${s.id}${s.sparkTest !== undefined ? ` — ${s.sparkTest}` : ''}`;
}

describe.skipIf(process.env.TIDEMARK_SKIP_SPARK === '1')(
  'Spark conformance: Tidemark vs Apache Spark, batch by batch',
  () => {
    let dir = '';
    const baseMs = defaultBaseMs();
    let spark: SparkRun | null = null;
    const exportFailures = new Map<string, string>();
    let runTidemark: RunTidemark | null = null;
    let tidemarkUnavailable = '';
    let tidemarkSeconds = 0;
    const reports: ScenarioReport[] = [];

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'tidemark-conformance-'));
      mkdirSync(join(dir, 'spark'));
      const manifest: ManifestScenario[] = [];
      for (const s of scenarios) {
        try {
          manifest.push(manifestScenario(s, join(dir, 'spark'), baseMs));
        } catch (e) {
          exportFailures.set(s.id, `export to PySpark failed: ${(e as Error).message}`);
        }
      }
      const python = sparkPython(root, SPARK_TIMEOUT_MS);
      spark = await runOnSpark(root, python, dir, manifest, SPARK_TIMEOUT_MS);
      try {
        // Loaded late so a Tidemark that does not build yet fails the scenarios, not the Spark run.
        const mod = await import('./harness/run-tidemark');
        runTidemark = mod.runOnTidemark;
      } catch (e) {
        tidemarkUnavailable = (e as Error).stack ?? String(e);
      }
    }, SPARK_TIMEOUT_MS + 60_000);

    afterAll(() => {
      if (spark !== null && reports.length > 0) {
        const report = buildReport(reports, {
          sparkVersion: spark.sparkVersion,
          sparkWallSeconds: spark.wallSeconds,
          sparkSessionStartSeconds: spark.startupSeconds,
          tidemarkSeconds,
        });
        writeReport(REPORT_PATH, report);
        console.log(`${reportText(report)}\n(report: ${REPORT_PATH})`);
      }
      if (dir !== '') rmSync(dir, { recursive: true, force: true });
    });

    it('has at least 40 scenarios, each with a unique name', () => {
      if (only === undefined) expect(scenarios.length).toBeGreaterThanOrEqual(40);
      expect(new Set(scenarios.map((s) => s.id)).size).toBe(scenarios.length);
    });

    it('Spark runs every scenario in one SparkSession as the scenario expects', () => {
      const problems = scenarios
        .map(
          (s) =>
            [s.id, exportFailures.get(s.id) ?? sparkVerdict(s, spark?.scenarios[s.id])] as const,
        )
        .filter(([, p]) => p !== null)
        .map(([id, p]) => `${id}: ${p}`);
      expect(problems, spark?.log.slice(-4000)).toEqual([]);
    });

    for (const s of scenarios) {
      it(
        testName(s),
        async () => {
          const sparkResult: SparkScenarioResult | undefined = spark?.scenarios[s.id];
          let tidemark: TidemarkScenarioResult | { unavailable: string };
          if (runTidemark === null) tidemark = { unavailable: tidemarkUnavailable };
          else {
            tidemark = await runTidemark(s, join(dir, 'tidemark', folderName(s.id)), baseMs);
            tidemarkSeconds += tidemark.seconds;
          }
          const verdict = exportFailures.has(s.id)
            ? { status: 'spark-side' as const, reason: exportFailures.get(s.id) ?? '', details: [] }
            : evaluate(s, sparkResult, tidemark);
          reports.push(
            scenarioReport(s, verdict, {
              sparkSeconds: sparkResult?.seconds ?? null,
              tidemarkSeconds: 'seconds' in tidemark ? tidemark.seconds : null,
              sparkBatchIds:
                sparkResult?.batches.filter((b) => b.rows.length > 0).map((b) => b.batchId) ?? [],
              tidemarkBatchIds:
                'batches' in tidemark
                  ? tidemark.batches.filter((b) => b.rows.length > 0).map((b) => b.batchId)
                  : [],
            }),
          );
          if (verdict.status !== 'pass') {
            throw new Error(
              `[${verdict.status}] ${verdict.reason}\n${verdict.details.join('\n')}\n(scenario file: test/spark/scenarios/${s.file})`,
            );
          }
        },
        SCENARIO_TIMEOUT_MS,
      );
    }
  },
);
