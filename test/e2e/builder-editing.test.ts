/**
 * Component tests of the visual query builder (issue 6, "How it is checked": undo/redo and
 * code ↔ builder round trips), on the real components in Chromium through browser mode.
 * Each case opens its own workspace file (the lab's sensor source over a folder the
 * simulator filled with one file, so node previews have rows) and edits the pipeline the
 * way a user does: palette drags and Enter, node drags, Alt+↑/↓, Mod+D, Delete, the bypass
 * toggle, Mod+Z / Mod+Shift+Z and the toolbar, "Open as builder", the form toggle and the
 * inspector's pickers. After each action it reads the node list from the DOM and the
 * engine's output schema from the sink node; the code round trip is also checked in this
 * process with the engine's own functions on the draft the app saved (Mod+S).
 * Screenshots: test/output/e2e/builder-editing-*.png.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { col, expr, window } from '../../engine/functions';
import { SensorSimulator } from '../../engine/io/simulator';
import { draftFromPlan } from '../../engine/service/plan-to-draft';
import type { DraftStep, Workspace } from '../../engine/service/protocol';
import { analyzeDraft } from '../../engine/service/query-draft';
import { Session } from '../../engine/session';
import { parseDDL } from '../../engine/types/ddl';
import { answerPathPrompt, horizontalOverflow, openApp, screenshot } from './helpers/app-page';
import {
  endNode,
  LAB_COLUMNS,
  LAB_DDL,
  LAB_OPTIONS,
  labWorkspaceFile,
  outputColumns,
  paletteItem,
  paneOverflow,
  previewColumns,
  previewRows,
  pysparkCalls,
  schemaColumns,
  shownCode,
  shownKinds,
  shownNodes,
  stepNode,
  type ShownNode,
} from './helpers/builder-canvas';
import {
  hasChromium,
  launchChromium,
  startServe,
  warnWithoutChromium,
  type ServeProcess,
} from './helpers/browser-mode';

warnWithoutChromium('test/e2e/builder-editing.test.ts');

/** Engine answers arrive after a debounce (analysis) or ~600 ms (preview): poll, never time. */
const SETTLE = { timeout: 30_000 };
const withColumn = (name: string, e: string): DraftStep => ({ kind: 'withColumn', name, expr: e });
const labPlus = (...added: string[]): string[] => [...LAB_COLUMNS, ...added];

/** Plans equal but for what the text form adds: the source's id and parsed expressions' spans. */
const comparablePlan = (plan: unknown): string =>
  JSON.stringify(plan)
    .replace(/"id":"[^"]*"/g, '"id":"_"')
    .replace(/,"span":\[\d+,\d+\]/g, '');

