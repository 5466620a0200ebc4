/**
 * Browser mode serves the renderer as electron-vite builds it (out/renderer): the same
 * bundle, CSP and assets as the desktop app, with no dev server in the loop. When the build
 * is missing, or older than a renderer source, it is rebuilt first with the project's own
 * build command (`electron-vite build --config electron.config.ts`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The built renderer's folder under the project root. */
export function rendererOutDir(root: string): string {
  return join(root, 'out', 'renderer');
}

/** Whether out/renderer/index.html is missing or older than renderer/ or the build config. */
export function rendererBuildIsStale(root: string): boolean {
  const built = join(rendererOutDir(root), 'index.html');
  if (!existsSync(built)) return true;
  const builtAt = statSync(built).mtimeMs;
  const sources = [join(root, 'electron.config.ts'), join(root, 'package.json')];
  return (
    sources.some((f) => existsSync(f) && statSync(f).mtimeMs > builtAt) ||
    newestMtime(join(root, 'renderer')) > builtAt
  );
}

/** Builds the app when the renderer build is stale; throws with the build's output if it fails. */
export function ensureRendererBuilt(root: string, log: (line: string) => void): void {
  if (!rendererBuildIsStale(root)) return;
  log('Building the renderer (electron-vite build)…');
  const cli = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  const result = spawnSync(process.execPath, [cli, 'build', '--config', 'electron.config.ts'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (result.status !== 0 || !existsSync(join(rendererOutDir(root), 'index.html'))) {
    throw new Error(
      `The renderer build failed:\n${result.stdout ?? ''}${result.stderr ?? ''}${result.error?.message ?? ''}`,
    );
  }
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}
