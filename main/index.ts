// App lifecycle: one instance, one main window, one engine worker. The window reaches the
// host through the preload bridge and main/ipc.ts; the host router (main/host-router.ts)
// answers dialogs, workspaces and grants and relays the rest to the engine, which runs off
// the main thread (main/engine-host.ts) and starts the lab demo so the first launch shows
// live results.
import { app, BrowserWindow, session } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RecentWorkspace } from '../engine/service/protocol';
import { ElectronDialogs } from './electron-dialogs';
import { EngineHost } from './engine-host';
import type { HostRouter } from './host-router';
import { checkpointsDir, createHostRouter } from './host-setup';
import { registerHostIpc, type HostIpc } from './ipc';
import { workspaceFileInArgs } from './launch-args';
import { installAppMenu, type AppMenu } from './menu';
import { createMainWindow } from './window';

let mainWindow: BrowserWindow | null = null;
let engine: EngineHost | null = null;
let hostIpc: HostIpc | null = null;
let router: HostRouter | null = null;
let appMenu: AppMenu | null = null;
/** Whether the page has loaded (and so listens for events). */
let pageLoaded = false;
/** Workspace files asked for before the page could hear about them. */
const filesToOpen: string[] = [];

function focusMainWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

function openMainWindow(): void {
  pageLoaded = false;
  const window = createMainWindow();
  mainWindow = window;
  window.webContents.on('did-finish-load', () => {
    pageLoaded = true;
    void openRequestedFiles();
  });
  window.on('closed', () => {
    if (mainWindow === window) {
      mainWindow = null;
      pageLoaded = false;
    }
  });
}

/** The page createMainWindow loads: the dev server under `electron-vite dev`, else the built file. */
function appPageUrl(): string {
  return (
    process.env['ELECTRON_RENDERER_URL'] ??
    pathToFileURL(join(import.meta.dirname, '../renderer/index.html')).href
  );
}

/**
 * A workspace file chosen outside the page (launch argument, second launch, macOS
 * open-file, File ▸ Open Recent): the user chose it, so it is granted, and the page is
 * asked to open it (`openWorkspaceFile`), which it does through `openWorkspace`.
 */
function requestOpen(path: string): void {
  filesToOpen.push(path);
  // Before the host is up, whenReady opens the window; after, a closed one (macOS) reopens.
  if (router !== null && mainWindow === null) openMainWindow();
  void openRequestedFiles();
  focusMainWindow();
}

async function openRequestedFiles(): Promise<void> {
  if (router === null || hostIpc === null || !pageLoaded) return;
  for (const path of filesToOpen.splice(0)) {
    await router.grantWorkspaceFile(path);
    hostIpc.broadcast({ type: 'openWorkspaceFile', path });
  }
}

async function startHost(): Promise<void> {
  const dataDir = app.getPath('userData');
  const demoDir = join(dataDir, 'demo', 'sensors');
  engine = new EngineHost({
    config: { startDemo: true, demo: { dir: demoDir }, checkpointRoot: checkpointsDir(dataDir) },
    onEvent: (event) => hostIpc?.broadcast(event),
  });
  engine.start();
  router = await createHostRouter({
    engine,
    dialogs: new ElectronDialogs(() => mainWindow, app.getPath('documents')),
    kind: 'electron',
    dataDir,
    demoDir,
    documentsDir: app.getPath('documents'),
    onRecentChanged: (recent) => appMenu?.setRecent(recent),
  });
  hostIpc = registerHostIpc(router, appPageUrl());
  const recent = await router.call({ type: 'recentWorkspaces' });
  appMenu = installAppMenu(
    {
      command: (command) => hostIpc?.broadcast({ type: 'command', command }),
      openRecent: requestOpen,
    },
    recent.ok ? (recent.result as readonly RecentWorkspace[]) : [],
  );
}

// macOS delivers double-clicked files as 'open-file', possibly before 'ready'.
app.on('open-file', (event, path) => {
  event.preventDefault();
  requestOpen(path);
});

// A second launch (e.g. opening a workspace file) focuses the running app, which opens the
// file, instead of starting another engine on the same checkpoints.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', (_event, argv, workingDirectory) => {
    const file = workspaceFileInArgs(argv, workingDirectory);
    if (file !== null) requestOpen(file);
    else focusMainWindow();
  });

  const launchFile = workspaceFileInArgs(process.argv, process.cwd());
  if (launchFile !== null) filesToOpen.push(launchFile);

  void app.whenReady().then(async () => {
    // The app needs no camera, notifications, geolocation, … so every request is refused.
    session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) =>
      callback(false),
    );
    session.defaultSession.setPermissionCheckHandler(() => false);
    app.setAboutPanelOptions({ applicationName: 'Tidemark', applicationVersion: app.getVersion() });

    await startHost();
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
