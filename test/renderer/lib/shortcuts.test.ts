import { describe, expect, it } from 'vitest';
import { CommandBus } from '../../../renderer/src/lib/commands';
import { shortcutFor, shortcutLabel } from '../../../renderer/src/lib/shortcuts';

const key = (
  k: string,
  o: Partial<{ ctrl: boolean; meta: boolean; shift: boolean; alt: boolean }> = {},
) => ({
  key: k,
  ctrlKey: o.ctrl ?? false,
  metaKey: o.meta ?? false,
  shiftKey: o.shift ?? false,
  altKey: o.alt ?? false,
});

describe('shortcuts', () => {
  it('maps Ctrl on Linux/Windows and ⌘ on macOS to the same commands', () => {
    expect(shortcutFor(key('Enter', { ctrl: true }), false)?.command).toBe('runQuery');
    expect(shortcutFor(key('Enter', { meta: true }), true)?.command).toBe('runQuery');
    expect(shortcutFor(key('Enter', { meta: true }), false)).toBeNull();
    expect(shortcutFor(key('E', { ctrl: true, shift: true }), false)?.command).toBe(
      'exportSnapshot',
    );
    expect(shortcutFor(key('Enter', { ctrl: true, shift: true }), false)?.command).toBe(
      'stopQuery',
    );
    expect(shortcutFor(key('s', { ctrl: true, alt: true }), false)).toBeNull();
    expect(shortcutFor(key('x'), false)).toBeNull();
  });

  it('labels shortcuts for the platform', () => {
    expect(shortcutLabel('exportSnapshot', false)).toBe('Ctrl+Shift+E');
    expect(shortcutLabel('runQuery', true)).toBe('⌘↵');
  });

  it('runs every handler of a command and reports whether anyone took it', () => {
    const bus = new CommandBus();
    const seen: string[] = [];
    const off = bus.on('runQuery', () => seen.push('a'));
    bus.on('runQuery', () => seen.push('b'));
    expect(bus.run('runQuery')).toBe(true);
    off();
    bus.run('runQuery');
    expect(seen).toEqual(['a', 'b', 'b']);
    expect(bus.run('stopQuery')).toBe(false);
  });
});
