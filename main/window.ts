// The hardened window factory: no Node in the page, no navigation away from the app, no popups.
import { BrowserWindow, shell } from 'electron';
import { join } from 'node:path';
import { mainWindowOptions } from './window-options';

const here = import.meta.dirname;

export function createMainWindow(): BrowserWindow {
  // Sandboxed preloads cannot be ES modules, so the preload is built as CommonJS (.cjs).
  const window = new BrowserWindow(
    mainWindowOptions({ preloadPath: join(here, '../preload/preload.cjs') }),
  );

  window.once('ready-to-show', () => window.show());

  // Links meant for the outside world open in the user's browser; the app never opens windows.
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());

  // `electron-vite dev` serves the renderer with hot reload; a build loads the bundled files.
  const devServerUrl = process.env['ELECTRON_RENDERER_URL'];
  if (devServerUrl) {
    void window.loadURL(devServerUrl);
  } else {
    void window.loadFile(join(here, '../renderer/index.html'));
  }
  return window;
}
