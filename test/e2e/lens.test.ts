/**
 * The late-data lens end to end in browser mode (issue 6 §2): a simulator folder with known
 * late rows (engine/io/simulator: 10 % of rows 60 s behind the clock), read one file per
 * trigger by the lab's windowed count by user with a 10-second watermark, started through
 * the host API from the page. The lens must show the dropped rows with exactly the count the
 * engine reports (Σ progress numRowsDroppedByWatermark), and the side-by-side replay must
 * show the unwatermarked variant's state growing and the watermarked one's bounded.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { col, window } from '../../engine/index';
import { writeSensorFolder } from '../../engine/io/simulator';
import { Session } from '../../engine/session';
import { answerPathPrompt, openApp, screenshot } from './helpers/app-page';
import {
  hasChromium,
  launchChromium,
  startServe,
  warnWithoutChromium,
  type ServeProcess,
} from './helpers/browser-mode';

warnWithoutChromium('test/e2e/lens.test.ts');

const FILES = 6;
const ROWS_PER_FILE = 300;

/** The query as plan JSON and sink spec, built with the engine's own DataFrame API. */
function lateCountsSpec(dir: string): { plan: unknown; sink: unknown } {
  const session = Session.builder().appName('lens-e2e-plan').getOrCreate();
  const df = session.readStream
    .schema('Creation_Time TIMESTAMP, User STRING')
    .option('timestampUnit', 'ns')
    .option('maxFilesPerTrigger', '1')
    .json(dir)
    .withWatermark('Creation_Time', '10 seconds')
    .groupBy(window(col('Creation_Time'), '10 seconds'), col('User'))
    .count();
  const sink = df.writeStream
    .format('memory')
    .queryName('late_counts')
    .outputMode('append')
    .toSinkSpec();
  return JSON.parse(JSON.stringify({ plan: df.plan, sink })) as { plan: unknown; sink: unknown };
}

/**
 * A second WebSocket to the host from the page (the page's own origin and token): sends
 * requests and keeps every progress event, as a Spark app's listener would.
 */
async function openApiSocket(page: Page): Promise<void> {
  await page.evaluate(`(async () => {
    const token = new URLSearchParams(location.search).get('token');
    const ws = new WebSocket('ws://' + location.host + '/api?token=' + encodeURIComponent(token));
    const pending = new Map();
    window.__lensProgress = [];
    ws.onmessage = (m) => {
      if (typeof m.data !== 'string') return;
      const msg = JSON.parse(m.data);
      if (msg.kind === 'response') { pending.get(msg.id)?.(msg); pending.delete(msg.id); }
      else if (msg.kind === 'event' && msg.event.type === 'progress') window.__lensProgress.push(msg.event.progress);
    };
    await new Promise((r) => { ws.onopen = r; });
    let id = 1_000_000;
    window.__lensApi = (body) => new Promise((resolve) => { const n = id++; pending.set(n, resolve); ws.send(JSON.stringify({ ...body, id: n })); });
  })()`);
}

async function api(
  page: Page,
  body: unknown,
): Promise<{ ok: boolean; result?: unknown; error?: { message: string } }> {
  return page.evaluate(`window.__lensApi(${JSON.stringify(body)})`);
}

/** Per batch (the last progress of each id wins): input rows and Σ numRowsDroppedByWatermark. */
async function engineProgress(page: Page): Promise<{ inputRows: number; dropped: number }> {
  const all = (await page.evaluate('window.__lensProgress')) as {
    batchId: number;
    numInputRows: number;
    stateOperators: { numRowsDroppedByWatermark: number }[];
  }[];
  const byBatch = new Map(all.map((p) => [p.batchId, p]));
  let inputRows = 0;
  let dropped = 0;
  for (const p of byBatch.values()) {
    inputRows += p.numInputRows;
    dropped += p.stateOperators.reduce((s, o) => s + o.numRowsDroppedByWatermark, 0);
  }
  return { inputRows, dropped };
}

const num = async (page: Page, testId: string, within = page.locator('body')): Promise<number> =>
  Number((await within.getByTestId(testId).first().textContent())?.trim());