describe.skipIf(!hasChromium)('browser mode: editing in the visual query builder (issue 6)', () => {
  let root: string;
  let sensorDir: string;
  let devices: string[];
  let serve: ServeProcess | undefined;
  let context: BrowserContext | undefined;
  let page: Page;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'tidemark-e2e-builder-editing-'));
    sensorDir = join(root, 'sensors');
    const sim = new SensorSimulator({
      dir: sensorDir,
      seed: 6,
      rowsPerFile: 40,
      clockStepMs: 200,
      malformedFraction: 0,
      nullFraction: 0,
      lateFraction: 0,
      lateBySeconds: 0,
    });
    const { records } = await sim.writeFile();
    devices = [...new Set(records.map((r) => String(r.row.Device)))].sort();
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
      await screenshot(page, `builder-editing-failed-${task.name.slice(0, 2).trim()}`);
  });

  const node = (i: number) => stepNode(page, i);
  const inspector = () => page.getByTestId('node-inspector');

  /**
   * Opens a workspace file of its own (so no autosave of an earlier case is offered back)
   * with query `name` over the sensor folder, and shows it in the builder. Opening clears
   * the undo history.
   */
  async function openBuilder(name: string, steps: readonly DraftStep[]): Promise<string> {
    const file = join(root, `${name}.tidemark.json`);
    labWorkspaceFile(file, { sensorDir, name, steps });
    await openApp(page, serve!.url);
    await page.getByTestId('welcome-open').click();
    await answerPathPrompt(page, file);
    // The opened workspace shows its saved pane (the form) once the host has answered;
    // switching to the builder before that would be undone by it.
    await expect.poll(() => page.getByTestId('query-name').inputValue(), SETTLE).toBe(name);
    await page.getByTestId('nav-builder').click();
    await page.getByTestId('builder-view').waitFor({ timeout: 15_000 });
    await expect.poll(() => page.getByTestId('builder-query-name').inputValue(), SETTLE).toBe(name);
    return file;
  }

  /** Selects a node the way a user does: a click on its title. */
  const select = (i: number) => node(i).locator('.head strong').first().click();

  async function expectNodes(kinds: string[], output: string[] | null): Promise<void> {
    await expect.poll(() => shownKinds(page), SETTLE).toEqual(kinds);
    if (output !== null) await expect.poll(() => outputColumns(page), SETTLE).toEqual(output);
  }

  const summaries = async (): Promise<string[]> => (await shownNodes(page)).map((n) => n.summary);

  it('1. a palette item dragged onto a node, or chosen with Enter, lands right after it', async () => {
    await openBuilder('palette_insert', [
      withColumn('speed', 'x * 2'),
      { kind: 'drop', columns: ['Index'] },
    ]);
    const base = labPlus('speed').filter((c) => c !== 'Index');
    await expectNodes(['withColumn', 'drop'], base);

    // Drag: Watermark dropped on the first node lands after it, and is selected.
    await paletteItem(page, 'watermark').dragTo(node(0));
    await expectNodes(['withColumn', 'watermark', 'drop'], base);
    expect(await node(1).getAttribute('aria-selected')).toBe('true');
    expect(await inspector().getAttribute('data-kind')).toBe('watermark');
    expect(await inspector().getByTestId('inspector-watermark-column').inputValue()).toBe(
      'Arrival_Time',
    );

    // Keyboard: with the first node selected, Deduplicate chosen in the palette + Enter.
    await select(0);
    await paletteItem(page, 'dropDuplicates').focus();
    await page.keyboard.press('Enter');
    await expectNodes(['withColumn', 'dropDuplicates', 'watermark', 'drop'], base);
    expect(await node(1).getAttribute('aria-selected')).toBe('true');

    // With the last node selected, a Window goes to the end and changes the output schema.
    await select(3);
    await paletteItem(page, 'window').focus();
    await page.keyboard.press('Enter');
    await expectNodes(
      ['withColumn', 'dropDuplicates', 'watermark', 'drop', 'groupBy'],
      ['window', 'count'],
    );
    // The Window node reads what the drop leaves: its schema line is the new output.
    await expect.poll(() => schemaColumns(node(4)), SETTLE).toEqual(['window', 'count']);
    await expect
      .poll(async () => pysparkCalls(await shownCode(page, 'pyspark')), SETTLE)
      .toEqual([
        'withColumn speed',
        'dropDuplicates',
        'withWatermark Arrival_Time',
        'drop Index',
        'groupBy',
      ]);
    await screenshot(page, 'builder-editing-1-palette');
  }, 120_000);

  it('2. nodes reorder by drag and by Alt+↑/↓; the plan follows', async () => {
    await openBuilder('reorder', [
      withColumn('a', 'x'),
      withColumn('b', 'y'),
      withColumn('c', 'z'),
    ]);
    // withColumn appends its column, so the output's last columns are the steps' order.
    const expectOrder = async (names: string[]): Promise<void> => {
      await expect
        .poll(summaries, SETTLE)
        .toEqual(names.map((n) => `withColumn(${n}, ${{ a: 'x', b: 'y', c: 'z' }[n]})`));
      await expect.poll(() => outputColumns(page), SETTLE).toEqual(labPlus(...names));
      await expect
        .poll(async () => pysparkCalls(await shownCode(page, 'pyspark')), SETTLE)
        .toEqual(names.map((n) => `withColumn ${n}`));
    };
    await expectOrder(['a', 'b', 'c']);

    // The last node dropped on the source becomes the first.
    await node(2).dragTo(endNode(page, 'source'));
    await expectOrder(['c', 'a', 'b']);
    // The first node dropped on the last lands after it.
    await node(0).dragTo(node(2));
    await expectOrder(['a', 'b', 'c']);

    // Alt+↑ on b, then Alt+↓ twice: the moved node keeps the focus, so the keys repeat.
    const focused = (i: number) => node(i).evaluate((el) => el === el.ownerDocument.activeElement);
    await node(1).focus();
    await page.keyboard.press('Alt+ArrowUp');
    await expect.poll(() => focused(0), SETTLE).toBe(true);
    await page.keyboard.press('Alt+ArrowDown');
    await expect.poll(() => focused(1), SETTLE).toBe(true);
    await expectOrder(['a', 'b', 'c']);
    await node(1).focus();
    await page.keyboard.press('Alt+ArrowDown');
    await expectOrder(['a', 'c', 'b']);
    await node(2).focus();
    await page.keyboard.press('Alt+ArrowUp');
    await expectOrder(['a', 'b', 'c']);
    await page.keyboard.press('Alt+ArrowUp');
    await expectOrder(['b', 'a', 'c']);
    await screenshot(page, 'builder-editing-2-reorder');
  }, 120_000);

  it('3. duplicate (Mod+D, the button), bypass on and off, delete (Delete key, the button)', async () => {
    await openBuilder('node_tools', [withColumn('a', 'x'), withColumn('b', 'y')]);
    await expectNodes(['withColumn', 'withColumn'], labPlus('a', 'b'));
    await expect.poll(() => previewColumns(node(1)), SETTLE).toEqual(labPlus('a', 'b'));

    // Bypass a: the plan skips it, so the nodes after it (schema and preview) lose its column.
    await node(0).getByTestId('node-toggle').click();
    await expectNodes(['withColumn (bypassed)', 'withColumn'], labPlus('b'));
    await expect.poll(() => schemaColumns(node(0)), SETTLE).toEqual(LAB_COLUMNS);
    await expect.poll(() => previewColumns(node(1)), SETTLE).toEqual(labPlus('b'));
    expect(await previewColumns(node(0))).toBeNull();
    await expect
      .poll(async () => pysparkCalls(await shownCode(page, 'pyspark')), SETTLE)
      .toEqual(['withColumn b']);
    await screenshot(page, 'builder-editing-3-bypassed');
    await node(0).getByTestId('node-toggle').click();
    await expectNodes(['withColumn', 'withColumn'], labPlus('a', 'b'));
    await expect.poll(() => previewColumns(node(1)), SETTLE).toEqual(labPlus('a', 'b'));

    // Mod+D on a: its copy right after it (same column, replaced in place).
    await node(0).focus();
    await page.keyboard.press('ControlOrMeta+d');
    await expect
      .poll(summaries, SETTLE)
      .toEqual(['withColumn(a, x)', 'withColumn(a, x)', 'withColumn(b, y)']);
    expect(await node(1).getAttribute('aria-selected')).toBe('true');
    // The button on b.
    await node(2).getByTestId('node-duplicate').click();
    await expect
      .poll(summaries, SETTLE)
      .toEqual(['withColumn(a, x)', 'withColumn(a, x)', 'withColumn(b, y)', 'withColumn(b, y)']);
    await expect
      .poll(async () => pysparkCalls(await shownCode(page, 'pyspark')), SETTLE)
      .toEqual(['withColumn a', 'withColumn a', 'withColumn b', 'withColumn b']);

    // Delete on the first copy of a, then the remove button on the last node.
    await node(1).focus();
    await page.keyboard.press('Delete');
    await expect
      .poll(summaries, SETTLE)
      .toEqual(['withColumn(a, x)', 'withColumn(b, y)', 'withColumn(b, y)']);
    await node(2).getByTestId('node-remove').click();
    await expect.poll(summaries, SETTLE).toEqual(['withColumn(a, x)', 'withColumn(b, y)']);
    await expect.poll(() => outputColumns(page), SETTLE).toEqual(labPlus('a', 'b'));
  }, 120_000);

  it('4. undo/redo: N edits, Mod+Z N times back to the start, Mod+Shift+Z N times to the end; the toolbar too', async () => {
    await openBuilder('undo_redo', [withColumn('a', 'x'), withColumn('b', 'y')]);
    await expectNodes(['withColumn', 'withColumn'], labPlus('a', 'b'));
    const states: ShownNode[][] = [await shownNodes(page)];
    const record = async (kinds: string[]): Promise<void> => {
      await expect.poll(() => shownKinds(page), SETTLE).toEqual(kinds);
      states.push(await shownNodes(page));
    };

    await select(0);
    await paletteItem(page, 'naFill').focus();
    await page.keyboard.press('Enter');
    await record(['withColumn', 'naFill', 'withColumn']);
    await node(1).focus();
    await page.keyboard.press('Alt+ArrowDown');
    await record(['withColumn', 'withColumn', 'naFill']);
    await page.keyboard.press('ControlOrMeta+d');
    await record(['withColumn', 'withColumn', 'naFill', 'naFill']);
    await node(0).getByTestId('node-toggle').click();
    await record(['withColumn (bypassed)', 'withColumn', 'naFill', 'naFill']);
    await node(1).focus();
    await page.keyboard.press('Delete');
    await record(['withColumn (bypassed)', 'naFill', 'naFill']);
    const n = states.length - 1;
    // a is bypassed and b removed; filling nulls keeps the schema.
    const finalOutput = LAB_COLUMNS;
    await expect.poll(() => outputColumns(page), SETTLE).toEqual(finalOutput);
    await screenshot(page, 'builder-editing-4-edited');

    // The keys: every step back is the state before that edit, and forward again.
    await node(0).focus();
    for (let k = n - 1; k >= 0; k--) {
      await page.keyboard.press('ControlOrMeta+z');
      await expect.poll(() => shownNodes(page), SETTLE).toEqual(states[k]);
    }
    await expect.poll(() => outputColumns(page), SETTLE).toEqual(labPlus('a', 'b'));
    // Nothing older than the opened file is in the history.
    expect(await page.getByTestId('undo').isDisabled()).toBe(true);
    for (let k = 1; k <= n; k++) {
      await page.keyboard.press('ControlOrMeta+Shift+z');
      await expect.poll(() => shownNodes(page), SETTLE).toEqual(states[k]);
    }
    await expect.poll(() => outputColumns(page), SETTLE).toEqual(finalOutput);
    expect(await page.getByTestId('redo').isDisabled()).toBe(true);

    // The toolbar's buttons walk the same history.
    for (let k = n - 1; k >= 0; k--) {
      await page.getByTestId('undo').click();
      await expect.poll(() => shownNodes(page), SETTLE).toEqual(states[k]);
    }
    expect(await page.getByTestId('undo').isDisabled()).toBe(true);
    await expect.poll(() => outputColumns(page), SETTLE).toEqual(labPlus('a', 'b'));
    for (let k = 1; k <= n; k++) {
      await page.getByTestId('redo').click();
      await expect.poll(() => shownNodes(page), SETTLE).toEqual(states[k]);
    }
    await expect.poll(() => outputColumns(page), SETTLE).toEqual(finalOutput);
  }, 120_000);

  it('5. plan JSON from the DataFrame API opens as nodes, and the opened draft is the same plan', async () => {
    const session = Session.builder().appName('builder-editing').getOrCreate();
    const df = session.readStream
      .schema(parseDDL(LAB_DDL))
      .options(LAB_OPTIONS)
      .json(sensorDir)
      .filter("gt = 'walk'")
      .withColumn('speed', expr('sqrt(x * x + y * y)'))
      .withWatermark('Creation_Time', '1 minute')
      .groupBy(window(col('Creation_Time'), '30 seconds'), col('User'))
      .count();
    const planJson = df.planJSON();
    const expected = draftFromPlan(planJson);
    if (!expected.ok) throw new Error(expected.reason);

    const file = await openBuilder('plan_import', [{ kind: 'drop', columns: ['Index'] }]);
    await expectNodes(
      ['drop'],
      LAB_COLUMNS.filter((c) => c !== 'Index'),
    );
    await page.getByTestId('plan-import').locator('summary').click();
    await page.getByTestId('plan-import-text').fill(JSON.stringify(planJson, null, 2));
    await page.getByTestId('plan-import-open').click();
    await expectNodes(
      ['filter', 'withColumn', 'watermark', 'groupBy'],
      ['window', 'User', 'count'],
    );
    // Same folder as the query's source: no notice that the plan reads another.
    expect(await page.locator('.builder .notice').count()).toBe(0);

    // The fields, in the inspector's pickers.
    await select(0);
    expect(await inspector().getByTestId('inspector-condition').inputValue()).toMatch(
      /^\(?gt = 'walk'\)?$/,
    );
    await select(1);
    expect(await inspector().getByTestId('inspector-name').inputValue()).toBe('speed');
    expect(await inspector().getByTestId('inspector-expr').inputValue()).toMatch(
      /sqrt\(\(?\(?x \* x\)? \+ \(?y \* y\)?\)?\)/,
    );
    await select(2);
    expect(await inspector().getByTestId('inspector-watermark-column').inputValue()).toBe(
      'Creation_Time',
    );
    expect(await inspector().getByTestId('inspector-delay').inputValue()).toBe('1 minute');
    await select(3);
    expect(await inspector().getByTestId('window-column').inputValue()).toBe('Creation_Time');
    expect(await inspector().getByTestId('window-duration').inputValue()).toBe('30 seconds');
    expect(await inspector().getByTestId('window-slide').inputValue()).toBe('');
    expect(await inspector().getByTestId('key-column').inputValue()).toBe('User');
    expect(await inspector().getByTestId('agg-count-default').count()).toBe(1);
    await expect
      .poll(async () => pysparkCalls(await shownCode(page, 'pyspark')), SETTLE)
      .toEqual(['filter', 'withColumn speed', 'withWatermark Creation_Time', 'groupBy']);
    await screenshot(page, 'builder-editing-5-opened-plan');
    const shownPyspark = await shownCode(page, 'pyspark');
    const shownTypescript = await shownCode(page, 'typescript');

    // Mod+S writes the draft the page shows, with the plan the host analysed it to.
    await node(0).focus();
    await page.keyboard.press('ControlOrMeta+s');
    const savedWorkspace = (): Workspace => JSON.parse(readFileSync(file, 'utf8')) as Workspace;
    await expect.poll(() => savedWorkspace().queries[0].plan, SETTLE).not.toBeNull();
    const saved = savedWorkspace();
    const query = saved.queries[0];
    expect(query.draft.steps).toEqual(expected.steps);
    expect(comparablePlan(query.plan)).toBe(comparablePlan(planJson));
    // The engine, in this process, on the saved draft: the same plan, and the code shown.
    const analysis = analyzeDraft(session, query.draft);
    expect(analysis.error).toBeNull();
    expect(comparablePlan(analysis.plan)).toBe(comparablePlan(planJson));
    expect(shownPyspark).toBe(analysis.code.pyspark);
    expect(shownTypescript).toBe(analysis.code.typescript);
  }, 120_000);

  it('6. Builder ↔ Form: an edit in either shows in the other (one draft, one history)', async () => {
    await openBuilder('builder_form', [withColumn('speed', 'x * 2')]);
    await expectNodes(['withColumn'], labPlus('speed'));

    await page.getByTestId('builder-toggle-form').click();
    const formStep = page.getByTestId('draft-step').first();
    await expect.poll(() => formStep.getByTestId('step-name').inputValue(), SETTLE).toBe('speed');
    await formStep.getByTestId('step-name').fill('velocity');
    await expect
      .poll(async () => (await page.getByTestId('output-schema').textContent()) ?? '', SETTLE)
      .toMatch(/velocity/);

    await page.getByTestId('nav-builder').click();
    await page.getByTestId('builder-view').waitFor({ timeout: 15_000 });
    await expectNodes(['withColumn'], labPlus('velocity'));
    expect(await summaries()).toEqual(['withColumn(velocity, x * 2)']);
    await select(0);
    expect(await inspector().getByTestId('inspector-name').inputValue()).toBe('velocity');

    // And back: the builder's edit is in the form.
    await inspector().getByTestId('inspector-name').fill('pace');
    await expectNodes(['withColumn'], labPlus('pace'));
    await page.getByTestId('builder-toggle-form').click();
    await expect.poll(() => formStep.getByTestId('step-name').inputValue(), SETTLE).toBe('pace');

    // One history: two undos take back the builder's edit, then the form's.
    await page.getByTestId('undo').click();
    await expect
      .poll(() => formStep.getByTestId('step-name').inputValue(), SETTLE)
      .toBe('velocity');
    await page.getByTestId('nav-builder').click();
    await page.getByTestId('undo').click();
    await expectNodes(['withColumn'], labPlus('speed'));
    expect(await summaries()).toEqual(['withColumn(speed, x * 2)']);
    await screenshot(page, 'builder-editing-6-builder-form');
  }, 120_000);

  it('7a. Cube from the palette, keys and an aggregate picked: the output has the keys and the aggregate', async () => {
    await openBuilder('cube_q', []);
    await paletteItem(page, 'cube').dragTo(endNode(page, 'source'));
    await expectNodes(['cube'], null);
    await select(0);
    await inspector().getByTestId('key-add').selectOption('gt');
    await expect.poll(() => inspector().getByTestId('group-key').count(), SETTLE).toBe(1);
    await inspector().getByTestId('key-add').selectOption('Model');
    await expect.poll(() => inspector().getByTestId('group-key').count(), SETTLE).toBe(2);
    await inspector().getByTestId('agg-add').click();
    await inspector().getByTestId('agg-fn').selectOption('avg');
    await inspector().getByTestId('agg-column').selectOption('x');
    await inspector().getByTestId('agg-alias').fill('avg_x');
    await expectNodes(['cube'], ['gt', 'Model', 'avg_x']);
    expect(await summaries()).toEqual(['cube(gt, Model).agg(avg(x) AS avg_x)']);
    await expect.poll(() => page.locator('[data-testid="node-error"]').count(), SETTLE).toBe(0);
    // An aggregate row (function, column, alias) fits the inspector: nothing scrolls sideways.
    expect(await horizontalOverflow(page)).toBe(0);
    expect(await paneOverflow(page)).toBe(0);
    await expect.poll(() => previewColumns(node(0)), SETTLE).toEqual(['gt', 'Model', 'avg_x']);
    expect((await previewRows(node(0)))?.length).toBeGreaterThan(0);
    await expect
      .poll(async () => pysparkCalls(await shownCode(page, 'pyspark')), SETTLE)
      .toEqual(['cube gt']);
    await screenshot(page, 'builder-editing-7a-cube');
  }, 120_000);

  it('7b. Rollup from the palette with keys picked: the keys and count()', async () => {
    await openBuilder('rollup_q', []);
    await paletteItem(page, 'rollup').dragTo(endNode(page, 'source'));
    await expectNodes(['rollup'], null);
    await select(0);
    await inspector().getByTestId('key-add').selectOption('User');
    await expect.poll(() => inspector().getByTestId('group-key').count(), SETTLE).toBe(1);
    await inspector().getByTestId('key-add').selectOption('gt');
    await expectNodes(['rollup'], ['User', 'gt', 'count']);
    expect(await summaries()).toEqual(['rollup(User, gt).count()']);
    await expect.poll(() => page.locator('[data-testid="node-error"]').count(), SETTLE).toBe(0);
    await expect.poll(() => previewColumns(node(0)), SETTLE).toEqual(['User', 'gt', 'count']);
    expect((await previewRows(node(0)))?.length).toBeGreaterThan(0);
    await expect
      .poll(async () => pysparkCalls(await shownCode(page, 'pyspark')), SETTLE)
      .toEqual(['rollup User']);
    await screenshot(page, 'builder-editing-7b-rollup');
  }, 120_000);

  it('7c. Join reference data from the palette: rows typed, Device picked, each row gets its owner', async () => {
    await openBuilder('join_q', []);
    await paletteItem(page, 'join').dragTo(endNode(page, 'source'));
    await expectNodes(['join'], null);
    await select(0);
    const ref = inspector().getByTestId('join-reference');
    expect(await ref.getAttribute('data-kind')).toBe('rows');
    await ref.getByTestId('join-ref-schema').fill('Device STRING, owner STRING');
    await ref
      .getByTestId('join-ref-rows-text')
      .fill(devices.map((d) => JSON.stringify([d, `owner of ${d}`])).join('\n'));
    // The default key is the first column; the reference joins on Device.
    const on = inspector().getByTestId('inspector-on');
    await on.locator('input[data-column="Arrival_Time"]').uncheck();
    await on.locator('input[data-column="Device"]').check();
    await inspector().getByTestId('inspector-join-how').selectOption('inner');
    // A USING join outputs the key once, first, then the stream's other columns, then the
    // reference's (Spark's Analyzer.commonNaturalJoinProcessing).
    await expectNodes(['join'], ['Device', ...LAB_COLUMNS.filter((c) => c !== 'Device'), 'owner']);
    expect(await summaries()).toEqual([`join(${devices.length} rows, [Device], 'inner')`]);
    await expect.poll(() => page.locator('[data-testid="node-error"]').count(), SETTLE).toBe(0);
    // Every preview row carries its own device's owner.
    await expect
      .poll(async () => {
        const rows = (await previewRows(node(0))) ?? [];
        return rows.length > 0 && rows.every((r) => r.owner === `owner of ${r.Device}`);
      }, SETTLE)
      .toBe(true);
    await expect
      .poll(async () => pysparkCalls(await shownCode(page, 'pyspark')), SETTLE)
      .toEqual(['join']);
    await screenshot(page, 'builder-editing-7c-join');
  }, 120_000);
});
