/**
 * The virtualised result grid at 100,000 rows in browser mode (issue 5: "a virtualised grid
 * that stays smooth at 100k rows (sortable, filterable)"). A folder of 100,000 JSON rows is
 * read by a query with a memory sink, and the SQL console fetches the whole table into the
 * grid. The grid must keep only the rows in view in the page, reach the last row by
 * scrolling, sort by a column and narrow by the filter. Nothing here asserts speed: the
 * times are printed for whoever reads the log.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerPathPrompt, openApp, screenshot } from './helpers/app-page';
import {
  hasChromium,
  launchChromium,
  startServe,
  warnWithoutChromium,
  type ServeProcess,
} from './helpers/browser-mode';
import { renderedRows } from './helpers/result-grid';

warnWithoutChromium('test/e2e/grid-100k.test.ts');

const NUM_ROWS = 100_000;
const FILES = 10;
const QUERY = 'grid_rows';
/** Rendered rows allowed at once: a viewport's worth plus overscan, far below the table. */
const MAX_RENDERED = 200;

/**
 * Row i holds id (i·7919 + 12345) mod 100,000: every id once (7919 is prime to 100,000),
 * but not in file order, so sorting by id has real work to do.
 */
const idOfRow = (i: number): number => (i * 7919 + 12_345) % NUM_ROWS;

function writeRows(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const perFile = NUM_ROWS / FILES;
  for (let f = 0; f < FILES; f++) {
    const lines: string[] = [];
    for (let i = f * perFile; i < (f + 1) * perFile; i++) {
      const id = idOfRow(i);
      lines.push(JSON.stringify({ id, name: `row-${id}`, x: id + 0.5 }));
    }
    writeFileSync(join(dir, `part-${String(f).padStart(5, '0')}.json`), lines.join('\n') + '\n');
  }
}

/** Milliseconds since `start`, for the log. */
const since = (start: number): string => `${Math.round(performance.now() - start)} ms`;

