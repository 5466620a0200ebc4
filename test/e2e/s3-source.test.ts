/**
 * The source setup's "S3 bucket" choice in browser mode, against moto on 127.0.0.1: the
 * user picks S3, types the bucket URI and the endpoint, ticks path-style and requester pays,
 * and the preview shows the objects' rows read by the engine. Credentials come from the
 * host's environment (the SDK's standard chain), as they would on a user's machine.
 */
import { mkdtempSync, rmSync } from 'node:fs';
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
import {
  createBucket,
  MOTO_ACCESS_KEY,
  MOTO_SECRET_KEY,
  putObject,
  startMoto,
  type MotoServer,
} from '../helpers/moto-server';

warnWithoutChromium('test/e2e/s3-source.test.ts');

describe.skipIf(!hasChromium)('browser mode: an S3 bucket as the source', () => {
  let root: string;
  let moto: MotoServer | undefined;
  let serve: ServeProcess | undefined;
  let context: BrowserContext | undefined;
  let page: Page;
  const saved = { ...process.env };

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'tidemark-e2e-s3-'));
    moto = await startMoto();
    await createBucket(moto, 'lab-sensors');
    await putObject(
      moto,
      'lab-sensors',
      'Iot/part-0.json',
      '{"Device":"nexus4_1","gt":"stand"}\n{"Device":"nexus4_2","gt":"sit"}\n',
    );
    await putObject(moto, 'lab-sensors', 'Iot/part-1.json', '{"Device":"nexus4_1","gt":"walk"}\n');
    // The host (a child process) inherits these: the SDK's chain reads them.
    process.env.AWS_ACCESS_KEY_ID = MOTO_ACCESS_KEY;
    process.env.AWS_SECRET_ACCESS_KEY = MOTO_SECRET_KEY;
    serve = await startServe({ dataDir: join(root, 'data') });
    process.env = { ...saved };
    ({ context, page } = await launchChromium(join(root, 'chromium')));
  }, 600_000);

  afterAll(async () => {
    process.env = { ...saved };
    await context?.close();
    await serve?.stop();
    await moto?.stop();
    rmSync(root, { recursive: true, force: true });
  }, 30_000);

  it('previews the objects of s3://bucket/prefix/ with endpoint, path style and requester pays', async () => {
    await openApp(page, serve!.url);
    await page.getByTestId('new-workspace').click();
    await page.getByTestId('add-source').click();
    await page.getByTestId('source-format').selectOption('json');
    await page.getByTestId('source-location-s3').check();
    await expect.poll(() => page.getByTestId('s3-fields').count()).toBe(1);
    expect(await page.getByTestId('source-pick-folder').count()).toBe(0);
    await page.getByTestId('s3-uri').fill('s3://lab-sensors/Iot/');
    await page.getByTestId('s3-option-fs.s3a.endpoint').fill(moto!.endpoint);
    await page.getByTestId('s3-check-fs.s3a.path.style.access').check();
    await page.getByTestId('s3-check-fs.s3.useRequesterPaysHeader').check();

    await expect
      .poll(() => page.getByTestId('source-preview-row').count(), { timeout: 30_000 })
      .toBe(3);
    const text = await page.getByTestId('source-preview').textContent();
    for (const gt of ['stand', 'sit', 'walk']) expect(text).toContain(gt);
    expect(await page.getByTestId('source-error').count()).toBe(0);
    await screenshot(page, 's3-source-01-preview');

    // Back to a folder: the S3 fields and the URI go.
    await page.getByTestId('source-location-folder').check();
    await expect.poll(() => page.getByTestId('source-pick-folder').count()).toBe(1);
    expect(await page.getByTestId('s3-fields').count()).toBe(0);
  }, 120_000);
});
