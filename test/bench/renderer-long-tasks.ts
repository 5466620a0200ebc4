/**
 * Issue 8's responsiveness target: "no main-thread task over 50 ms during a 1M-row catch-up
 * shown live in the app (measured with the browser's long-task observer in browser mode)".
 *
 * A simulator folder of `rows` lab rows in `files` files; the browser-mode host (main/serve.ts)
 * and Debian's Chromium as the e2e tests start them (test/e2e/helpers/browser-mode.ts); a
 * `longtask` PerformanceObserver installed before the app loads. The page opens a workspace
 * over the folder and runs, one after the other, the lab's activity count (complete mode) and
 * a stateless query appending every raw row to its memory table (the heaviest case for the
 * grid; see RAW_ROWS_FILTER), each caught up with Trigger.AvailableNow one file per trigger, while the user's
 * view turns between the results (timeline, progress numbers, result grid), the dashboard's
 * progress charts and the late-data lens. Tasks are counted from the first Run click to the
 * last table shown; start-up tasks are listed apart.
 *
 * `npm run bench` calls measureRendererLongTasks (test/bench/run.ts); on its own:
 *   npx tsx test/bench/renderer-long-tasks.ts   (BENCH_RENDERER_ROWS, BENCH_RENDERER_FILES,
 *   RENDERER_PROFILE=<dir> also writes Chromium's CPU profile and names each busy stretch,
 *   RENDERER_TRACE=1 records a Chromium trace and lists what ran inside each long task)
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CDPSession, Page } from 'playwright-core';
import { writeSensorFolder } from '../../engine/io/simulator/index';
import { launchChromium, startServe, type ServeProcess } from '../e2e/helpers/browser-mode';
import { busyStretches, type BusyStretch, type CpuProfile } from './renderer-long-tasks-profile';
import { longTracedTasks, startTrace, stopTrace, type TracedTask } from './renderer-long-tasks-trace';
import {
  LONG_TASK_OBSERVER,
  longTaskWorkspace,
  markShowing,
  readLongTasks,
  type LongTask,
  type LongTaskQuery,
} from './renderer-long-tasks-page';

export interface RendererLongTasks {
  readonly longestTaskMs: number;
  readonly tasksOver50Ms: number;
  readonly longTasks: number;
  readonly seconds: number;
  /** Input rows the page showed progress for (Σ numInputRows over the timelines). */
  readonly rowsShown: number;
  /** Every long task during the run, in order, named by what was on screen. */
  readonly tasks: readonly LongTask[];
  /** Long tasks before the first Run (loading the app, opening the workspace). */
  readonly startupTasks: readonly LongTask[];
  /** With `profileDir`: the profile's busy stretches of 50 ms or more, named by their hot functions. */
  readonly busy?: readonly BusyStretch[];
  /** With `trace`: the main thread's tasks of 50 ms or more in Chromium's trace, with what ran inside. */
  readonly traced?: readonly TracedTask[];
}

/**
 * The raw rows the stateless query keeps by default: all of them, as the issue asks (every
 * row of the catch-up shown live). The engine diffs an append-mode memory table by the rows
 * each trigger appended (engine/service/trigger-diff.ts appendedDiff), so a growing 1M-row
 * table no longer costs the host O(n²). A condition (BENCH_RENDERER_RAW_FILTER="gt = 'walk'")
 * keeps fewer, to look at the rest of the page.
 */
export const RAW_ROWS_FILTER = '';

function longTaskQueries(rawRowsFilter: string): LongTaskQuery[] {
  return [
    // The lab's activity count: groupBy("gt").count(), complete mode.
    { name: 'activity_count', steps: [{ kind: 'groupBy', keys: ['gt'], aggs: [] }], outputMode: 'complete' },
    // Raw rows into the memory table, appended trigger by trigger, every column in the grid.
    {
      name: 'raw_rows',
      steps: rawRowsFilter === '' ? [] : [{ kind: 'filter', condition: rawRowsFilter }],
      outputMode: 'append',
    },
  ];
}

/** How long the user looks at each view before turning to the next. */
const DWELL_MS = 1_000;
const VIEWS = ['results', 'dashboard', 'lens'] as const;
const RUN_TIMEOUT_MS = 20 * 60_000;
const UI_TIMEOUT_MS = 60_000;

