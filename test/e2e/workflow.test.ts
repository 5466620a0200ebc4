/**
 * The app's first complete workflow in browser mode (issue 5, "How it is checked"), as a
 * user does it: a workspace over a folder a sensor simulator keeps writing to, the lab's
 * schema typed in, the lab's activity count built step by step (`groupBy("gt").count()`,
 * memory sink, complete mode), run with the keyboard, the Result Table after each trigger,
 * a step back to trigger 1, the workspace saved, `SELECT count(1) FROM activity_count` in
 * the SQL console, the table after one trigger exported to every format and read back with
 * a real reader, and the query stopped. A screenshot of each step goes to
 * test/output/e2e/workflow-<nn>-<step>.png for review.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SensorSimulator, wellFormedRows, type WrittenSensorFile } from '../../engine/io/simulator';
import type { SnapshotFormat, Workspace } from '../../engine/service/protocol';
import { answerPathPrompt, horizontalOverflow, openApp, screenshot } from './helpers/app-page';
import {
  hasChromium,
  launchChromium,
  startServe,
  warnWithoutChromium,
  type ServeProcess,
} from './helpers/browser-mode';
import { countsByActivity, shownTriggerTable, sumOf } from './helpers/result-grid';
import { readSnapshotFile } from './helpers/snapshot-files';

warnWithoutChromium('test/e2e/workflow.test.ts');

/** The lab's sensor schema (Heterogeneity Activity Recognition), field by field. */
const LAB_SCHEMA: readonly (readonly [name: string, type: string])[] = [
  ['Arrival_Time', 'bigint'],
  ['Creation_Time', 'bigint'],
  ['Device', 'string'],
  ['Index', 'bigint'],
  ['Model', 'string'],
  ['User', 'string'],
  ['gt', 'string'],
  ['x', 'double'],
  ['y', 'double'],
  ['z', 'double'],
];
const QUERY = 'activity_count';
const WORKSPACE_NAME = 'Lab activity monitor';
/** The trigger whose table is exported. */
const EXPORT_BATCH = 2;

/** The activity groups in `files` (the NULL group of unlabelled rows as 'NULL'). */
function activityGroups(files: readonly WrittenSensorFile[]): Set<string> {
  return new Set(wellFormedRows(files).map((r) => r.gt ?? 'NULL'));
}

/** {gt: count} of exported rows, with NULL written as the grid writes it. */
function countsOf(rows: readonly Readonly<Record<string, unknown>>[]): Record<string, number> {
  return Object.fromEntries(
    rows.map((r) => [r.gt === null || r.gt === undefined ? 'NULL' : String(r.gt), Number(r.count)]),
  );
}

