/**
 * App commands (run, stop, export, save, theme, …) from wherever they come — the Electron
 * app menu (a host `command` event), a keyboard shortcut (shortcuts.ts) or a button — go
 * through this one bus, so each is carried out by the one component that owns it.
 */
import type { AppCommand } from '../../../engine/service/protocol';

type Handler = () => void;

export class CommandBus {
  private readonly handlers = new Map<AppCommand, Set<Handler>>();

  /** Registers `handler` for `command`; returns the unregister (call it in onDestroy). */
  on(command: AppCommand, handler: Handler): () => void {
    let set = this.handlers.get(command);
    if (set === undefined) this.handlers.set(command, (set = new Set()));
    set.add(handler);
    return () => void set.delete(handler);
  }

  /** Runs every handler of `command`; returns whether any component took it. */
  run(command: AppCommand): boolean {
    const set = this.handlers.get(command);
    if (set === undefined || set.size === 0) return false;
    for (const handler of [...set]) handler();
    return true;
  }
}

/** The app's one bus. */
export const commands = new CommandBus();
