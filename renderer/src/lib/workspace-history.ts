/**
 * Undo and redo over immutable versions of a document (the workspace). Each edit records
 * the version it replaced, with a label the menu can show ("Undo Rename column"). Typing is
 * many edits; those with the same coalescing key in quick succession are one undo step, as
 * text editors group keystrokes, so Mod+Z takes back a word, not a letter.
 */

export interface HistoryEntry<T> {
  readonly state: T;
  readonly label: string;
}

export class EditHistory<T> {
  private past: HistoryEntry<T>[] = [];
  private future: HistoryEntry<T>[] = [];
  private lastKey: string | null = null;
  private lastAt = Number.NEGATIVE_INFINITY;

  constructor(
    /** Versions kept for undo; the oldest go first. */
    private readonly limit = 200,
    /** Edits with the same key closer than this (ms) are one step. */
    private readonly coalesceMs = 1000,
  ) {}

  get canUndo(): boolean {
    return this.past.length > 0;
  }

  get canRedo(): boolean {
    return this.future.length > 0;
  }

  get undoLabel(): string | null {
    return this.past.at(-1)?.label ?? null;
  }

  get redoLabel(): string | null {
    return this.future.at(-1)?.label ?? null;
  }

  /**
   * Notes that an edit named `label` replaces `before`. `key` groups keystrokes into one
   * step (null: never grouped); `now` is the edit's time in ms.
   */
  record(before: T, label: string, key: string | null, now: number): void {
    const grouped = key !== null && key === this.lastKey && now - this.lastAt < this.coalesceMs;
    this.lastKey = key;
    this.lastAt = now;
    this.future = [];
    if (grouped) return;
    this.past.push({ state: before, label });
    if (this.past.length > this.limit) this.past.shift();
  }

  /** The version before the last edit, given the current one (kept for redo). */
  undo(current: T): HistoryEntry<T> | null {
    const entry = this.past.pop();
    if (entry === undefined) return null;
    this.future.push({ state: current, label: entry.label });
    this.endGroup();
    return entry;
  }

  redo(current: T): HistoryEntry<T> | null {
    const entry = this.future.pop();
    if (entry === undefined) return null;
    this.past.push({ state: current, label: entry.label });
    this.endGroup();
    return entry;
  }

  clear(): void {
    this.past = [];
    this.future = [];
    this.endGroup();
  }

  /** The next edit starts a new step, whatever its key. */
  endGroup(): void {
    this.lastKey = null;
    this.lastAt = Number.NEGATIVE_INFINITY;
  }
}
