/**
 * Starts a worker thread on an entry module under every host: the electron-vite build runs
 * the emitted `.js` next to the bundle; from sources (tsx, vitest, the browser-mode server,
 * the CLI) the entry is TypeScript, and Node 20 does not apply `--import` loaders to a
 * worker's main module, so a small eval bootstrap registers tsx's ESM hooks inside the
 * worker and then imports the entry. main/engine-host.ts starts the engine worker with this;
 * the decode pool starts its workers with it too (a nested worker inside the engine's).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

export interface WorkerScript {
  /** The emitted entry of a build (`…/out/main/x.js`). */
  readonly built: URL;
  /** The TypeScript entry, for runs from sources. */
  readonly source: URL;
}

/**
 * `fromSources` is whether the caller itself runs from TypeScript (its `import.meta.url` ends
 * in `.ts`): the caller's module decides, since a bundle has no `.ts` files to load.
 */
export function startWorker(script: WorkerScript, fromSources: boolean, options: WorkerOptions = {}): Worker {
  if (!fromSources) return new Worker(script.built, options);
  const bootstrap = `import(${JSON.stringify(tsxEsmApiUrl())}).then((tsx) => { tsx.register(); return import(${JSON.stringify(script.source.href)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}

let tsxUrl: string | undefined;

/** tsx's `tsx/esm/api` entry, read from its package exports (import condition). */
function tsxEsmApiUrl(): string {
  if (tsxUrl !== undefined) return tsxUrl;
  const packageJson = createRequire(import.meta.url).resolve('tsx/package.json');
  const exportsMap = (
    JSON.parse(readFileSync(packageJson, 'utf8')) as {
      exports: Record<string, { import: { default: string } }>;
    }
  ).exports;
  tsxUrl = pathToFileURL(join(dirname(packageJson), exportsMap['./esm/api'].import.default)).href;
  return tsxUrl;
}
