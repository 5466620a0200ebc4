/**
 * The streaming dashboard (issue 6 §3) and chart/table export (§4), end to end in browser
 * mode: the demo's activity count runs on its simulator folder; the dashboard draws its
 * charts over the triggers, hover shows a trigger's exact value (the same number the
 * progress table lists), a click opens that trigger's result table, and a chart is saved as
 * PNG (at the canvas's pixel size) and as CSV (one row per trigger), the files table as CSV.
 * Screenshots: test/output/e2e/dashboard-*.png.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { answerPathPrompt, horizontalOverflow, openApp, screenshot } from './helpers/app-page';
import {
  hasChromium,
  launchChromium,
  startServe,
  warnWithoutChromium,
  type ServeProcess,
} from './helpers/browser-mode';

warnWithoutChromium('test/e2e/dashboard.test.ts');

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Rows of a CSV whose fields need no unquoting (numbers, timestamps, plain paths). */
function csvRows(path: string): string[][] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => l.split(','));
}

/** A canvas element's pixel size (this file compiles without the DOM lib, hence the cast). */
function canvasSize(canvas: Locator): Promise<[number, number]> {
  return canvas.evaluate((c) => {
    const element = c as unknown as { width: number; height: number };
    return [element.width, element.height] as [number, number];
  });
}

