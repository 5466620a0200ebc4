/**
 * Which keys undo and redo workspace edits, and where: Mod+Z undoes, Mod+Shift+Z (and
 * Ctrl+Y off macOS) redoes, as in every desktop editor. Text fields outside the workspace
 * editors (the SQL console) keep the browser's own undo of their text.
 */
import type { KeyPress } from './shortcuts';

export function isUndoKey(e: KeyPress, mac: boolean): 'undo' | 'redo' | null {
  if (e.altKey) return null;
  const mod = mac ? e.metaKey : e.ctrlKey;
  if (!mod) return null;
  const key = e.key.toLowerCase();
  if (key === 'z') return e.shiftKey ? 'redo' : 'undo';
  if (key === 'y' && !mac && !e.shiftKey) return 'redo';
  return null;
}

/** The parts of a DOM element the decision reads (structural, so tests need no DOM). */
export interface FocusTarget {
  readonly tagName?: string;
  readonly isContentEditable?: boolean;
  closest?(selector: string): unknown;
}

/**
 * Whether an undo key pressed in `target` is the workspace's: anywhere that is not a text
 * field, and in text fields inside a `data-undo="workspace"` region (their text is workspace
 * state, and its history is the workspace's).
 */
export function undoTarget(target: unknown): boolean {
  const el = target as FocusTarget | null;
  if (el === null || typeof el !== 'object') return true;
  const tag = (el.tagName ?? '').toUpperCase();
  const editable = tag === 'INPUT' || tag === 'TEXTAREA' || el.isContentEditable === true;
  if (!editable) return true;
  return typeof el.closest === 'function' && el.closest('[data-undo="workspace"]') !== null;
}
