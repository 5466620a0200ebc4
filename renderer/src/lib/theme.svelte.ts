/**
 * Light and dark themes. The choice (system, light or dark) is saved in the workspace
 * layout; "system" follows the OS (prefers-color-scheme) live. The palette is CSS variables
 * keyed on `<html data-theme="light|dark">` (App.svelte), so the attribute always holds the
 * theme actually shown, whatever the choice.
 */
import type { WorkspaceLayout } from '../../../engine/service/protocol';

export type ThemeChoice = WorkspaceLayout['theme'];

/** Remembered for the welcome screen, before any workspace says otherwise. */
const STORAGE_KEY = 'tidemark.theme';

export class Theme {
  choice = $state<ThemeChoice>('system');
  private systemDark = $state(false);
  readonly shown: 'light' | 'dark' = $derived(
    this.choice === 'system' ? (this.systemDark ? 'dark' : 'light') : this.choice,
  );

  /** Follows the OS setting and applies the remembered choice; returns the unlisten. */
  start(): () => void {
    const query = window.matchMedia('(prefers-color-scheme: dark)');
    this.systemDark = query.matches;
    const onChange = (e: MediaQueryListEvent): void => {
      this.systemDark = e.matches;
      this.apply();
    };
    query.addEventListener('change', onChange);
    const saved = readSaved();
    if (saved !== null) this.choice = saved;
    this.apply();
    return () => query.removeEventListener('change', onChange);
  }

  set(choice: ThemeChoice): void {
    this.choice = choice;
    try {
      window.localStorage.setItem(STORAGE_KEY, choice);
    } catch {
      // Storage may be disabled (private windows); the workspace layout still keeps it.
    }
    this.apply();
  }

  /** Switches to the other theme than the one shown; returns the new choice. */
  toggle(): ThemeChoice {
    const next = this.shown === 'dark' ? 'light' : 'dark';
    this.set(next);
    return next;
  }

  private apply(): void {
    document.documentElement.dataset.theme = this.shown;
  }
}

function readSaved(): ThemeChoice | null {
  try {
    const v = window.localStorage.getItem(STORAGE_KEY);
    return v === 'light' || v === 'dark' || v === 'system' ? v : null;
  } catch {
    return null;
  }
}