export async function measureRendererLongTasks(opts: {
  rows: number;
  files: number;
  /** Writes Chromium's CPU profile there and fills `busy`. */
  profileDir?: string;
  /** Records a Chromium trace and fills `traced` (large: use a smaller `rows`). */
  trace?: boolean;
  /** The raw-rows query's filter (default RAW_ROWS_FILTER; '' keeps every row). */
  rawRowsFilter?: string;
}): Promise<RendererLongTasks> {
  const root = mkdtempSync(join(tmpdir(), 'tidemark-bench-longtasks-'));
  let serve: ServeProcess | undefined;
  let close: (() => Promise<void>) | undefined;
  try {
    const sensorDir = join(root, 'sensors');
    const folder = await writeSensorFolder({
      dir: sensorDir,
      files: opts.files,
      rowsPerFile: Math.ceil(opts.rows / opts.files),
      seed: 20_150_223,
    });
    const workspaceFile = join(root, 'long-tasks.tidemark.json');
    const queries = longTaskQueries(opts.rawRowsFilter ?? RAW_ROWS_FILTER);
    longTaskWorkspace(workspaceFile, sensorDir, queries);

    serve = await startServe({ dataDir: join(root, 'data') });
    const { context, page } = await launchChromium(join(root, 'chromium'));
    close = () => context.close();
    await page.addInitScript(LONG_TASK_OBSERVER);
    const cdp = opts.profileDir === undefined ? null : await startProfile(page);
    const tracing = opts.trace === true ? await page.context().newCDPSession(page) : null;
    if (tracing !== null) await startTrace(tracing);

    await page.goto(serve.url);
    await page.locator('[data-testid="connection"][data-state="open"]').waitFor({ timeout: UI_TIMEOUT_MS });
    await page.getByTestId('welcome-open').click();
    await answerPathPrompt(page, workspaceFile);
    await waitForValue(page, 'query-name', queries[0].name);

    const started = performance.now();
    let rowsShown = 0;
    for (const q of queries) rowsShown += await runShown(page, q, folder.rows);
    const seconds = (performance.now() - started) / 1000;
    // Tasks the last table's drawing queued finish within a frame or two.
    await page.waitForTimeout(500);

    const all = await readLongTasks(page);
    const tasks = all.filter((t) => t.during !== 'start-up');
    const busy = cdp === null ? undefined : await stopProfile(cdp, opts.profileDir!);
    const traced = tracing === null ? undefined : longTracedTasks(await stopTrace(tracing));
    return {
      longestTaskMs: Math.max(0, ...tasks.map((t) => t.durationMs)),
      tasksOver50Ms: tasks.filter((t) => t.durationMs > 50).length,
      longTasks: tasks.length,
      seconds,
      rowsShown,
      tasks,
      startupTasks: all.filter((t) => t.during === 'start-up'),
      ...(busy === undefined ? {} : { busy }),
      ...(traced === undefined ? {} : { traced }),
    };
  } catch (e) {
    const log = serve?.output() ?? '';
    throw new Error(`${e instanceof Error ? e.message : String(e)}\n--- host output ---\n${log.slice(-4000)}`);
  } finally {
    await close?.();
    await serve?.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

/**
 * Runs query `q` from its form (Run shows its results) and turns the views while it
 * catches up; returns the input rows its timeline shows once it has stopped.
 */
async function runShown(page: Page, q: LongTaskQuery, rows: number): Promise<number> {
  await page.getByTestId('draft-item').filter({ hasText: q.name }).click();
  await waitForValue(page, 'query-name', q.name);
  await markShowing(page, `${q.name} run`);
  await page.getByTestId('run-query').click();
  await page.locator('[data-testid="nav-results"][aria-current="page"]').waitFor({ timeout: UI_TIMEOUT_MS });

  const item = page.getByTestId('query').filter({ hasText: q.name });
  const deadline = Date.now() + RUN_TIMEOUT_MS;
  for (let turn = 0; ; turn++) {
    const state = await item.getAttribute('data-state');
    if (state === 'failed') throw new Error(`${q.name} failed: ${await page.getByTestId('query-error-panel').textContent()}`);
    if (state === 'stopped') break;
    if (Date.now() > deadline) throw new Error(`${q.name} did not catch up in ${RUN_TIMEOUT_MS / 1000} s`);
    const view = VIEWS[turn % VIEWS.length];
    await markShowing(page, `${q.name} ${view}`);
    await page.getByTestId(`nav-${view}`).click();
    await page.waitForTimeout(DWELL_MS);
  }

  // The finished run as the user last sees it: its results, the table after its last trigger.
  await markShowing(page, `${q.name} results (final)`);
  await page.getByTestId('nav-results').click();
  let shown = 0;
  const settled = Date.now() + UI_TIMEOUT_MS;
  for (;;) {
    const triggers = await page.locator('[data-testid="trigger"]').evaluateAll((buttons) =>
      buttons.map((b) => ({ batch: Number(b.getAttribute('data-batch-id')), rows: Number(b.getAttribute('data-input-rows')) })),
    );
    shown = triggers.reduce((n, t) => n + t.rows, 0);
    const last = triggers.at(-1)?.batch;
    const table = await page.locator('[data-testid="result-table"]').getAttribute('data-batch-id', { timeout: 1_000 }).catch(() => null);
    if (shown >= rows && last !== undefined && table === String(last)) return shown;
    if (Date.now() > settled)
      throw new Error(`${q.name}: the page shows ${shown} of ${rows} rows and the table after batch ${table} (last ${last})`);
    await page.waitForTimeout(250);
  }
}

/** Browser mode's stand-in for a file dialog (test/e2e/helpers/app-page.ts, without vitest). */
async function answerPathPrompt(page: Page, path: string): Promise<void> {
  const prompt = page.getByTestId('path-prompt');
  await prompt.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await prompt.getByTestId('path-prompt-input').fill(path);
  await prompt.getByTestId('path-prompt-ok').click();
  await prompt.waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
}

async function waitForValue(page: Page, testId: string, value: string): Promise<void> {
  const deadline = Date.now() + UI_TIMEOUT_MS;
  while ((await page.getByTestId(testId).inputValue().catch(() => null)) !== value) {
    if (Date.now() > deadline) throw new Error(`${testId} never showed “${value}”`);
    await page.waitForTimeout(100);
  }
}

async function startProfile(page: Page): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
  return cdp;
}

async function stopProfile(cdp: CDPSession, dir: string): Promise<BusyStretch[]> {
  const { profile } = await cdp.send('Profiler.stop');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'renderer-long-tasks.cpuprofile'), JSON.stringify(profile));
  return busyStretches(profile as CpuProfile);
}

