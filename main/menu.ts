/**
 * Installs the app menu (menu-template.ts) and rebuilds it when the recent list changes,
 * so File ▸ Open Recent always shows the files last opened or saved.
 */
import { app, Menu } from 'electron';
import type { RecentWorkspace } from '../engine/service/protocol';
import { menuTemplate, type MenuActions } from './menu-template';

export interface AppMenu {
  /** Rebuilds the menu with a new recent list. */
  setRecent(recent: readonly RecentWorkspace[]): void;
}

export function installAppMenu(
  actions: MenuActions,
  recent: readonly RecentWorkspace[] = [],
): AppMenu {
  const build = (list: readonly RecentWorkspace[]): void => {
    const template = menuTemplate(
      { isMac: process.platform === 'darwin', isPackaged: app.isPackaged, recent: list },
      actions,
    );
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
    // macOS also lists recent files in the Dock menu and File ▸ Open Recent of the OS.
    if (process.platform === 'darwin') {
      app.clearRecentDocuments();
      for (const r of [...list].reverse()) app.addRecentDocument(r.path);
    }
  };
  build(recent);
  return { setRecent: build };
}