describe.skipIf(!hasChromium)('late-data lens in browser mode', () => {
  let dataDir: string;
  let profileDir: string;
  let sensors: string;
  let serve: ServeProcess | undefined;
  let context: BrowserContext | undefined;
  let page: Page;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'tidemark-e2e-lens-data-'));
    profileDir = await mkdtemp(join(tmpdir(), 'tidemark-e2e-lens-chromium-'));
    sensors = join(dataDir, 'sensors');
    // 30 s of simulated clock per file; 10 % of rows are 60 s behind it: late enough to drop.
    await writeSensorFolder({
      dir: sensors,
      files: FILES,
      rowsPerFile: ROWS_PER_FILE,
      seed: 6,
      clockStepMs: 100,
      lateFraction: 0.1,
      lateBySeconds: 60,
      malformedFraction: 0,
      nullFraction: 0,
    });
    serve = await startServe({ dataDir });
    ({ context, page } = await launchChromium(profileDir));
  }, 300_000);

  afterAll(async () => {
    await context?.close();
    await serve?.stop();
    await rm(profileDir, { recursive: true, force: true });
    await rm(dataDir, { recursive: true, force: true });
  }, 30_000);

  it('shows the dropped rows with the engine’s counts, and the replay with and without a watermark', async () => {
    await openApp(page, serve!.url);
    await openApiSocket(page);
    const granted = await api(page, { type: 'pickFolder', purpose: 'source', typedPath: sensors });
    expect(granted.ok, granted.error?.message).toBe(true);
    const started = await api(page, { type: 'startQuery', spec: lateCountsSpec(sensors) });
    expect(started.ok, started.error?.message).toBe(true);

    // Every file read, one per trigger.
    await expect
      .poll(async () => (await engineProgress(page)).inputRows, { timeout: 60_000, interval: 250 })
      .toBe(FILES * ROWS_PER_FILE);
    const engine = await engineProgress(page);
    expect(engine.dropped).toBeGreaterThan(0);

    await page.getByTestId('query').filter({ hasText: 'late_counts' }).first().click();
    await page.getByTestId('nav-lens').click();
    const lens = page.getByTestId('lens');
    await lens.waitFor({ state: 'visible', timeout: 15_000 });
    await expect
      .poll(() => num(page, 'lens-rows'), { timeout: 15_000 })
      .toBe(FILES * ROWS_PER_FILE);
    await expect
      .poll(() => num(page, 'lens-dropped-by-watermark'), { timeout: 15_000 })
      .toBe(engine.dropped);
    // Rows dropped ≥ Spark's count: Spark counts one dropped row per key and window of a batch.
    expect(await num(page, 'lens-dropped-rows')).toBeGreaterThanOrEqual(engine.dropped);
    expect(await num(page, 'lens-late-accepted')).toBeGreaterThan(0);
    // The charts redraw at most 4 times a second: wait until they show the rows.
    for (const chart of ['lens-scatter', 'lens-windows', 'lens-state'])
      await expect
        .poll(async () => Number(await lens.getByTestId(chart).getAttribute('data-points')), {
          timeout: 10_000,
        })
        .toBeGreaterThan(0);
    await screenshot(page, 'lens-trace');

    // Side by side: A = the query's 10 seconds, B = no watermark.
    await expect.poll(() => page.getByTestId('replay-delay-a').textContent()).toBe('10 seconds');
    await page.getByTestId('replay-run').click();
    const a = page.getByTestId('replay-side-a');
    const b = page.getByTestId('replay-side-b');
    await b.waitFor({ state: 'visible', timeout: 30_000 });
    expect(await num(page, 'replay-dropped-by-watermark', a)).toBe(engine.dropped);
    expect(await num(page, 'replay-dropped', b)).toBe(0);
    expect(await b.getByTestId('replay-state-verdict').textContent()).toContain('keeps growing');
    expect(await a.getByTestId('replay-state-verdict').textContent()).toContain('bounded');
    expect(await num(page, 'replay-final-state', b)).toBeGreaterThan(
      await num(page, 'replay-max-state', a),
    );
    expect(
      Number((await page.getByTestId('replay-diff-count').textContent())?.match(/^\d+/)?.[0]),
    ).toBeGreaterThan(0);
    await expect
      .poll(
        async () => Number(await page.getByTestId('replay-state').getAttribute('data-points')),
        { timeout: 10_000 },
      )
      .toBeGreaterThan(0);
    await page.getByTestId('replay').scrollIntoViewIfNeeded();
    await screenshot(page, 'lens-replay');

    // The slider re-runs the replay: with no delay at all, A drops more.
    const droppedAt10s = await num(page, 'replay-dropped', a);
    await page.getByTestId('replay-slider').evaluate((el) => {
      const input = el as unknown as { value: string; dispatchEvent(e: unknown): boolean };
      input.value = '0';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await expect.poll(() => page.getByTestId('replay-delay-a').textContent()).toBe('0 seconds');
    await expect
      .poll(() => num(page, 'replay-dropped', a), { timeout: 30_000 })
      .toBeGreaterThan(droppedAt10s);
    await screenshot(page, 'lens-slider');

    // Issue 6 §4: a lens chart exports as CSV (the points behind it) and as PNG.
    const csvPath = join(dataDir, 'lens-state.csv');
    await page.getByTestId('lens-state').getByTestId('lens-export-csv').click();
    await answerPathPrompt(page, csvPath);
    await expect.poll(() => existsSync(csvPath), { timeout: 15_000 }).toBe(true);
    const csv = readFileSync(csvPath, 'utf8').split('\n');
    expect(csv[0].split(',')[0]).toMatch(/^(x|series)$/);
    expect(csv.length).toBeGreaterThan(3);
    const pngPath = join(dataDir, 'lens-scatter.png');
    await page.getByTestId('lens-scatter').getByTestId('lens-export-png').click();
    await answerPathPrompt(page, pngPath);
    await expect.poll(() => existsSync(pngPath), { timeout: 15_000 }).toBe(true);
    expect([...readFileSync(pngPath).subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  }, 180_000);
});
