// App lifecycle: one instance, one main window, one engine worker. The window reaches the
// engine through the preload bridge and main/ipc.ts; the engine runs off the main thread
// (main/engine-host.ts) and starts the lab demo so the first launch shows live results.
import { app, BrowserWindow, session } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { EngineHost } from './engine-host';
import { registerHostIpc, type HostIpc } from './ipc';
import { createMainWindow } from './window';

let mainWindow: BrowserWindow | null = null;
let engine: EngineHost | null = null;
let hostIpc: HostIpc | null = null;

function focusMainWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

function openMainWindow(): void {
  mainWindow = createMainWindow();
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

/** The page createMainWindow loads: the dev server under `electron-vite dev`, else the built file. */
function appPageUrl(): string {
  return (
    process.env['ELECTRON_RENDERER_URL'] ??
    pathToFileURL(join(import.meta.dirname, '../renderer/index.html')).href
  );
}

function startEngine(): void {
  const demoDir = join(app.getPath('userData'), 'demo', 'sensors');
  engine = new EngineHost({
    config: { startDemo: true, demo: { dir: demoDir } },
    onEvent: (event) => hostIpc?.broadcast(event),
  });
  hostIpc = registerHostIpc(engine, appPageUrl());
  engine.start();
}

// A second launch (e.g. opening a workspace file) focuses the running app instead of
// starting another engine on the same checkpoints.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', focusMainWindow);

  void app.whenReady().then(() => {
    // The app needs no camera, notifications, geolocation, … so every request is refused.
    session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) =>
      callback(false),
    );
    session.defaultSession.setPermissionCheckHandler(() => false);

    startEngine();
    openMainWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) openMainWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // Queries stop cleanly (sinks flushed, logs committed) before the process exits.
  let stopping = false;
  app.on('will-quit', (event) => {
    if (engine === null || stopping) return;
    stopping = true;
    event.preventDefault();
    hostIpc?.dispose();
    void engine.stop().finally(() => {
      engine = null;
      app.quit();
    });
  });
}
