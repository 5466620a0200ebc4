/**
 * The app menu as data (Electron's MenuItemConstructorOptions), built without Electron so
 * tests can check it. Items that the page carries out send an AppCommand (menu.ts turns
 * that into a `command` event); their accelerators are the page's own shortcuts
 * (renderer/src/lib/shortcuts.ts, `Mod` = CmdOrCtrl), so a key does the same in Electron
 * and in browser mode.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { AppCommand, RecentWorkspace } from '../engine/service/protocol';

export interface MenuActions {
  /** Sends `command` to the window (a `command` event). */
  command(command: AppCommand): void;
  /** File ▸ Open Recent ▸ entry: grant the file and ask the window to open it. */
  openRecent(path: string): void;
}

export interface MenuContext {
  readonly isMac: boolean;
  /** Reload and DevTools are for development builds only. */
  readonly isPackaged: boolean;
  readonly recent: readonly RecentWorkspace[];
}

/** Each command's accelerator; shortcuts.ts SHORTCUTS holds the same keys as `Mod+…` labels. */
export const COMMAND_ACCELERATORS: Readonly<Record<AppCommand, string>> = {
  newWorkspace: 'CmdOrCtrl+N',
  openWorkspace: 'CmdOrCtrl+O',
  saveWorkspace: 'CmdOrCtrl+S',
  saveWorkspaceAs: 'CmdOrCtrl+Shift+S',
  exportSnapshot: 'CmdOrCtrl+Shift+E',
  runQuery: 'CmdOrCtrl+Enter',
  stopQuery: 'CmdOrCtrl+Shift+Enter',
  openSqlConsole: 'CmdOrCtrl+Shift+J',
  toggleTheme: 'CmdOrCtrl+Shift+L',
};

export function menuTemplate(
  context: MenuContext,
  actions: MenuActions,
): MenuItemConstructorOptions[] {
  const item = (command: AppCommand, label: string): MenuItemConstructorOptions => ({
    id: command,
    label,
    accelerator: COMMAND_ACCELERATORS[command],
    click: () => actions.command(command),
  });
  const separator: MenuItemConstructorOptions = { type: 'separator' };

  const recent: MenuItemConstructorOptions[] =
    context.recent.length === 0
      ? [{ label: 'No Recent Workspaces', enabled: false }]
      : context.recent.map((r) => ({
          label: `${menuLabel(r.name)} — ${menuLabel(r.path)}`,
          click: () => actions.openRecent(r.path),
        }));

  const appMenu: MenuItemConstructorOptions[] = context.isMac
    ? [
        {
          role: 'appMenu',
          submenu: [
            { role: 'about' },
            separator,
            { role: 'services' },
            separator,
            { role: 'hide' },
            { role: 'hideOthers' },
            { role: 'unhide' },
            separator,
            { role: 'quit' },
          ],
        },
      ]
    : [];

  const development: MenuItemConstructorOptions[] = context.isPackaged
    ? []
    : [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, separator];

  return [
    ...appMenu,
    {
      label: '&File',
      submenu: [
        item('newWorkspace', 'New Workspace'),
        item('openWorkspace', 'Open…'),
        { label: 'Open Recent', id: 'openRecent', submenu: recent },
        separator,
        item('saveWorkspace', 'Save'),
        item('saveWorkspaceAs', 'Save As…'),
        separator,
        item('exportSnapshot', 'Export Snapshot…'),
        separator,
        // On macOS Quit lives in the app menu; the File menu closes the window instead.
        context.isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      // Without an Edit menu, macOS text fields lose copy, paste and undo shortcuts.
      label: '&Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        separator,
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: '&Query',
      submenu: [item('runQuery', 'Run'), item('stopQuery', 'Stop')],
    },
    {
      label: '&View',
      submenu: [
        item('openSqlConsole', 'SQL Console'),
        item('toggleTheme', 'Toggle Theme'),
        separator,
        ...development,
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        separator,
        { role: 'togglefullscreen' },
      ],
    },
    ...(context.isMac ? [{ role: 'windowMenu' } as MenuItemConstructorOptions] : []),
    {
      label: '&Help',
      role: 'help',
      submenu: [{ label: 'About Tidemark', role: 'about' }],
    },
  ];
}

/** `&` marks a mnemonic in Windows and Linux menu labels; a literal one is written `&&`. */
function menuLabel(text: string): string {
  return text.replace(/&/g, '&&');
}
