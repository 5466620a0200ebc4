/**
 * The manifest test/spark/spark-runner.py reads: per scenario run, the PySpark script
 * `toPySpark` exports for its query, the folders to use, and the step files.
 */
import { join } from 'node:path';
import { toPySpark } from '../../../engine/export/to-pyspark';
import type { Scenario } from './scenario';
import { scenarioQuerySpec } from './scenario-plan';
import { stepFiles, type StepFile } from './step-files';

export interface ManifestScenario {
  readonly name: string;
  readonly script: string;
  readonly inputDir: string;
  readonly workDir: string;
  readonly steps: readonly { readonly files: readonly StepFile[] }[];
}

/** Settings every run starts from (Spark 4 defaults made explicit), then the scenario's. */
export function sessionConf(scenario: Scenario): Record<string, string> {
  return {
    'spark.sql.ansi.enabled': 'true',
    'spark.sql.session.timeZone': 'UTC',
    'spark.sql.shuffle.partitions': '2',
    ...scenario.conf,
  };
}

/** A folder name for a run id (`a[ansi-off]` → `a_ansi-off_`). */
export function folderName(id: string): string {
  return id.replace(/[^A-Za-z0-9_.-]/g, '_');
}

export function manifestScenario(
  scenario: Scenario,
  root: string,
  baseMs: number,
): ManifestScenario {
  const workDir = join(root, folderName(scenario.id));
  const inputDir = join(workDir, 'input');
  const spec = scenarioQuerySpec(scenario, inputDir, join(workDir, 'checkpoint'));
  return {
    name: scenario.id,
    script: toPySpark(spec, { conf: sessionConf(scenario), appName: 'tidemark-conformance' }),
    inputDir,
    workDir,
    steps: stepFiles(scenario, baseMs).map((files) => ({ files })),
  };
}
