/**
 * Keyboard shortcuts → app commands. Mod is ⌘ on macOS and Ctrl elsewhere, as in every
 * desktop data app (DBeaver, TablePlus). In Electron the app menu owns the same
 * accelerators (main/menu.ts) and sends `command` events instead, so the page only
 * listens when it is not in Electron, to avoid running a command twice.
 */
import type { AppCommand } from '../../../engine/service/protocol';
import type { CommandBus } from './commands';

export interface Shortcut {
  readonly command: AppCommand;
  /** Lower-case `KeyboardEvent.key`. */
  readonly key: string;
  readonly mod: boolean;
  readonly shift: boolean;
  /** As shown in tooltips and the menu: `Mod+Enter` becomes `Ctrl+Enter` or `⌘↵`. */
  readonly label: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { command: 'runQuery', key: 'enter', mod: true, shift: false, label: 'Mod+Enter' },
  { command: 'stopQuery', key: 'enter', mod: true, shift: true, label: 'Mod+Shift+Enter' },
  { command: 'exportSnapshot', key: 'e', mod: true, shift: true, label: 'Mod+Shift+E' },
  { command: 'saveWorkspace', key: 's', mod: true, shift: false, label: 'Mod+S' },
  { command: 'saveWorkspaceAs', key: 's', mod: true, shift: true, label: 'Mod+Shift+S' },
  { command: 'openWorkspace', key: 'o', mod: true, shift: false, label: 'Mod+O' },
  { command: 'newWorkspace', key: 'n', mod: true, shift: false, label: 'Mod+N' },
  { command: 'openSqlConsole', key: 'j', mod: true, shift: true, label: 'Mod+Shift+J' },
  { command: 'toggleTheme', key: 'l', mod: true, shift: true, label: 'Mod+Shift+L' },
];

/** The keyboard event fields a shortcut reads (structural, so tests need no DOM). */
export type KeyPress = {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
};

/** What listenForShortcuts listens on: the window. */
export interface KeyEventTarget {
  addEventListener(
    type: 'keydown',
    listener: (e: KeyPress & { preventDefault(): void }) => void,
  ): void;
  removeEventListener(
    type: 'keydown',
    listener: (e: KeyPress & { preventDefault(): void }) => void,
  ): void;
}

const navigatorPlatform = (): string =>
  (globalThis as { navigator?: { platform?: string } }).navigator?.platform ?? '';

export function isMac(platform: string = navigatorPlatform()): boolean {
  return /mac/i.test(platform);
}

/** The shortcut `event` presses, if any. */
export function shortcutFor(event: KeyPress, mac: boolean = isMac()): Shortcut | null {
  if (event.altKey) return null;
  const mod = mac ? event.metaKey : event.ctrlKey;
  const key = event.key.toLowerCase();
  return (
    SHORTCUTS.find((s) => s.key === key && s.mod === mod && s.shift === event.shiftKey) ?? null
  );
}

/** `Mod+Shift+E` → `Ctrl+Shift+E` (or `⌘⇧E` on a Mac), for tooltips. */
export function shortcutLabel(command: AppCommand, mac: boolean = isMac()): string | null {
  const s = SHORTCUTS.find((x) => x.command === command);
  if (s === undefined) return null;
  if (!mac) return s.label.replace('Mod', 'Ctrl');
  return s.label.replace('Mod+', '⌘').replace('Shift+', '⇧').replace('Enter', '↵');
}

/** Listens on `target` (the window) and runs the shortcut's command; returns the unlisten. */
export function listenForShortcuts(target: KeyEventTarget, bus: CommandBus): () => void {
  const onKey = (event: KeyPress & { preventDefault(): void }): void => {
    const shortcut = shortcutFor(event);
    if (shortcut === null) return;
    if (bus.run(shortcut.command)) event.preventDefault();
  };
  target.addEventListener('keydown', onKey);
  return () => target.removeEventListener('keydown', onKey);
}