/** `npx tsx test/bench/renderer-long-tasks.ts`: one measurement, printed. */
async function main(): Promise<void> {
  const rows = Number(process.env.BENCH_RENDERER_ROWS ?? 1_000_000);
  const files = Number(process.env.BENCH_RENDERER_FILES ?? 20);
  const profileDir = process.env.RENDERER_PROFILE;
  const trace = process.env.RENDERER_TRACE === '1';
  const rawRowsFilter = process.env.BENCH_RENDERER_RAW_FILTER;
  const r = await measureRendererLongTasks({
    rows,
    files,
    trace,
    ...(profileDir ? { profileDir } : {}),
    ...(rawRowsFilter === undefined ? {} : { rawRowsFilter }),
  });
  console.info(
    `renderer long tasks over ${rows.toLocaleString('en-US')} rows in ${files} files: longest ${r.longestTaskMs.toFixed(0)} ms, ` +
      `${r.tasksOver50Ms} over 50 ms, ${r.longTasks} long tasks, ${r.seconds.toFixed(1)} s, ${r.rowsShown.toLocaleString('en-US')} rows shown`,
  );
  for (const t of r.tasks) console.info(`  ${t.durationMs.toFixed(0).padStart(5)} ms at ${(t.startMs / 1000).toFixed(2)} s  ${t.during}${t.attribution ? `  [${t.attribution}]` : ''}`);
  if (r.startupTasks.length > 0)
    console.info(`  start-up: ${r.startupTasks.map((t) => `${t.durationMs.toFixed(0)} ms`).join(', ')}`);
  for (const t of r.traced ?? [])
    console.info(`  traced ${t.durationMs.toFixed(0)} ms at ${(t.startMs / 1000).toFixed(2)} s: ${t.inside.join(' · ')}`);
  for (const b of r.busy ?? []) console.info(`  busy ${b.durationMs.toFixed(0)} ms at ${(b.startMs / 1000).toFixed(2)} s: ${b.top.join(' · ')}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
