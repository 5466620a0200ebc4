/**
 * The page side of the renderer long-task benchmark (renderer-long-tasks.ts): the observer
 * installed before the app's own scripts run, the workspace file the run opens, and reading
 * back what the observer saw. Kept apart so the measurement's driver reads as the steps a
 * user takes.
 */
import { writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { DraftStep, QueryDraft, Workspace } from '../../engine/service/protocol';
import { parseDDL } from '../../engine/types/ddl';
import { LAB_DDL, LAB_OPTIONS } from '../e2e/helpers/builder-canvas';

/** One task of the page's main thread that took 50 ms or more, as the observer saw it. */
export interface LongTask {
  readonly startMs: number;
  readonly durationMs: number;
  /** What the page was showing when it ran (`activity_count results`, …). */
  readonly during: string;
  /** PerformanceLongTaskTiming.attribution, as far as Chromium fills it in. */
  readonly attribution: string;
}

/**
 * Runs in the page before any of its scripts (page.addInitScript): `buffered: true` also
 * hands over long tasks from before the observer existed, so the app's start-up is counted.
 * `__tidemarkMarks` records what the benchmark was showing from when, to name each task.
 */
export const LONG_TASK_OBSERVER = `
  window.__tidemarkLongTasks = [];
  window.__tidemarkMarks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      window.__tidemarkLongTasks.push({
        startMs: e.startTime,
        durationMs: e.duration,
        attribution: (e.attribution || []).map((a) => [a.name, a.containerType, a.containerSrc, a.containerName].filter(Boolean).join(' ')).join('; '),
      });
  }).observe({ type: 'longtask', buffered: true });
`;

/** Notes in the page that from now on it shows `what` (names the long tasks that follow). */
export async function markShowing(page: Page, what: string): Promise<void> {
  await page.evaluate(`window.__tidemarkMarks.push({ atMs: performance.now(), what: ${JSON.stringify(what)} })`);
}

/** The long tasks seen since the page loaded, each named by the mark before it. */
export async function readLongTasks(page: Page): Promise<LongTask[]> {
  const { tasks, marks } = await page.evaluate<{
    tasks: { startMs: number; durationMs: number; attribution: string }[];
    marks: { atMs: number; what: string }[];
  }>('({ tasks: window.__tidemarkLongTasks, marks: window.__tidemarkMarks })');
  return tasks.map((t) => {
    let during = 'start-up';
    for (const m of marks) if (m.atMs <= t.startMs) during = m.what;
    return { ...t, during };
  });
}

export interface LongTaskQuery {
  readonly name: string;
  readonly steps: readonly DraftStep[];
  readonly outputMode: QueryDraft['sink']['outputMode'];
}

/**
 * A workspace over the lab's sensor folder with `queries`, each to a memory sink, caught up
 * with Trigger.AvailableNow one file per trigger (maxFilesPerTrigger 1), so the page shows
 * the catch-up trigger by trigger as a user watching it would see it.
 */
export function longTaskWorkspace(path: string, sensorDir: string, queries: readonly LongTaskQuery[]): void {
  const setup = {
    path: sensorDir,
    format: 'json',
    schema: parseDDL(LAB_DDL).jsonValue(),
    options: { ...LAB_OPTIONS, maxFilesPerTrigger: '1' },
  };
  const ws: Workspace = {
    format: 'tidemark-workspace',
    version: 1,
    name: 'Renderer long tasks',
    sources: [{ id: 'sensors', name: 'sensors', setup, schemaMode: 'manual' }],
    queries: queries.map((q) => ({
      id: q.name,
      sourceId: 'sensors',
      draft: {
        name: q.name,
        source: setup,
        steps: q.steps,
        sink: { format: 'memory', outputMode: q.outputMode, options: {}, trigger: { kind: 'availableNow' } },
      },
      plan: null,
      autoStart: false,
    })),
    layout: { theme: 'light', selectedQueryId: queries[0]?.name ?? null, view: 'query', sidebarWidth: 260 },
  };
  writeFileSync(path, JSON.stringify(ws, null, 2));
}
