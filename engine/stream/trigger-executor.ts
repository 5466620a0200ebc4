/**
 * When triggers fire, as Spark's TriggerExecutor implementations (runtime/TriggerExecutor.scala):
 *
 * - ProcessingTimeExecutor: interval 0 (the default trigger) runs the next trigger as soon as
 *   the previous one returns; interval > 0 aligns triggers to multiples of the interval since
 *   the epoch (`now / interval * interval + interval`). A trigger that overruns the interval
 *   is followed immediately by exactly one next trigger; missed boundaries are not replayed.
 * - SingleBatchExecutor (Trigger.Once): one trigger, then the query ends.
 * - MultiBatchExecutor (Trigger.AvailableNow): triggers until one constructs no batch.
 *
 * A trigger returns whether the query should go on; waits are cut short by `Waker.wake()`
 * (stop(), new data, processAllAvailable()).
 */
import type { TriggerSpec } from '../plan/logical-plan';
import { triggerIntervalMs } from './interval-strings';

export type RunTrigger = () => Promise<boolean>;

export interface TriggerExecutor {
  readonly kind: TriggerSpec['kind'];
  /** True for AvailableNow: a trigger that constructs nothing ends the query. */
  readonly stopsWhenIdle: boolean;
  execute(runTrigger: RunTrigger): Promise<void>;
}

/**
 * A timer that new data (`wake()`) or `stop()` ends early; cheap to wait on while a query
 * idles. Waits for a processing-time boundary pass `wakeOnData = false`: only stop() ends
 * those, as new data never makes Spark's ProcessingTimeExecutor fire before its boundary.
 */
export class Waker {
  private pending: { resolve: () => void; wakeOnData: boolean } | null = null;
  private timer: NodeJS.Timeout | null = null;
  private woken = false;
  private stopped = false;

  wait(ms: number, wakeOnData = true): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (wakeOnData && this.woken) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.pending = { resolve, wakeOnData };
      this.timer = setTimeout(() => this.release(), Math.max(0, ms));
    });
  }

  /** New data (or a processAllAvailable call): ends an idle wait, or makes the next one return at once. */
  wake(): void {
    if (this.pending === null) this.woken = true;
    else if (this.pending.wakeOnData) this.release();
    else this.woken = true;
  }

  /** Ends any wait now and every later one at once. */
  stop(): void {
    this.stopped = true;
    this.release();
  }

  private release(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const pending = this.pending;
    this.pending = null;
    if (pending?.wakeOnData) this.woken = false;
    pending?.resolve();
  }
}

export class ProcessingTimeExecutor implements TriggerExecutor {
  readonly stopsWhenIdle = false;
  constructor(
    readonly intervalMs: number,
    private readonly waker: Waker,
    private readonly now: () => number = Date.now,
    private readonly onFallingBehind: (elapsedMs: number) => void = () => undefined,
  ) {}

  get kind(): TriggerSpec['kind'] {
    return this.intervalMs === 0 ? 'default' : 'processingTime';
  }

  /** The next trigger boundary after `nowMs` (ProcessingTimeExecutor.nextBatchTime). */
  nextBatchTime(nowMs: number): number {
    return this.intervalMs === 0
      ? nowMs
      : Math.floor(nowMs / this.intervalMs) * this.intervalMs + this.intervalMs;
  }

  async execute(runTrigger: RunTrigger): Promise<void> {
    for (;;) {
      const triggerTimeMs = this.now();
      const next = this.nextBatchTime(triggerTimeMs);
      const goOn = await runTrigger();
      if (this.intervalMs > 0) {
        const elapsed = this.now() - triggerTimeMs;
        if (elapsed > this.intervalMs) this.onFallingBehind(elapsed);
        if (!goOn) return;
        const wait = next - this.now();
        if (wait > 0) await this.waker.wait(wait, false);
      } else if (!goOn) {
        return;
      } else {
        // Back-to-back triggers over in-memory data would otherwise never yield to timers and I/O.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
  }
}

export class SingleBatchExecutor implements TriggerExecutor {
  readonly kind = 'once';
  readonly stopsWhenIdle = false;
  async execute(runTrigger: RunTrigger): Promise<void> {
    await runTrigger();
  }
}

export class MultiBatchExecutor implements TriggerExecutor {
  readonly kind = 'availableNow';
  readonly stopsWhenIdle = true;
  async execute(runTrigger: RunTrigger): Promise<void> {
    while (await runTrigger()) {
      // each call runs one batch; the execution returns false once nothing is left
    }
  }
}

export function createTriggerExecutor(
  trigger: TriggerSpec,
  waker: Waker,
  onFallingBehind?: (ms: number) => void,
): TriggerExecutor {
  switch (trigger.kind) {
    case 'default':
      return new ProcessingTimeExecutor(0, waker);
    case 'processingTime':
      return new ProcessingTimeExecutor(
        triggerIntervalMs(trigger.interval),
        waker,
        Date.now,
        onFallingBehind,
      );
    case 'once':
      return new SingleBatchExecutor();
    case 'availableNow':
      return new MultiBatchExecutor();
  }
}
