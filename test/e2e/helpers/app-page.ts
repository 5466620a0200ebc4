/**
 * What the end-to-end tests do on the app's page, by the data-testid contract: open it and
 * wait for the engine, answer browser mode's path prompt, take a screenshot for review.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { projectRoot } from './browser-mode';

/** Screenshots for review; test/output/ is gitignored. */
export const screenshotDir = join(projectRoot, 'test/output/e2e');

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Opens the tokenised URL and waits until the page's WebSocket to the engine is open. */
export async function openApp(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect
    .poll(() => page.getByTestId('connection').getAttribute('data-state'), { timeout: 30_000 })
    .toBe('open');
}

/**
 * Browser mode's stand-in for a file dialog: types `path` into the in-page prompt and
 * confirms. Fails with the host's reason when the host refuses the path.
 */
export async function answerPathPrompt(page: Page, path: string): Promise<void> {
  const prompt = page.getByTestId('path-prompt');
  await prompt.waitFor({ state: 'visible', timeout: 15_000 });
  await prompt.getByTestId('path-prompt-input').fill(path);
  await prompt.getByTestId('path-prompt-ok').click();
  await expect
    .poll(
      async () => {
        const refused = page.getByTestId('path-prompt-error');
        if ((await refused.count()) > 0) return `refused: ${await refused.first().textContent()}`;
        return (await prompt.count()) === 0 || !(await prompt.isVisible()) ? 'closed' : 'open';
      },
      { timeout: 15_000 },
    )
    .toBe('closed');
}

/**
 * How far the page is wider than the window (0: it fits). The app is laid out for a
 * 1280×800 window; a document-wide horizontal scrollbar there means a pane overflowed.
 */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate<number>(
    'document.documentElement.scrollWidth - document.documentElement.clientWidth',
  );
}
