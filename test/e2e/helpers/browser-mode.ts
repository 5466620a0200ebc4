/**
 * Browser mode for end-to-end tests: the serve host (main/serve.ts, what `npm run serve`
 * runs) in a child process on a free port, and Debian's Chromium driven by playwright-core
 * at the 1280×800 window the app is laid out for. Each test file starts its own host and
 * browser profile in temp folders and stops them in afterAll.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync, type Stats } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { ensureRendererBuilt } from '../../../main/web/renderer-build';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
export const projectRoot = resolve(import.meta.dirname, '../../..');

/** Says why a test file is skipped (CI installs Debian's chromium package; a dev box may not). */
export function warnWithoutChromium(testFile: string): void {
  if (!hasChromium)
    console.warn(`${testFile} skipped: ${CHROMIUM} is absent (CI installs Debian's chromium package).`);
}

export interface ServeProcess {
  readonly child: ChildProcess;
  /** The tokenised URL the host printed. */
  readonly url: string;
  /** The page's origin (for clipboard permissions). */
  readonly origin: string;
  /** Everything the host printed so far (for failure messages). */
  output(): string;
  stop(): Promise<void>;
}

const BUILD_LOCK = join(tmpdir(), 'tidemark-e2e-renderer-build.lock');
/** A lock older than this was left by a killed run. */
const STALE_LOCK_MS = 10 * 60_000;

/**
 * Builds the renderer once when it is stale, before any host starts. Test files run in
 * parallel and each host would otherwise run `electron-vite build` into the same out/
 * folder at the same time; a lock folder (mkdir is atomic) lets one build while the others
 * wait, and they then find the build fresh.
 */
export async function prepareRenderer(): Promise<void> {
  for (;;) {
    try {
      mkdirSync(BUILD_LOCK);
      break;
    } catch {
      const age = Date.now() - (statOrNull(BUILD_LOCK)?.mtimeMs ?? Date.now());
      if (age > STALE_LOCK_MS) rmSync(BUILD_LOCK, { recursive: true, force: true });
      else await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    ensureRendererBuilt(projectRoot, (line) => console.info(line));
  } finally {
    rmSync(BUILD_LOCK, { recursive: true, force: true });
  }
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

/**
 * Starts `tsx main/serve.ts --port 0 --data <dataDir>` (plus `--demo` when asked) and
 * resolves once it prints its URL.
 */
export async function startServe(options: {
  readonly dataDir: string;
  readonly demo?: boolean;
}): Promise<ServeProcess> {
  await prepareRenderer();
  const args = ['--import', 'tsx', 'main/serve.ts', '--port', '0', '--data', options.dataDir];
  if (options.demo === true) args.push('--demo');
  const child = spawn(process.execPath, args, {
    cwd: projectRoot,
    env: { ...process.env, TZ: 'UTC' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolveUrl, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const m = /Tidemark is running at (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(output);
      if (m) resolveUrl(m[1]);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) =>
      reject(new Error(`serve exited with ${code} before printing its URL:\n${output}`)),
    );
  });
  return {
    child,
    url,
    origin: new URL(url).origin,
    output: () => output,
    stop: () => stopChild(child),
  };
}

/** SIGTERM (the host stops its queries and worker), SIGKILL if it has not exited in 10 s. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

/** Chromium headless with a fresh profile, one page at 1280×800. */
export async function launchChromium(
  profileDir: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
    viewport: { width: 1280, height: 800 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page };
}