describe.skipIf(!hasChromium)('browser mode: the result grid at 100,000 rows', () => {
  let root: string;
  let rowsDir: string;
  let serve: ServeProcess | undefined;
  let context: BrowserContext | undefined;
  let page: Page;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'tidemark-e2e-grid-'));
    rowsDir = join(root, 'rows');
    writeRows(rowsDir);
    serve = await startServe({ dataDir: join(root, 'data') });
    ({ context, page } = await launchChromium(join(root, 'chromium')));
  }, 300_000);

  afterAll(async () => {
    await context?.close();
    await serve?.stop();
    rmSync(root, { recursive: true, force: true });
  }, 30_000);

  /** The SQL console's grid and the scrolling element inside it (role=grid). */
  const sqlGrid = (): Locator => page.getByTestId('sql-result').getByTestId('result-grid');
  const scroller = (): Locator => sqlGrid().locator('[role="grid"]');
  const rowCount = async (): Promise<number> =>
    Number(await sqlGrid().getAttribute('data-row-count'));
  const renderedCount = (): Promise<number> => sqlGrid().getByTestId('grid-row').count();
  const rowAt = (index: number): Locator =>
    sqlGrid().locator(`[data-testid="grid-row"][data-row-index="${index}"]`);
  const idAt = async (index: number): Promise<number> =>
    Number(await rowAt(index).locator('[data-column="id"]').textContent());

  async function scrollTo(where: 'top' | 'end'): Promise<void> {
    await scroller().evaluate((el, to) => {
      el.scrollTop = to === 'top' ? 0 : el.scrollHeight;
    }, where);
  }

  it('loads 100,000 rows into the SQL console grid', async () => {
    await openApp(page, serve!.url);
    await page.getByTestId('new-workspace').click();
    await expect
      .poll(() => page.getByTestId('nav-source').getAttribute('aria-current'), { timeout: 15_000 })
      .toBe('page');
    await page.getByTestId('add-source').click();
    await page.getByTestId('source-pick-folder').click();
    await answerPathPrompt(page, rowsDir);
    await page.getByTestId('source-infer').click();
    await expect.poll(() => page.getByTestId('schema-row').count(), { timeout: 30_000 }).toBe(3);

    // No steps: the query copies the folder into its memory table (append mode).
    await page.getByTestId('new-query').click();
    await page.getByTestId('query-name').fill(QUERY);
    await page.getByTestId('sink-format').selectOption('memory');
    await expect
      .poll(() => page.getByTestId('output-schema').locator('code').allTextContents(), {
        timeout: 30_000,
      })
      .toEqual(['id', 'name', 'x']);
    await page.getByTestId('run-query').click();
    await expect
      .poll(() => page.locator('[data-testid="trigger"]').count(), { timeout: 90_000 })
      .toBeGreaterThan(0);

    await page.getByTestId('nav-sql').click();
    await page.getByTestId('sql-input').fill(`SELECT id, name, x FROM ${QUERY}`);
    // The console's row limit (its "Up to … rows" picker).
    await page.locator('label', { hasText: 'Up to' }).locator('select').selectOption(String(NUM_ROWS));
    const started = performance.now();
    await expect
      .poll(
        async () => {
          const shown = page.getByTestId('sql-row-count');
          const n = (await shown.count()) > 0 ? Number(await shown.getAttribute('data-row-count')) : 0;
          // The first trigger may still be writing the table: ask again until it is whole.
          if (n < NUM_ROWS && !(await page.getByTestId('sql-run').isDisabled()))
            await page.getByTestId('sql-run').click();
          return n;
        },
        { timeout: 120_000, interval: 1_000 },
      )
      .toBe(NUM_ROWS);
    await expect.poll(rowCount, { timeout: 30_000 }).toBe(NUM_ROWS);
    console.info(`grid-100k: 100,000 rows fetched and shown in ${since(started)}`);

    const rendered = await renderedCount();
    expect(rendered).toBeGreaterThan(0);
    expect(rendered).toBeLessThan(MAX_RENDERED);
    const headers = await sqlGrid().getByTestId('grid-header').evaluateAll((hs) =>
      hs.map((h) => h.getAttribute('data-column')),
    );
    expect(headers).toEqual(['id', 'name', 'x']);
    await screenshot(page, 'grid-100k-01-loaded');
  }, 300_000);

  it('scrolls to the last row with only the rows in view rendered', async () => {
    const started = performance.now();
    await scrollTo('end');
    await rowAt(NUM_ROWS - 1).waitFor({ timeout: 15_000 });
    console.info(`grid-100k: scrolled to row 100,000 in ${since(started)}`);
    const last = (await renderedRows(sqlGrid())).at(-1)!;
    expect(last.index).toBe(NUM_ROWS - 1);
    // A whole row of the table: its name and x follow from its id.
    const id = Number(last.cells.id);
    expect(Number.isInteger(id) && id >= 0 && id < NUM_ROWS).toBe(true);
    expect(last.cells.name).toBe(`row-${id}`);
    expect(Number(last.cells.x)).toBe(id + 0.5);
    expect(await renderedCount()).toBeLessThan(MAX_RENDERED);
    expect(await rowAt(0).count()).toBe(0);
    await screenshot(page, 'grid-100k-02-end');
  }, 60_000);

  it('sorts by a column: ascending puts the minimum first, descending the maximum', async () => {
    const header = sqlGrid().locator('[data-testid="grid-header"][data-column="id"]');
    let started = performance.now();
    await header.click();
    await expect.poll(() => header.getAttribute('aria-sort'), { timeout: 15_000 }).toBe('ascending');
    await scrollTo('top');
    await expect.poll(() => idAt(0), { timeout: 15_000 }).toBe(0);
    console.info(`grid-100k: sorted ascending in ${since(started)}`);
    expect(Number(await rowAt(1).locator('[data-column="id"]').textContent())).toBe(1);
    await scrollTo('end');
    await expect.poll(() => idAt(NUM_ROWS - 1), { timeout: 15_000 }).toBe(NUM_ROWS - 1);
    expect(await renderedCount()).toBeLessThan(MAX_RENDERED);

    started = performance.now();
    await header.click();
    await expect.poll(() => header.getAttribute('aria-sort'), { timeout: 15_000 }).toBe('descending');
    await scrollTo('top');
    await expect.poll(() => idAt(0), { timeout: 15_000 }).toBe(NUM_ROWS - 1);
    console.info(`grid-100k: sorted descending in ${since(started)}`);
    expect(await rowCount()).toBe(NUM_ROWS);
    expect(await renderedCount()).toBeLessThan(MAX_RENDERED);
    await screenshot(page, 'grid-100k-03-sorted');
  }, 60_000);

  it('narrows the rows with the filter, sorted as before, and widens them again', async () => {
    const filter = sqlGrid().getByTestId('grid-filter');
    const started = performance.now();
    // `column:value` looks in one column: row-4242 and row-42420 … row-42429.
    await filter.fill('name:row-4242');
    await expect.poll(rowCount, { timeout: 15_000 }).toBe(11);
    console.info(`grid-100k: filtered to 11 rows in ${since(started)}`);
    const rows = await renderedRows(sqlGrid());
    expect(rows.map((r) => Number(r.cells.id))).toEqual([
      42429, 42428, 42427, 42426, 42425, 42424, 42423, 42422, 42421, 42420, 4242,
    ]);
    await screenshot(page, 'grid-100k-04-filtered');

    await filter.fill('');
    await expect.poll(rowCount, { timeout: 15_000 }).toBe(NUM_ROWS);
    expect(await renderedCount()).toBeLessThan(MAX_RENDERED);
  }, 60_000);
});
