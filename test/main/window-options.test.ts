import { describe, expect, it } from 'vitest';
import { mainWindowOptions } from '../../main/window-options';

describe('main window options', () => {
  const options = mainWindowOptions({ preloadPath: '/app/out/preload/preload.cjs' });
  const prefs = options.webPreferences ?? {};

  it('isolates the page from Node and Electron', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
  });

  it('keeps web security on and webviews off', () => {
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.webviewTag).toBe(false);
  });

  it('loads the preload script it is given', () => {
    expect(prefs.preload).toBe('/app/out/preload/preload.cjs');
  });
});
