/**
 * The suite's report: per scenario its verdict and timings, per area how many passed, and
 * the Spark run's cost; written to test/output/spark-conformance.json and printed as a table.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Status, Verdict } from './evaluate';
import type { Scenario } from './scenario';

export interface ScenarioReport {
  readonly id: string;
  readonly area: string;
  readonly file: string;
  readonly sparkTest: string | null;
  readonly status: Status;
  readonly reason: string;
  readonly details: readonly string[];
  readonly sparkSeconds: number | null;
  readonly tidemarkSeconds: number | null;
  readonly sparkBatchIds: readonly number[];
  readonly tidemarkBatchIds: readonly number[];
}

export interface ConformanceReport {
  readonly sparkVersion: string;
  readonly generatedAt: string;
  readonly timing: {
    readonly sparkWallSeconds: number;
    readonly sparkSessionStartSeconds: number;
    readonly tidemarkSeconds: number;
  };
  readonly totals: Readonly<Record<Status | 'scenarios', number>>;
  readonly areas: Readonly<Record<string, { passed: number; total: number }>>;
  readonly scenarios: readonly ScenarioReport[];
}

export function scenarioReport(
  scenario: Scenario,
  verdict: Verdict,
  extra: Pick<
    ScenarioReport,
    'sparkSeconds' | 'tidemarkSeconds' | 'sparkBatchIds' | 'tidemarkBatchIds'
  >,
): ScenarioReport {
  return {
    id: scenario.id,
    area: scenario.area,
    file: scenario.file,
    sparkTest: scenario.sparkTest ?? null,
    status: verdict.status,
    reason: verdict.reason,
    details: verdict.details,
    ...extra,
  };
}

export function buildReport(
  scenarios: readonly ScenarioReport[],
  meta: {
    sparkVersion: string;
    sparkWallSeconds: number;
    sparkSessionStartSeconds: number;
    tidemarkSeconds: number;
  },
): ConformanceReport {
  const totals: Record<string, number> = { scenarios: scenarios.length };
  const areas: Record<string, { passed: number; total: number }> = {};
  for (const s of scenarios) {
    totals[s.status] = (totals[s.status] ?? 0) + 1;
    const a = (areas[s.area] ??= { passed: 0, total: 0 });
    a.total++;
    if (s.status === 'pass') a.passed++;
  }
  return {
    sparkVersion: meta.sparkVersion,
    generatedAt: new Date().toISOString(),
    timing: {
      sparkWallSeconds: round(meta.sparkWallSeconds),
      sparkSessionStartSeconds: round(meta.sparkSessionStartSeconds),
      tidemarkSeconds: round(meta.tidemarkSeconds),
    },
    totals: totals as ConformanceReport['totals'],
    areas,
    scenarios,
  };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

export function writeReport(path: string, report: ConformanceReport): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(report, null, 2) + '\n');
}

/** A plain-text summary: areas, then every scenario that did not pass with its reason. */
export function reportText(report: ConformanceReport): string {
  const lines = [
    `Spark conformance (pyspark ${report.sparkVersion}): ${report.totals.pass ?? 0}/${report.totals.scenarios} scenarios pass on Tidemark`,
    `Spark side: ${report.timing.sparkWallSeconds} s for all scenarios in one session (session start ${report.timing.sparkSessionStartSeconds} s); Tidemark side: ${report.timing.tidemarkSeconds} s`,
    '',
    ...Object.entries(report.areas).map(
      ([area, a]) => `  ${area.padEnd(14)} ${a.passed}/${a.total}`,
    ),
  ];
  const failing = report.scenarios.filter((s) => s.status !== 'pass');
  if (failing.length > 0) {
    lines.push('', 'Not passing:');
    for (const s of failing) lines.push(`  [${s.status}] ${s.area} › ${s.id}: ${s.reason}`);
  }
  return lines.join('\n');
}
