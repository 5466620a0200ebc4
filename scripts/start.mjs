#!/usr/bin/env node
// `npm start`: build the app and open it in Electron. Electron's binary is fetched by its
// postinstall script; where that was skipped or blocked, try once more, then point the user at
// browser mode, which runs the same renderer and engine without Electron.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const electronArgs = process.argv.slice(2);

/** The Electron binary's path, or null when it is not installed. */
function electronBinary() {
  try {
    // A child process, because require('electron') caches its answer (or its throw).
    const path = execFileSync(
      process.execPath,
      ['-e', 'process.stdout.write(require("electron"))'],
      {
        cwd: root,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      },
    );
    return existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

function fail(message) {
  console.error(`\n${message}`);
  process.exit(1);
}

let binary = electronBinary();
if (!binary) {
  const installer = join(root, 'node_modules/electron/install.js');
  if (!existsSync(installer)) fail('Electron is not installed. Run: npm install');
  console.log('Electron binary not found; downloading it…');
  // The user asked to start the app, so a skip flag left over from a CI-style install
  // should not stop this one attempt.
  const env = { ...process.env };
  delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
  spawnSync(process.execPath, [installer], {
    cwd: join(root, 'node_modules/electron'),
    env,
    stdio: 'inherit',
  });
  binary = electronBinary();
}
if (!binary) {
  fail(
    "Electron's binary could not be downloaded; run the app in your browser instead: npm run serve",
  );
}

const build = spawnSync(
  process.execPath,
  [
    join(root, 'node_modules/electron-vite/bin/electron-vite.js'),
    'build',
    '--config',
    'electron.config.ts',
  ],
  { cwd: root, stdio: 'inherit' },
);
if (build.status !== 0) process.exit(build.status ?? 1);

// `electron .` starts package.json's "main" (out/main/index.js) with the app's own name and
// version. Extra arguments pass through, e.g. `npm start -- --no-sandbox` when running as root.
const app = spawn(binary, ['.', ...electronArgs], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => app.kill(signal));
}
app.on('close', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
