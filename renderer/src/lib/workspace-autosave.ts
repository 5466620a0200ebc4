/**
 * Autosave pacing: after a change, save within `intervalMs` (not after every keystroke, and
 * not postponed forever by steady typing); save at once when asked (the page is being
 * hidden or closed); one save at a time; a failed save is tried again later, so a crash
 * loses at most a few seconds of work.
 */
import type { Timers } from './draft-requests';

const realTimers: Timers = {
  set: (run, ms) => setTimeout(run, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class AutosaveTimer {
  private pending = false;
  private timer: unknown = null;
  private saving: Promise<void> | null = null;

  constructor(
    private readonly save: () => Promise<void>,
    private readonly intervalMs = 5000,
    private readonly timers: Timers = realTimers,
  ) {}

  /** Whether a change waits to be autosaved. */
  get hasPending(): boolean {
    return this.pending;
  }

  /** Notes a change; the save comes at most `intervalMs` later. */
  changed(): void {
    this.pending = true;
    this.arm();
  }

  /** Saves now if a change waits (and waits for a save already under way). */
  async flush(): Promise<void> {
    this.disarm();
    if (this.saving !== null) await this.saving;
    if (!this.pending) return;
    this.pending = false;
    this.saving = this.save()
      .catch(() => {
        // The store reports the failure; the change still waits and is tried again.
        this.pending = true;
        this.arm();
      })
      .finally(() => (this.saving = null));
    await this.saving;
  }

  /** Forgets the waiting change (the workspace was just saved or replaced). */
  cancel(): void {
    this.pending = false;
    this.disarm();
  }

  private arm(): void {
    if (this.timer !== null) return;
    this.timer = this.timers.set(() => {
      this.timer = null;
      void this.flush();
    }, this.intervalMs);
  }

  private disarm(): void {
    if (this.timer === null) return;
    this.timers.clear(this.timer);
    this.timer = null;
  }
}
