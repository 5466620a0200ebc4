// The main window's options, kept free of runtime Electron imports so tests can check the
// hardening without an Electron binary (`import type` is erased at build time).
import type { BrowserWindowConstructorOptions } from 'electron';

export interface MainWindowParams {
  /** Absolute path of the built preload script (out/preload/preload.cjs). */
  preloadPath: string;
}

export function mainWindowOptions({
  preloadPath,
}: MainWindowParams): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    minWidth: 800,
    minHeight: 500,
    title: 'Tidemark',
    // Shown on 'ready-to-show' so the user never sees an unpainted window.
    show: false,
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      // The renderer reaches the host only through the contextBridge API in preload.ts.
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  };
}
