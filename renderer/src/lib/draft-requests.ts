/**
 * A request that follows an input as the user edits it (the source preview, the draft
 * analysis): sent once typing pauses, and only the answer to the newest input is kept, so a
 * slow answer to an old draft never overwrites a newer one.
 */

export type Outcome<I, O> =
  | { readonly ok: true; readonly input: I; readonly value: O }
  | { readonly ok: false; readonly input: I; readonly error: unknown };

/** setTimeout/clearTimeout, injectable so tests can drive time. */
export interface Timers {
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: Timers = {
  set: (run, ms) => setTimeout(run, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class LatestRequest<I, O> {
  private timer: unknown = null;
  private sent = 0;
  private answered = 0;

  constructor(
    private readonly send: (input: I) => Promise<O>,
    private readonly deliver: (outcome: Outcome<I, O>) => void,
    private readonly delayMs: number,
    private readonly timers: Timers = realTimers,
  ) {}

  /** Whether an input waits for the pause or for its answer. */
  get busy(): boolean {
    return this.timer !== null || this.answered < this.sent;
  }

  /** Sends `input` once `delayMs` pass without another call. */
  schedule(input: I): void {
    this.cancelTimer();
    this.timer = this.timers.set(() => {
      this.timer = null;
      // The outcome reaches `deliver`; nobody awaits a scheduled run.
      this.run(input).catch(() => undefined);
    }, this.delayMs);
  }

  /** Sends `input` now (dropping a scheduled one) and resolves to its answer. */
  now(input: I): Promise<O> {
    this.cancelTimer();
    return this.run(input);
  }

  /** Drops the scheduled input and any answer still on its way. */
  cancel(): void {
    this.cancelTimer();
    this.answered = ++this.sent;
  }

  private async run(input: I): Promise<O> {
    const seq = ++this.sent;
    try {
      const value = await this.send(input);
      if (seq === this.sent) this.finish(seq, { ok: true, input, value });
      return value;
    } catch (error) {
      if (seq === this.sent) this.finish(seq, { ok: false, input, error });
      throw error;
    }
  }

  private finish(seq: number, outcome: Outcome<I, O>): void {
    this.answered = seq;
    this.deliver(outcome);
  }

  private cancelTimer(): void {
    if (this.timer === null) return;
    this.timers.clear(this.timer);
    this.timer = null;
  }
}
