/**
 * Reading the visual query builder as the user sees it, by the data-testid contract of
 * PipelineNode and BuilderView: the step nodes in canvas order (kind, bypass state, summary
 * line), the columns a node's schema line shows, its preview rows, and the code view's
 * text. Also the workspace file the builder tests open: the lab's sensor source and one
 * query whose steps the test chooses.
 */
import { writeFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import type { DraftStep, QueryDraft, Workspace } from '../../../engine/service/protocol';
import { parseDDL } from '../../../engine/types/ddl';

export const LAB_DDL =
  'Arrival_Time TIMESTAMP, Creation_Time TIMESTAMP, Device STRING, Index BIGINT, Model STRING, User STRING, gt STRING, x DOUBLE, y DOUBLE, z DOUBLE';
export const LAB_COLUMNS = parseDDL(LAB_DDL).fields.map((f) => f.name);
/** The simulator writes Creation_Time in nanoseconds and Arrival_Time in milliseconds. */
export const LAB_OPTIONS = { timestampUnit: 'Creation_Time:ns,Arrival_Time:ms' };

/** One step node as drawn: what it is, whether it is bypassed, and its one-line summary. */
export interface ShownNode {
  readonly kind: string;
  readonly disabled: boolean;
  readonly summary: string;
}

export const stepNode = (page: Page, i: number): Locator =>
  page.locator(`[data-testid="builder-node"][data-role="step"][data-index="${i}"]`);
export const endNode = (page: Page, role: 'source' | 'sink'): Locator =>
  page.locator(`[data-testid="builder-node"][data-role="${role}"]`);
export const paletteItem = (page: Page, id: string): Locator =>
  page.locator(`[data-testid="palette-item"][data-palette="${id}"]`);

/** The step nodes in canvas order, read in one pass so they come from one rendering. */
export async function shownNodes(page: Page): Promise<ShownNode[]> {
  const nodes = await page
    .locator('[data-testid="builder-node"][data-role="step"]')
    .evaluateAll((elements) =>
      elements.map((el) => ({
        index: Number(el.getAttribute('data-index')),
        kind: el.getAttribute('data-kind') ?? '',
        disabled: el.getAttribute('data-disabled') === 'true',
        summary: (el.querySelector('.summary')?.textContent ?? '').trim(),
      })),
    );
  return nodes
    .sort((a, b) => a.index - b.index)
    .map(({ kind, disabled, summary }) => ({ kind, disabled, summary }));
}

export const shownKinds = async (page: Page): Promise<string[]> =>
  (await shownNodes(page)).map((n) => (n.disabled ? `${n.kind} (bypassed)` : n.kind));

/**
 * The column names a node's schema line shows (the sink's is the query's output schema),
 * or null while it shows none (the draft does not analyse, or the analysis is pending).
 */
export async function schemaColumns(node: Locator): Promise<string[] | null> {
  const line = node.getByTestId('node-schema');
  if ((await line.count()) === 0) return null;
  // Each column is "<glyph> name"; the glyph is in an <i>.
  return line.locator('span').evaluateAll((spans) =>
    spans.map((s) =>
      [...s.childNodes]
        .filter((n) => n.nodeName !== 'I')
        .map((n) => n.textContent ?? '')
        .join('')
        .trim(),
    ),
  );
}

export const outputColumns = (page: Page): Promise<string[] | null> =>
  schemaColumns(endNode(page, 'sink'));

/** A node's preview rows as {column: cell text}, or null while it shows no preview. */
export async function previewRows(node: Locator): Promise<Record<string, string>[] | null> {
  const preview = node.getByTestId('node-preview');
  if ((await preview.count()) === 0) return null;
  return preview.evaluate((el) => {
    const names = [...el.querySelectorAll('thead th')].map((th) => th.textContent ?? '');
    return [...el.querySelectorAll('tbody tr')].map((tr) =>
      Object.fromEntries(
        [...tr.querySelectorAll('td')].map((td, i) => [names[i], td.textContent ?? '']),
      ),
    );
  });
}

/** The column names of a node's preview table, or null while it shows none. */
export async function previewColumns(node: Locator): Promise<string[] | null> {
  const preview = node.getByTestId('node-preview');
  if ((await preview.count()) === 0) return null;
  return preview.locator('thead th').allTextContents();
}

/** How far the pane the builder is in (the app's <main>) is wider than its view (0: it fits). */
export function paneOverflow(page: Page): Promise<number> {
  return page.evaluate<number>(
    "(() => { const m = document.querySelector('main'); return m.scrollWidth - m.clientWidth; })()",
  );
}

/** The code view's text in `language` (its tab is chosen first if it is not). */
export async function shownCode(page: Page, language: 'pyspark' | 'typescript'): Promise<string> {
  const tab = page.getByTestId(`code-tab-${language}`);
  // A click moves the focus to the tab; keys meant for a node must not land there.
  if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
  return (await page.getByTestId('code-content').textContent()) ?? '';
}

/**
 * The query's DataFrame calls in exported PySpark, in order (`.withColumn("a", …)` →
 * `withColumn a`). The conversions the export adds to read timestampUnit columns
 * (`.withColumn("Creation_Time", F.expr("timestamp_micros(…)"))`) are the source's
 * reading, not steps, so they are left out.
 */
export function pysparkCalls(code: string): string[] {
  const calls = code.matchAll(
    /\.(filter|withColumn|withColumnRenamed|dropDuplicates|drop|withWatermark|groupBy|cube|rollup|join|select)\(("[^"]*")?([^\n]*)/g,
  );
  return [...calls]
    .filter(
      (m) =>
        !(m[1] === 'withColumn' && /^, F\.expr\("timestamp_(micros|millis|seconds)\(/.test(m[3])),
    )
    .map((m) => (m[2] === undefined ? m[1] : `${m[1]} ${JSON.parse(m[2]) as string}`));
}

/** A workspace file with the lab's sensor source over `sensorDir` and one query `name`. */
export function labWorkspaceFile(
  path: string,
  options: {
    readonly sensorDir: string;
    readonly name: string;
    readonly steps: readonly DraftStep[];
    readonly outputMode?: QueryDraft['sink']['outputMode'];
  },
): void {
  const setup = {
    path: options.sensorDir,
    format: 'json',
    schema: parseDDL(LAB_DDL).jsonValue(),
    options: LAB_OPTIONS,
  };
  const ws: Workspace = {
    format: 'tidemark-workspace',
    version: 1,
    name: `Builder editing ${options.name}`,
    sources: [{ id: 'sensors', name: 'sensors', setup, schemaMode: 'manual' }],
    queries: [
      {
        id: options.name,
        sourceId: 'sensors',
        draft: {
          name: options.name,
          source: setup,
          steps: options.steps,
          sink: {
            format: 'memory',
            outputMode: options.outputMode ?? 'update',
            options: {},
            trigger: { kind: 'default' },
          },
        },
        plan: null,
        autoStart: false,
      },
    ],
    layout: { theme: 'light', selectedQueryId: options.name, view: 'query', sidebarWidth: 260 },
  };
  writeFileSync(path, JSON.stringify(ws, null, 2));
}
