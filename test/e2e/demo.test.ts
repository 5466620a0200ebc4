/**
 * The first-launch experience, end to end: `npm run serve`'s host (main/serve.ts --demo) on
 * a random port, Debian's Chromium driven by playwright-core opening the tokenised URL. The
 * demo's activity count must show live triggers with growing counts, and clicking batch 1
 * must show the Result Table as it was after that trigger (the lab's Hand-on 2, live).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, screenshot } from './helpers/app-page';
import {
  hasChromium,
  launchChromium,
  startServe,
  warnWithoutChromium,
  type ServeProcess,
} from './helpers/browser-mode';
import { countsByActivity, shownTriggerTable, sumOf } from './helpers/result-grid';

warnWithoutChromium('test/e2e/demo.test.ts');

/** The Result Table on screen, as {gt: count}, and the batch it is after. */
async function shownTable(
  page: Page,
): Promise<{ batchId: number | null; counts: Record<string, number> }> {
  const shown = await shownTriggerTable(page);
  return { batchId: shown.batchId, counts: countsByActivity(shown.rows) };
}

async function activityCounts(page: Page): Promise<Record<string, number>> {
  return (await shownTable(page)).counts;
}

describe.skipIf(!hasChromium)('browser mode demo (npm run serve)', () => {
  let dataDir: string;
  let profileDir: string;
  let serve: ServeProcess | undefined;
  let context: BrowserContext | undefined;
  let page: Page;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'tidemark-e2e-data-'));
    profileDir = await mkdtemp(join(tmpdir(), 'tidemark-e2e-chromium-'));
    serve = await startServe({ dataDir, demo: true });
    ({ context, page } = await launchChromium(profileDir));
  }, 300_000);

  afterAll(async () => {
    await context?.close();
    await serve?.stop();
    await rm(profileDir, { recursive: true, force: true });
    await rm(dataDir, { recursive: true, force: true });
  }, 30_000);

  it('shows the activity_count query live: at least three triggers with growing counts', async () => {
    await openApp(page, serve!.url);
    await expect
      .poll(() => page.getByTestId('query').first().textContent(), { timeout: 30_000 })
      .toContain('activity_count');

    // Follow the live table as triggers arrive and record Σ count after each one. The demo
    // may already have run a few triggers before the page opened, so wait until at least two
    // of them have been seen live (and the timeline holds three or more).
    const totals = new Map<number, number>();
    await expect
      .poll(
        async () => {
          const shown = await shownTable(page);
          if (shown.batchId !== null) totals.set(shown.batchId, sumOf(shown.counts));
          const triggers = await page.getByTestId('trigger').count();
          return triggers >= 3 && totals.size >= 2;
        },
        { timeout: 60_000, interval: 250 },
      )
      .toBe(true);
    await screenshot(page, 'demo-live');

    // The activity count reads only `gt` (column pruning, as Spark's requiredSchema), so the
    // lab's millisecond/nanosecond time columns are not decoded and raise no
    // IMPLAUSIBLE_TIMESTAMP warning here; the source setup's preview, which reads every column,
    // is where that warning and its timestampUnit suggestion appear.
    const warnings = await page.getByTestId('input-warning').allTextContents();
    expect(warnings.filter((w) => w.includes('IMPLAUSIBLE_TIMESTAMP'))).toEqual([]);

    const seen = [...totals.entries()].sort((a, b) => a[0] - b[0]);
    expect(seen.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < seen.length; i++) expect(seen[i][1]).toBeGreaterThan(seen[i - 1][1]);
    // The progress numbers of the trigger on screen: its input rows.
    expect(
      Number((await page.getByTestId('num-input-rows').textContent())?.replace(/,/g, '')),
    ).toBeGreaterThan(0);
  }, 120_000);

  it('shows the Result Table as it was after trigger 1 when batch 1 is clicked', async () => {
    await page.locator('[data-testid="trigger"][data-batch-id="1"]').click();
    const table = page.locator('[data-testid="result-table"][data-batch-id="1"]');
    await table.waitFor({ timeout: 15_000 });
    await expect
      .poll(() => page.getByTestId('follow-live').getAttribute('aria-pressed'))
      .toBe('false');
    const afterBatch1 = await activityCounts(page);
    // Batch 0 read the first file (50 rows), batch 1 at least one more.
    expect(sumOf(afterBatch1)).toBeGreaterThan(50);
    expect(Object.keys(afterBatch1).length).toBeGreaterThan(1);
    expect(
      await page.locator('[data-testid="result-table"] [data-testid="grid-row"][data-change]').count(),
    ).toBeGreaterThan(0);
    await screenshot(page, 'demo-trigger-1');

    // It stays on batch 1 while new triggers arrive.
    const triggers = await page.getByTestId('trigger').count();
    await expect
      .poll(() => page.getByTestId('trigger').count(), { timeout: 20_000 })
      .toBeGreaterThan(triggers);
    expect(await table.count()).toBe(1);
    expect(sumOf(await activityCounts(page))).toBe(sumOf(afterBatch1));

    // The same screen in the dark theme (prefers-color-scheme).
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'demo-dark');
  }, 60_000);
});
