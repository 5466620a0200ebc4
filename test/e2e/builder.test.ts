/**
 * The visual query builder in browser mode (issue 6 §1, "How it is checked"): the lab's
 * hands-on 4 and 5 queries — events by user per 30-second window on Creation_Time, then the
 * same with a 1-minute watermark in append mode — built by dragging operators from the
 * palette onto the pipeline and choosing columns with the pickers (only durations are
 * typed), run on a folder the sensor simulator fills file by file, and the result table
 * after each file's trigger checked against an independent model of Spark's semantics
 * (test/helpers/lab-reference.ts). Screenshots: test/output/e2e/builder-*.png.
 *
 * The source is set up as the lab's (its schema with Creation_Time as a timestamp, read
 * from the simulator's nanoseconds with `timestampUnit`): that is the Source pane's work,
 * so it comes in a workspace file opened through the app.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SensorSimulator, type SensorRecord } from '../../engine/io/simulator';
import type { Workspace } from '../../engine/service/protocol';
import { parseDDL } from '../../engine/types/ddl';
import {
  AppendWindowCountModel,
  creationMicros,
  windowCounts,
  type TimedRow,
} from '../helpers/lab-reference';
import { answerPathPrompt, openApp, screenshot } from './helpers/app-page';
import {
  hasChromium,
  launchChromium,
  startServe,
  warnWithoutChromium,
  type ServeProcess,
} from './helpers/browser-mode';
import { shownTriggerTable, type GridRow } from './helpers/result-grid';

warnWithoutChromium('test/e2e/builder.test.ts');

const LAB_DDL =
  'Arrival_Time TIMESTAMP, Creation_Time TIMESTAMP, Device STRING, Index BIGINT, Model STRING, User STRING, gt STRING, x DOUBLE, y DOUBLE, z DOUBLE';
const WINDOW_US = 30e6;

const timed = (records: readonly SensorRecord[]): TimedRow[] =>
  records.map((r) => ({ timeUs: creationMicros(r.row.Creation_Time), key: r.row.User }));

/** {user: Σ count} of rows [window, user, count]. */
function perUser(rows: Iterable<[string | null, number]>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [user, n] of rows) out[user ?? 'NULL'] = (out[user ?? 'NULL'] ?? 0) + n;
  return out;
}
const shownPerUser = (rows: readonly GridRow[]): Record<string, number> =>
  perUser(rows.map((r) => [r.cells.User === 'NULL' ? null : r.cells.User, Number(r.cells.count)]));

function workspaceFile(path: string, sensorDir: string, selected: string): void {
  const ws: Workspace = {
    format: 'tidemark-workspace',
    version: 1,
    name: 'Lab event time',
    sources: [
      {
        id: 'sensors',
        name: 'sensors',
        setup: {
          path: sensorDir,
          format: 'json',
          schema: parseDDL(LAB_DDL).jsonValue(),
          options: { timestampUnit: 'Creation_Time:ns,Arrival_Time:ms' },
        },
        schemaMode: 'manual',
      },
    ],
    queries: ['hands_on_4', 'hands_on_5'].map((name) => ({
      id: name,
      sourceId: 'sensors',
      draft: {
        name,
        source: {
          path: sensorDir,
          format: 'json',
          schema: parseDDL(LAB_DDL).jsonValue(),
          options: { timestampUnit: 'Creation_Time:ns,Arrival_Time:ms' },
        },
        steps: [],
        sink: { format: 'memory', outputMode: 'append', options: {}, trigger: { kind: 'default' } },
      },
      plan: null,
      autoStart: false,
    })),
    layout: { theme: 'light', selectedQueryId: selected, view: 'query', sidebarWidth: 260 },
  };
  writeFileSync(path, JSON.stringify(ws, null, 2));
}

