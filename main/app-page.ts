// Which page may use the host API over IPC: the app's own, compared without Electron so
// tests can check it (main/ipc.ts applies it to each request's sender frame).

/**
 * Whether `url` is the app page `appUrl`: for a built app (file://) the same file whatever
 * the query or hash; for the electron-vite dev server, the same origin.
 */
export function isAppPage(url: string, appUrl: string): boolean {
  try {
    const a = new URL(url);
    const b = new URL(appUrl);
    if (b.protocol === 'file:')
      return a.protocol === 'file:' && a.host === b.host && a.pathname === b.pathname;
    return a.origin === b.origin;
  } catch {
    return false;
  }
}