describe.skipIf(!hasChromium)('browser mode: the first complete workflow (issue 5)', () => {
  let root: string;
  let sensorDir: string;
  let exportDir: string;
  let workspaceFile: string;
  let serve: ServeProcess | undefined;
  let context: BrowserContext | undefined;
  let page: Page;
  let simulator: SensorSimulator | undefined;
  const written: WrittenSensorFile[] = [];
  /** Files written before the query started: its first trigger reads them all. */
  let initialFiles: WrittenSensorFile[] = [];

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'tidemark-e2e-workflow-'));
    sensorDir = join(root, 'sensors');
    exportDir = join(root, 'exports');
    workspaceFile = join(root, 'lab-monitor.tidemark.json');
    simulator = new SensorSimulator({
      dir: sensorDir,
      seed: 20_150_223,
      rowsPerFile: 100,
      filesPerSecond: 2 / 3,
      onFile: (f) => written.push(f),
    });
    // Two files now, so the preview and the first trigger have data; then one every 1.5 s.
    await simulator.writeFile();
    await simulator.writeFile();
    mkdirSync(exportDir);
    serve = await startServe({ dataDir: join(root, 'data') });
    ({ context, page } = await launchChromium(join(root, 'chromium')));
  }, 300_000);

  afterAll(async () => {
    await simulator?.stop();
    await context?.close();
    await serve?.stop();
    rmSync(root, { recursive: true, force: true });
  }, 30_000);

  // A failed step leaves a picture of the page for the report.
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail' && context !== undefined)
      await screenshot(page, `workflow-failed-${task.name.split('.')[0].padStart(2, '0')}`);
  });

  it('1. opens and starts a new workspace', async () => {
    await openApp(page, serve!.url);
    await page.getByTestId('new-workspace').click();
    // A new workspace opens on its (empty) source setup.
    await expect
      .poll(() => page.getByTestId('nav-source').getAttribute('aria-current'), { timeout: 15_000 })
      .toBe('page');
    const name = page.getByTestId('workspace-name');
    await name.fill(WORKSPACE_NAME);
    await expect.poll(() => name.inputValue()).toBe(WORKSPACE_NAME);
    await screenshot(page, 'workflow-01-workspace');
  }, 60_000);

  it('2. adds the simulator folder as a JSON source and types the lab schema', async () => {
    await page.getByTestId('add-source').click();
    await page.getByTestId('source-pick-folder').click();
    await answerPathPrompt(page, sensorDir);
    await expect.poll(() => page.getByTestId('source-path').textContent()).toBe(sensorDir);
    await page.getByTestId('source-format').selectOption('json');

    const rows = page.getByTestId('schema-row');
    const schemaShown = async (): Promise<string[][]> => {
      const shown: string[][] = [];
      for (const row of await rows.all())
        shown.push([
          await row.getByTestId('schema-name').inputValue(),
          await row.getByTestId('schema-type').inputValue(),
        ]);
      return shown;
    };

    // The quick way first: inferred from the files, field names sorted as Spark's JSON
    // inference (JsonInferSchema) sorts them, which is the lab schema's order.
    await page.getByTestId('source-infer').click();
    await expect
      .poll(async () => (await schemaShown()).map(([name]) => name), { timeout: 30_000 })
      .toEqual(LAB_SCHEMA.map(([name]) => name));
    expect(await page.getByTestId('schema-mode').getAttribute('data-mode')).toBe('inferred');

    // Then the reliable way, in both editor forms: the DDL box for all fields but the last…
    const ddl = page.getByTestId('schema-ddl');
    await ddl.fill(
      LAB_SCHEMA.slice(0, -1)
        .map(([name, type]) => `${name} ${type.toUpperCase()}`)
        .join(', '),
    );
    await expect.poll(() => rows.count()).toBe(LAB_SCHEMA.length - 1);
    // …and the table for the last one: add a row, name it, type it.
    await page.getByTestId('schema-add-field').click();
    const added = rows.nth(LAB_SCHEMA.length - 1);
    const [lastName, lastType] = LAB_SCHEMA[LAB_SCHEMA.length - 1];
    await added.getByTestId('schema-name').fill(lastName);
    await added.getByTestId('schema-type').fill(lastType);
    await expect.poll(schemaShown).toEqual(LAB_SCHEMA.map(([n, t]) => [n, t]));
    expect(await page.getByTestId('schema-mode').getAttribute('data-mode')).toBe('manual');
    // The DDL box follows the table.
    await expect.poll(async () => (await ddl.inputValue()).toLowerCase()).toMatch(/\bz double\b/);

    // The preview reads the folder with that schema: rows, and the activity in `gt`.
    await expect
      .poll(() => page.getByTestId('source-preview-row').count(), { timeout: 30_000 })
      .toBeGreaterThan(0);
    const gtValues = await page.getByTestId('source-preview').evaluate((table) => {
      const heads = [...table.querySelectorAll('thead th')].map((th) =>
        (th.firstChild?.textContent ?? '').trim(),
      );
      const column = heads.indexOf('gt');
      return [...table.querySelectorAll('[data-testid="source-preview-row"]')].map((tr) =>
        column < 0 ? '' : (tr.children[column]?.textContent ?? '').trim(),
      );
    });
    const activities = ['stand', 'sit', 'walk', 'bike', 'stairsup', 'stairsdown'];
    expect(gtValues.some((v) => activities.includes(v))).toBe(true);
    expect(gtValues.every((v) => activities.includes(v) || v === 'NULL')).toBe(true);
    expect(await page.getByTestId('source-error').count()).toBe(0);
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshot(page, 'workflow-02-source');
  }, 90_000);

  it('3. builds the activity count: groupBy gt, memory sink, complete mode', async () => {
    await page.getByTestId('new-query').click();
    await page.getByTestId('query-name').fill(QUERY);
    await page.getByTestId('add-step').selectOption('groupBy');
    const groupBy = page.locator('[data-testid="draft-step"][data-kind="groupBy"]');
    await groupBy.waitFor();

    // Completion: `g` offers the column gt (from the schema before the step); take it.
    const keys = groupBy.getByTestId('step-keys');
    await keys.click();
    await keys.pressSequentially('g');
    const gtItem = page
      .locator('[data-testid="completion-item"]')
      .filter({ hasText: /^\s*gt\b/ })
      .first();
    await gtItem.waitFor({ timeout: 15_000 });
    expect(
      (await page.getByTestId('completion-item').allTextContents()).some((t) => /^\s*gt/.test(t)),
    ).toBe(true);
    await gtItem.click();
    await expect.poll(() => keys.inputValue()).toBe('gt');
    expect(await groupBy.getByTestId('step-aggs').inputValue()).toBe('');

    // SchemaSummary lists each column as `<code>name</code> type`.
    const outputColumns = (): Promise<string[]> =>
      page.getByTestId('output-schema').locator('code').allTextContents();
    await expect.poll(outputColumns, { timeout: 30_000 }).toEqual(['gt', 'count']);

    await page.getByTestId('sink-format').selectOption('memory');
    // Append is refused for an aggregation without a watermark, with Spark's reason
    // (UnsupportedOperationChecker: "Append output mode not supported when there are
    // streaming aggregations … without watermark").
    const append = page.getByTestId('output-mode').locator('option[value="append"]');
    await expect
      .poll(() => append.isDisabled(), { timeout: 30_000 })
      .toBe(true);
    expect((await append.getAttribute('title')) ?? '').toMatch(/watermark/i);
    await page.getByTestId('output-mode').selectOption('complete');
    await expect
      .poll(async () => (await page.getByTestId('output-mode-reason').textContent()) ?? '')
      .toMatch(/complete/i);

    // The same query as code.
    await page.getByTestId('code-tab-pyspark').click();
    const code = page.getByTestId('code-content');
    // The engine writes the code from its latest analysis, which follows the edits above.
    await expect
      .poll(async () => (await code.textContent()) ?? '', { timeout: 30_000 })
      .toMatch(/\.groupBy\("gt"\)\.count\(\)[\s\S]*\.outputMode\("complete"\)/);
    expect(await code.textContent()).toContain('.queryName("activity_count")');
    await page.getByTestId('code-tab-typescript').click();
    await expect.poll(async () => (await code.textContent()) ?? '').toContain('groupBy');
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshot(page, 'workflow-03-query');

    // A mistyped column: the engine's error, with the bad span marked; then the step goes.
    await page.getByTestId('add-step').selectOption('filter');
    const filter = page.locator('[data-testid="draft-step"][data-kind="filter"]');
    await filter.getByTestId('step-condition').fill("gtt = 'sit'");
    const error = filter.getByTestId('expression-error');
    await expect
      .poll(async () => ((await error.count()) > 0 ? await error.textContent() : ''), {
        timeout: 30_000,
      })
      .toContain('UNRESOLVED_COLUMN');
    expect(await filter.getByTestId('expression-error-span').textContent()).toBe('gtt');
    await screenshot(page, 'workflow-03b-expression-error');
    await filter.getByTestId('step-remove').click();
    await expect.poll(() => page.getByTestId('draft-step').count()).toBe(1);
    await expect.poll(() => page.getByTestId('expression-error').count()).toBe(0);
    await expect.poll(outputColumns, { timeout: 30_000 }).toEqual(['gt', 'count']);
  }, 120_000);

  it('4. runs with Ctrl+Enter: at least three triggers, Σ count growing', async () => {
    initialFiles = [...written];
    simulator!.start();
    await page.getByTestId('query-name').focus();
    await page.keyboard.press('Control+Enter');

    await expect
      .poll(
        async () =>
          page.locator('[data-testid="query"]', { hasText: QUERY }).getAttribute('data-state'),
        { timeout: 30_000 },
      )
      .toBe('running');
    await expect
      .poll(() => page.getByTestId('trigger').count(), { timeout: 90_000, interval: 500 })
      .toBeGreaterThanOrEqual(3);

    // Σ count after each of the first three triggers, read from each trigger's grid.
    const totals: number[] = [];
    for (let batch = 0; batch < 3; batch++) {
      await page.locator(`[data-testid="trigger"][data-batch-id="${batch}"]`).click();
      await page.locator(`[data-testid="result-table"][data-batch-id="${batch}"]`).waitFor();
      await expect
        .poll(async () => (await shownTriggerTable(page)).rows.length, { timeout: 15_000 })
        .toBeGreaterThan(0);
      totals.push(sumOf(countsByActivity((await shownTriggerTable(page)).rows)));
    }
    // Trigger 0 read the files written before Run: all of their well-formed rows.
    expect(totals[0]).toBeGreaterThanOrEqual(wellFormedRows(initialFiles).length);
    expect(totals[1]).toBeGreaterThan(totals[0]);
    expect(totals[2]).toBeGreaterThan(totals[1]);

    // Back to live: the newest table.
    await page.getByTestId('follow-live').click();
    await expect.poll(() => page.getByTestId('follow-live').getAttribute('aria-pressed')).toBe('true');
    await screenshot(page, 'workflow-04-running');
  }, 150_000);

  it('5. steps back to trigger 1: its table, its changes highlighted, less than now', async () => {
    // Following live: the table after the newest trigger (batch 2 or later).
    await expect
      .poll(async () => (await shownTriggerTable(page)).batchId ?? -1, { timeout: 15_000 })
      .toBeGreaterThanOrEqual(2);
    const latest = await shownTriggerTable(page);
    expect(latest.rows.length).toBeGreaterThan(0);
    const latestTotal = sumOf(countsByActivity(latest.rows));

    await page.locator('[data-testid="trigger"][data-batch-id="1"]').click();
    await page.locator('[data-testid="result-table"][data-batch-id="1"]').waitFor({ timeout: 15_000 });
    await expect.poll(() => page.getByTestId('follow-live').getAttribute('aria-pressed')).toBe('false');
    const batch1 = await shownTriggerTable(page);
    expect(batch1.batchId).toBe(1);
    expect(batch1.rows.filter((r) => r.change === 'added' || r.change === 'updated').length).toBeGreaterThan(0);
    expect(sumOf(countsByActivity(batch1.rows))).toBeLessThan(latestTotal);
    const table1 = page.locator('[data-testid="result-table"][data-batch-id="1"]');
    const grid1 = table1.getByTestId('result-grid');
    expect(await grid1.getAttribute('data-batch-id')).toBe('1');
    expect(Number(await grid1.getAttribute('data-row-count'))).toBe(batch1.rows.length);
    // Complete mode keeps every group in the Result Table: nothing was removed.
    expect(await table1.getByTestId('grid-removed').getAttribute('data-row-count')).toBe('0');
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshot(page, 'workflow-05-trigger-1');
  }, 60_000);

  it('6. saves the workspace: a tidemark-workspace file with the draft and its plan', async () => {
    await page.getByTestId('save-workspace').click();
    await answerPathPrompt(page, workspaceFile);
    await expect.poll(() => existsSync(workspaceFile), { timeout: 15_000 }).toBe(true);
    const saved = JSON.parse(readFileSync(workspaceFile, 'utf8')) as Workspace;
    expect(saved.format).toBe('tidemark-workspace');
    expect(saved.name).toBe(WORKSPACE_NAME);
    expect(saved.sources).toHaveLength(1);
    expect(saved.sources[0].setup.path).toBe(sensorDir);
    expect(saved.sources[0].schemaMode).toBe('manual');
    const fields = (saved.sources[0].setup.schema as { fields: { name: string; type: string }[] })
      .fields;
    expect(fields.map((f) => [f.name, f.type])).toEqual(
      LAB_SCHEMA.map(([n, t]) => [n, t === 'bigint' ? 'long' : t]),
    );
    const query = saved.queries.find((q) => q.draft.name === QUERY);
    expect(query).toBeDefined();
    expect(query!.draft.steps).toEqual([{ kind: 'groupBy', keys: ['gt'], aggs: [] }]);
    expect(query!.draft.sink.format).toBe('memory');
    expect(query!.draft.sink.outputMode).toBe('complete');
    expect(query!.draft.source.path).toBe(sensorDir);
    // WorkspaceQuery.plan: planToJSON of the analysed draft, for the export and other tools.
    expect(query!.plan).not.toBeNull();
    expect(typeof query!.plan?.version).toBe('number');
    expect(query!.plan?.plan).toBeTypeOf('object');
    await screenshot(page, 'workflow-06-saved');
  }, 60_000);

  it('7. SQL console: SELECT count(1) FROM activity_count is the number of activity groups', async () => {
    await page.getByTestId('nav-sql').click();
    await page.getByTestId('sql-input').fill(`SELECT count(1) FROM ${QUERY}`);
    await page.getByTestId('sql-run').click();
    const result = page.getByTestId('sql-result');
    await expect
      .poll(async () => (await result.locator('[data-testid="grid-row"]').count()) > 0, {
        timeout: 30_000,
      })
      .toBe(true);
    expect(await page.getByTestId('sql-row-count').getAttribute('data-row-count')).toBe('1');
    const cells = await result
      .locator('[data-testid="grid-row"] [data-column]')
      .allTextContents();
    expect(cells).toHaveLength(1);
    const groups = Number(cells[0].trim());
    // One row per activity the query has read: at least those of the files it read first,
    // at most those of every file written so far.
    expect(groups).toBeGreaterThanOrEqual(activityGroups(initialFiles).size);
    expect(groups).toBeLessThanOrEqual(activityGroups(written).size);
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshot(page, 'workflow-07-sql');
  }, 60_000);

  it('8. exports the table after one trigger to every format and reads each file back', async () => {
    await page.locator('[data-testid="query"]', { hasText: QUERY }).click();
    await page.locator(`[data-testid="trigger"][data-batch-id="${EXPORT_BATCH}"]`).click();
    await page
      .locator(`[data-testid="result-table"][data-batch-id="${EXPORT_BATCH}"]`)
      .waitFor({ timeout: 15_000 });
    await expect
      .poll(async () => (await shownTriggerTable(page)).rows.length, { timeout: 15_000 })
      .toBeGreaterThan(0);
    const onScreen = countsByActivity((await shownTriggerTable(page)).rows);
    const numRows = Object.keys(onScreen).length;

    await page.getByTestId('export-open').click();
    const dialog = page.getByTestId('export-dialog');
    await dialog.waitFor();
    const formats: readonly SnapshotFormat[] = ['csv', 'jsonl', 'parquet', 'arrow'];
    const exported = new Map<SnapshotFormat, string>();
    for (const format of formats) {
      const path = join(exportDir, `${QUERY}-batch-${EXPORT_BATCH}.${format}`);
      await page.getByTestId(`export-format-${format}`).click();
      await answerPathPrompt(page, path);
      await expect
        .poll(
          async () => {
            const failed = page.getByTestId('export-error');
            if ((await failed.count()) > 0) return `error: ${await failed.textContent()}`;
            return (await page.getByTestId('export-result').textContent()) ?? '';
          },
          { timeout: 30_000 },
        )
        .toContain(path);
      exported.set(format, path);
    }
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshot(page, 'workflow-08-export');

    // Every file holds the rows on screen, read back with that format's reader.
    for (const [format, path] of exported) {
      const file = await readSnapshotFile(format, path);
      expect(file.columns, format).toEqual(['gt', 'count']);
      expect(file.rows, format).toHaveLength(numRows);
      expect(countsOf(file.rows), format).toEqual(onScreen);
    }
    // Parquet and Arrow carry the query and the trigger inside the file.
    for (const format of ['parquet', 'arrow'] as const) {
      const { metadata } = await readSnapshotFile(format, exported.get(format)!);
      expect(metadata['tidemark.batchId'], format).toBe(String(EXPORT_BATCH));
      expect(metadata['tidemark.queryName'], format).toBe(QUERY);
    }

    // The clipboard: every row as TSV under a header line.
    await context!.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: serve!.origin,
    });
    await page.getByTestId('export-clipboard').click();
    await expect
      .poll(async () => (await page.getByTestId('export-result').textContent()) ?? '', {
        timeout: 15_000,
      })
      .toMatch(/copied/i);
    const tsv = await page.evaluate<string>('navigator.clipboard.readText()');
    const [header, ...lines] = tsv.split('\n');
    expect(header).toBe('gt\tcount');
    // A NULL cell is empty in the TSV (the spreadsheet convention).
    const fromClipboard = lines.map((l) => l.split('\t'));
    expect(countsOf(fromClipboard.map(([gt, count]) => ({ gt: gt === '' ? null : gt, count })))).toEqual(
      onScreen,
    );
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => dialog.count()).toBe(0);

    // The export shortcut opens the same dialog; Escape closes it.
    await page.evaluate('document.activeElement?.blur()');
    await page.keyboard.press('Control+Shift+E');
    await dialog.waitFor({ timeout: 15_000 });
    expect(await dialog.textContent()).toContain(`batch ${EXPORT_BATCH}`);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
  }, 120_000);

  it('9. stops with Ctrl+Shift+Enter, then shows the dark theme', async () => {
    const item = page.locator('[data-testid="query"]', { hasText: QUERY });
    // The shortcut from nowhere in particular (no button focused that Enter could press).
    await page.evaluate('document.activeElement?.blur()');
    await page.keyboard.press('Control+Shift+Enter');
    await expect.poll(() => item.getAttribute('data-state'), { timeout: 30_000 }).toBe('stopped');
    await simulator!.stop();
    // The results header offers Stop only while the query is active.
    await expect.poll(() => page.getByTestId('stop-query').count()).toBe(0);
    await screenshot(page, 'workflow-09-stopped');

    const html = page.locator('html');
    const before = await html.getAttribute('data-theme');
    expect(['light', 'dark']).toContain(before);
    await page.getByTestId('theme-toggle').click();
    await expect
      .poll(() => html.getAttribute('data-theme'))
      .toBe(before === 'dark' ? 'light' : 'dark');
    if (before === 'dark') await page.getByTestId('theme-toggle').click();
    await expect.poll(() => html.getAttribute('data-theme')).toBe('dark');
    await screenshot(page, 'workflow-09-dark');
  }, 60_000);
});