describe.skipIf(!hasChromium)('browser mode: the streaming dashboard (issue 6 §3, §4)', () => {
  let root: string;
  let serve: ServeProcess | undefined;
  let context: BrowserContext | undefined;
  let page: Page;
  /** The trigger the hover showed, which the click must open. */
  let hoveredBatch = -1;

  const chart = (id: string): Locator =>
    page.locator(`[data-testid="dashboard-chart"][data-chart-id="${id}"]`);

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'tidemark-e2e-dashboard-'));
    serve = await startServe({ dataDir: join(root, 'data'), demo: true });
    ({ context, page } = await launchChromium(join(root, 'chromium')));
  }, 300_000);

  afterAll(async () => {
    await context?.close();
    await serve?.stop();
    rmSync(root, { recursive: true, force: true });
  }, 30_000);

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail' && context !== undefined)
      await screenshot(page, `dashboard-failed-${task.name.split('.')[0]}`);
  });

  it('1. draws the demo query’s charts over its triggers', async () => {
    await openApp(page, serve!.url);
    await expect
      .poll(() => page.getByTestId('query').first().textContent(), { timeout: 30_000 })
      .toContain('activity_count');
    await page.getByTestId('nav-dashboard').click();
    await page.getByTestId('dashboard').waitFor({ timeout: 15_000 });
    await expect
      .poll(async () => Number(await chart('input-rows').getAttribute('data-points')), {
        timeout: 60_000,
        interval: 500,
      })
      .toBeGreaterThanOrEqual(3);

    const ids = await page
      .getByTestId('dashboard-chart')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-chart-id')));
    expect(ids).toEqual([
      'input-rate',
      'process-rate',
      'input-rows',
      'batch-duration',
      'watermark-gap',
      'state-rows',
      'state-memory',
      'dropped-rows',
      'corrupt-records',
    ]);
    // A groupBy count is stateful: its state rows are plotted, one point per trigger.
    expect(Number(await chart('state-rows').getAttribute('data-points'))).toBeGreaterThanOrEqual(3);
    expect(
      Number(await chart('batch-duration').getAttribute('data-points')),
    ).toBeGreaterThanOrEqual(3);
    // The demo has no withWatermark: said in words, not drawn as NaN.
    expect(await chart('watermark-gap').getByTestId('chart-absent').textContent()).toMatch(
      /^No watermark/,
    );
    // Drawn canvases, not empty boxes.
    const size = await canvasSize(chart('input-rows').getByTestId('chart-canvas'));
    expect(size[0]).toBeGreaterThan(200);
    expect(size[1]).toBeGreaterThan(100);
    // The files each trigger read are listed.
    expect(await page.getByTestId('files-row').count()).toBeGreaterThanOrEqual(3);
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshot(page, 'dashboard-charts');
  }, 120_000);

  it('2. hover shows a trigger’s exact value, the number the progress table lists', async () => {
    const canvas = chart('input-rows').getByTestId('chart-canvas');
    const box = (await canvas.boundingBox())!;
    const tooltip = chart('input-rows').getByTestId('chart-tooltip');
    // Mode 'index': anywhere over the plot shows the nearest trigger.
    await expect
      .poll(
        async () => {
          await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
          await page.mouse.move(box.x + box.width * 0.55, box.y + box.height * 0.5);
          return tooltip.count();
        },
        { timeout: 15_000 },
      )
      .toBe(1);
    hoveredBatch = Number(await tooltip.getAttribute('data-batch-id'));
    const shown = (await tooltip
      .getByTestId('chart-tooltip-value')
      .first()
      .locator('strong')
      .textContent())!;
    expect(shown).toMatch(/^[\d,]+ rows$/);
    const listed = await page
      .locator(
        `[data-testid="progress-row"][data-batch-id="${hoveredBatch}"] [data-testid="progress-input-rows"]`,
      )
      .textContent();
    expect(shown).toBe(`${listed} rows`);
    expect(await tooltip.textContent()).toContain(`Batch ${hoveredBatch}`);
    expect(await tooltip.textContent()).toContain('Rows read from all sources');
    await screenshot(page, 'dashboard-hover');
  }, 60_000);

  it('3. a click on that trigger opens its result table', async () => {
    // The mouse is still where the tooltip showed `hoveredBatch`.
    await page.mouse.down();
    await page.mouse.up();
    const table = page.locator(`[data-testid="result-table"][data-batch-id="${hoveredBatch}"]`);
    await table.waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('nav-results').getAttribute('aria-current')).toBe('page');
    expect(await page.getByTestId('follow-live').getAttribute('aria-pressed')).toBe('false');
    await expect
      .poll(() => table.locator('[data-testid="grid-row"]').count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    await screenshot(page, 'dashboard-trigger-table');
  }, 60_000);

  it('4. saves a chart as PNG and its data as CSV, and the files table as CSV', async () => {
    await page.getByTestId('nav-dashboard').click();
    const exportDir = mkdtempSync(join(root, 'exports-'));
    const status = page.getByTestId('export-status');
    const saved = async (path: string): Promise<void> => {
      await answerPathPrompt(page, path);
      await expect
        .poll(async () => ((await status.count()) > 0 ? await status.textContent() : ''), {
          timeout: 30_000,
        })
        .toContain(`Saved ${path}`);
    };

    const pngPath = join(exportDir, 'input-rows.png');
    await chart('input-rows').getByTestId('chart-export-png').click();
    await saved(pngPath);
    const png = new Uint8Array(readFileSync(pngPath));
    expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(png.length).toBeGreaterThan(3000);
    const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
    const [width, height] = await canvasSize(chart('input-rows').getByTestId('chart-canvas'));
    expect({ width: view.getUint32(16), height: view.getUint32(20) }).toEqual({ width, height });

    const csvPath = join(exportDir, 'input-rows.csv');
    await chart('input-rows').getByTestId('chart-export-csv').click();
    await saved(csvPath);
    const [header, ...rows] = csvRows(csvPath);
    expect(header).toEqual(['batchId', 'timestamp', 'Input rows (rows)']);
    // One row per trigger, in order, from the first batch on.
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(rows.map((r) => Number(r[0]))).toEqual(rows.map((_, i) => i));
    // Each row's value is the trigger's input rows, as the progress table lists it.
    for (const [batchId, , value] of rows.slice(0, 3)) {
      const listed = await page
        .locator(
          `[data-testid="progress-row"][data-batch-id="${batchId}"] [data-testid="progress-input-rows"]`,
        )
        .textContent();
      expect(Number(listed?.replace(/,/g, ''))).toBe(Number(value));
    }

    const filesPath = join(exportDir, 'files.csv');
    await page.getByTestId('files-table-save-csv').click();
    await saved(filesPath);
    const [filesHeader, ...fileRows] = csvRows(filesPath);
    expect(filesHeader).toEqual(['batchId', 'timestamp', 'file']);
    expect(fileRows.length).toBeGreaterThanOrEqual(3);
    for (const r of fileRows) expect(r[2]).toMatch(/\.json$/);
    await screenshot(page, 'dashboard-export');

    // The dark theme repaints the charts, their background included (what a PNG would hold).
    await page.emulateMedia({ colorScheme: 'dark' });
    const cornerBrightness = (): Promise<number> =>
      chart('input-rows')
        .getByTestId('chart-canvas')
        .evaluate((c) => {
          const canvas = c as unknown as {
            getContext(kind: '2d'): {
              getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> };
            };
          };
          const [r, g, b] = Array.from(canvas.getContext('2d').getImageData(1, 1, 1, 1).data);
          return (r + g + b) / 3;
        });
    await expect.poll(cornerBrightness, { timeout: 10_000 }).toBeLessThan(100);
    await screenshot(page, 'dashboard-dark');
  }, 120_000);
});
