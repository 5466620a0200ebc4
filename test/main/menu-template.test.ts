import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import type { AppCommand } from '../../engine/service/protocol';
import { menuTemplate, type MenuContext } from '../../main/menu-template';
import { SHORTCUTS } from '../../renderer/src/lib/shortcuts';

function allItems(items: readonly MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [
    item,
    ...(Array.isArray(item.submenu) ? allItems(item.submenu as MenuItemConstructorOptions[]) : []),
  ]);
}

function build(context: Partial<MenuContext> = {}) {
  const sent: AppCommand[] = [];
  const opened: string[] = [];
  const template = menuTemplate(
    { isMac: false, isPackaged: true, recent: [], ...context },
    { command: (c) => sent.push(c), openRecent: (p) => opened.push(p) },
  );
  return { template, items: allItems(template), sent, opened };
}

function click(item: MenuItemConstructorOptions): void {
  (item.click as () => void)();
}

describe('app menu template (main/menu-template.ts)', () => {
  it('gives every page shortcut a menu item with the same accelerator', () => {
    const { items } = build();
    for (const shortcut of SHORTCUTS) {
      const item = items.find((i) => i.id === shortcut.command);
      expect(item, shortcut.command).toBeDefined();
      expect(item!.accelerator, shortcut.command).toBe(shortcut.label.replace('Mod', 'CmdOrCtrl'));
    }
    // …and no accelerator the page does not know.
    for (const item of items.filter((i) => i.accelerator !== undefined)) {
      const shortcut = SHORTCUTS.find((s) => s.command === item.id);
      expect(shortcut, String(item.id)).toBeDefined();
    }
  });

  it('sends each command item’s command to the window', () => {
    const { items, sent } = build();
    const commandItems = items.filter((i) => SHORTCUTS.some((s) => s.command === i.id));
    for (const item of commandItems) click(item);
    expect(sent).toEqual(commandItems.map((i) => i.id));
    expect(new Set(sent)).toEqual(new Set(SHORTCUTS.map((s) => s.command)));
  });

  it('lays out File, Edit, Query, View and Help', () => {
    const { template } = build();
    expect(template.map((m) => m.label)).toEqual(['&File', '&Edit', '&Query', '&View', '&Help']);
    const file = (template[0].submenu as MenuItemConstructorOptions[]).map(
      (i) => i.label ?? i.role ?? i.type,
    );
    expect(file).toEqual([
      'New Workspace',
      'Open…',
      'Open Recent',
      'separator',
      'Save',
      'Save As…',
      'separator',
      'Export Snapshot…',
      'separator',
      'quit',
    ]);
    const help = template[4].submenu as MenuItemConstructorOptions[];
    expect(help).toEqual([{ label: 'About Tidemark', role: 'about' }]);
  });

  it('lists recent workspaces and opens the one clicked', () => {
    const { items, opened } = build({
      recent: [
        { path: '/w/R&D.tidemark.json', name: 'R&D', openedAt: '2026-03-01T10:00:00.000Z' },
        { path: '/w/b.tidemark.json', name: 'B', openedAt: '2026-03-01T09:00:00.000Z' },
      ],
    });
    const submenu = items.find((i) => i.id === 'openRecent')!
      .submenu as MenuItemConstructorOptions[];
    expect(submenu.map((i) => i.label)).toEqual([
      'R&&D — /w/R&&D.tidemark.json',
      'B — /w/b.tidemark.json',
    ]);
    click(submenu[1]);
    expect(opened).toEqual(['/w/b.tidemark.json']);

    const empty = build().items.find((i) => i.id === 'openRecent')!.submenu;
    expect(empty).toEqual([{ label: 'No Recent Workspaces', enabled: false }]);
  });

  it('offers Reload and DevTools only in development builds', () => {
    const roles = (packaged: boolean) =>
      build({ isPackaged: packaged })
        .items.map((i) => i.role)
        .filter((r) => r !== undefined);
    expect(roles(false)).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
    expect(roles(true)).not.toContain('reload');
    expect(roles(true)).not.toContain('toggleDevTools');
  });

  it('follows macOS conventions on a Mac: app menu with Quit, Window menu, File closes', () => {
    const { template, items } = build({ isMac: true });
    expect(template[0].role).toBe('appMenu');
    expect((template[0].submenu as MenuItemConstructorOptions[]).at(-1)).toEqual({ role: 'quit' });
    expect(template.map((m) => m.role)).toContain('windowMenu');
    expect(items.filter((i) => i.role === 'quit')).toHaveLength(1);
    const file = template[1].submenu as MenuItemConstructorOptions[];
    expect(file.at(-1)).toEqual({ role: 'close' });
  });
});