describe.skipIf(!hasChromium)('browser mode: the visual query builder (issue 6 §1)', () => {
  let root: string;
  let serve: ServeProcess | undefined;
  let context: BrowserContext | undefined;
  let page: Page;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'tidemark-e2e-builder-'));
    serve = await startServe({ dataDir: join(root, 'data') });
    ({ context, page } = await launchChromium(join(root, 'chromium')));
  }, 300_000);

  afterAll(async () => {
    await context?.close();
    await serve?.stop();
    rmSync(root, { recursive: true, force: true });
  }, 30_000);

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail' && context !== undefined)
      await screenshot(page, `builder-failed-${task.name.slice(0, 2)}`);
  });

  const node = (i: number | 'source' | 'sink') =>
    typeof i === 'number'
      ? page.locator(`[data-testid="builder-node"][data-role="step"][data-index="${i}"]`)
      : page.locator(`[data-testid="builder-node"][data-role="${i}"]`);
  const palette = (id: string) =>
    page.locator(`[data-testid="palette-item"][data-palette="${id}"]`);
  const schemaOf = (i: number) => node(i).getByTestId('node-schema').textContent();

  /** Opens the workspace and the builder on query `name` (its folder has no files yet). */
  async function openBuilder(name: string, sensorDir: string): Promise<void> {
    const file = join(root, `${name}.tidemark.json`);
    workspaceFile(file, sensorDir, name);
    await openApp(page, serve!.url);
    await page.getByTestId('welcome-open').click();
    await answerPathPrompt(page, file);
    // The opened workspace shows its saved pane (the form) once the host has answered;
    // switching to the builder before that would be undone by it.
    await expect
      .poll(() => page.getByTestId('query-name').inputValue(), { timeout: 15_000 })
      .toBe(name);
    await page.getByTestId('nav-builder').click();
    await page.getByTestId('builder-view').waitFor({ timeout: 15_000 });
    await expect
      .poll(() => page.getByTestId('builder-query-name').inputValue(), { timeout: 15_000 })
      .toBe(name);
  }

  /** Drags Window onto the source, sets its duration, adds User as a key (pickers only). */
  async function buildWindowByUser(after: 'source' | number): Promise<number> {
    await palette('window').dragTo(node(after));
    const index = after === 'source' ? 0 : after + 1;
    await expect
      .poll(() => node(index).getAttribute('data-kind'), { timeout: 15_000 })
      .toBe('groupBy');
    await node(index).click();
    const inspector = page.getByTestId('node-inspector');
    // The default is the first timestamp column (Arrival_Time); the lab's event time is Creation_Time.
    await inspector.getByTestId('window-column').selectOption('Creation_Time');
    await expect
      .poll(() => inspector.getByTestId('window-column').inputValue())
      .toBe('Creation_Time');
    await inspector.getByTestId('window-duration').fill('30 seconds');
    await inspector.getByTestId('key-add').selectOption('User');
    await expect.poll(() => inspector.getByTestId('key-column').inputValue()).toBe('User');
    await expect
      .poll(() => schemaOf(index), { timeout: 30_000 })
      .toMatch(/window[\s\S]*User[\s\S]*count/);
    return index;
  }

  async function runAndFollow(name: string): Promise<void> {
    await page.getByTestId('run-query').click();
    await expect
      .poll(
        async () =>
          page.locator('[data-testid="query"]', { hasText: name }).getAttribute('data-state'),
        { timeout: 30_000 },
      )
      .toBe('running');
  }

  it('1. hands-on 4: window(Creation_Time, 30 seconds) and User, count, complete mode — the table per trigger', async () => {
    const sensorDir = join(root, 'sensors-4');
    const sim = new SensorSimulator({
      dir: sensorDir,
      seed: 4,
      rowsPerFile: 100,
      clockStepMs: 200,
      malformedFraction: 0,
      nullFraction: 0,
      lateFraction: 0.1,
      lateBySeconds: 45,
    });
    const records: SensorRecord[] = [...(await sim.writeFile()).records];
    await openBuilder('hands_on_4', sensorDir);

    const index = await buildWindowByUser('source');
    // Append without a watermark is refused with Spark's reason on the sink node; complete is offered.
    await expect
      .poll(async () => (await node('sink').getByTestId('node-error').textContent()) ?? '', {
        timeout: 30_000,
      })
      .toMatch(/watermark/i);
    await node('sink').click();
    const append = page.getByTestId('output-mode').locator('option[value="append"]');
    await expect.poll(() => append.isDisabled(), { timeout: 30_000 }).toBe(true);
    await page.getByTestId('output-mode').selectOption('complete');
    await expect
      .poll(() => node('sink').getByTestId('node-error').count(), { timeout: 30_000 })
      .toBe(0);
    // The live preview after the window node: rows of the first file.
    await expect
      .poll(
        async () =>
          Number(await node(index).getByTestId('node-preview').getAttribute('data-row-count')),
        { timeout: 30_000 },
      )
      .toBeGreaterThan(0);
    await screenshot(page, 'builder-01-hands-on-4');

    // The grid renders only the rows in view: a tall window shows the whole table.
    await page.setViewportSize({ width: 1280, height: 3200 });
    await runAndFollow('hands_on_4');
    for (let file = 0; file < 3; file++) {
      if (file > 0) records.push(...(await sim.writeFile()).records);
      const expected = windowCounts(timed(records), WINDOW_US, WINDOW_US);
      const expectedPerUser = perUser(
        [...expected].map(([k, n]) => [(JSON.parse(k) as [number, string])[1], n]),
      );
      await expect
        .poll(
          async () => {
            const t = await shownTriggerTable(page);
            return { rows: t.rows.length, perUser: shownPerUser(t.rows) };
          },
          { timeout: 60_000, interval: 500 },
        )
        .toEqual({ rows: expected.size, perUser: expectedPerUser });
    }
    await screenshot(page, 'builder-02-hands-on-4-results');
    await page.setViewportSize({ width: 1280, height: 800 });
    await page
      .getByTestId('stop-query')
      .first()
      .click()
      .catch(() => undefined);
  }, 240_000);

  it('2. hands-on 5: Watermark(Creation_Time, 1 minute) before the window, append mode — final windows only', async () => {
    const sensorDir = join(root, 'sensors-5');
    const sim = new SensorSimulator({
      dir: sensorDir,
      seed: 5,
      rowsPerFile: 100,
      clockStepMs: 200,
      malformedFraction: 0,
      nullFraction: 0,
      lateFraction: 0.15,
      lateBySeconds: 90,
    });
    const model = new AppendWindowCountModel(WINDOW_US, WINDOW_US, 60_000);
    const first = (await sim.writeFile()).records;
    await openBuilder('hands_on_5', sensorDir);

    // Window first, then a Watermark dropped on the source lands before it.
    const windowIndex = await buildWindowByUser('source');
    expect(windowIndex).toBe(0);
    await palette('watermark').dragTo(node('source'));
    await expect
      .poll(() => node(0).getAttribute('data-kind'), { timeout: 15_000 })
      .toBe('watermark');
    await node(0).click();
    const inspector = page.getByTestId('node-inspector');
    await inspector.getByTestId('inspector-watermark-column').selectOption('Creation_Time');
    await expect
      .poll(() => inspector.getByTestId('inspector-watermark-column').inputValue())
      .toBe('Creation_Time');
    await inspector.getByTestId('inspector-delay').fill('1 minute');
    // With the watermark, append is allowed: the sink keeps append and has no error.
    await expect
      .poll(() => node('sink').getByTestId('node-error').count(), { timeout: 30_000 })
      .toBe(0);
    await node('sink').click();
    expect(await page.getByTestId('output-mode').inputValue()).toBe('append');
    expect(
      await page.getByTestId('output-mode').locator('option[value="append"]').isDisabled(),
    ).toBe(false);
    // The code view shows the lab's query.
    await page.getByTestId('code-tab-pyspark').click();
    await expect
      .poll(async () => (await page.getByTestId('code-content').textContent()) ?? '', {
        timeout: 30_000,
      })
      .toMatch(
        /withWatermark\("Creation_Time", "1 minute"\)[\s\S]*window\([\s\S]*30 seconds[\s\S]*count\(\)/,
      );
    await screenshot(page, 'builder-03-hands-on-5');

    await runAndFollow('hands_on_5');
    const emitted: [number, string | null, number][] = [];
    emitted.push(...model.step(timed(first)));
    for (let file = 0; file < 6; file++) {
      if (file > 0) emitted.push(...model.step(timed((await sim.writeFile()).records)));
      const expectedPerUser = perUser(emitted.map(([, user, n]) => [user, n]));
      await expect
        .poll(
          async () => {
            const t = await shownTriggerTable(page);
            return { rows: t.rows.length, perUser: shownPerUser(t.rows) };
          },
          { timeout: 60_000, interval: 500 },
        )
        .toEqual({ rows: emitted.length, perUser: expectedPerUser });
    }
    expect(emitted.length).toBeGreaterThan(0);
    await screenshot(page, 'builder-04-hands-on-5-results');
    await page
      .getByTestId('stop-query')
      .first()
      .click()
      .catch(() => undefined);
  }, 300_000);
});
