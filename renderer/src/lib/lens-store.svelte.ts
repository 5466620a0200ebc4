/**
 * The late-data lens's state for one query: its trace, fetched whole once and then from the
 * last batch held whenever the engine's `lateData` event says there is more (at most four
 * times a second), the side-by-side replay, and the explanation of a clicked row.
 *
 * Replays are debounced (the slider fires on every step) and numbered: an answer to a
 * replay that a newer one replaced is ignored, and the engine cancels the superseded run
 * itself (ReplaySupersededException), which is not an error to show.
 */
import type {
  LateRowExplanation,
  WatermarkReplay,
  WatermarkVariant,
} from '../../../engine/service/protocol';
import type { HostApi } from './host';
import { EMPTY_TRACE, mergeTrace, type LensTrace } from './lens-trace';
import { throttle, type Throttled } from './redraw-throttle';

/** Least time between two trace fetches: the charts redraw at most ~4 times a second. */
const REFRESH_MS = 250;
/** Quiet time after the last slider move before a replay starts. */
const REPLAY_DEBOUNCE_MS = 300;

export class LensStore {
  trace = $state.raw<LensTrace>(EMPTY_TRACE);
  watermarkDelay = $state<string | null>(null);
  error = $state<string | null>(null);
  loaded = $state(false);

  replay = $state.raw<WatermarkReplay | null>(null);
  replaying = $state(false);
  replayError = $state<string | null>(null);

  explanation = $state.raw<LateRowExplanation | null>(null);
  explainError = $state<string | null>(null);

  private readonly refresher: Throttled;
  private fetching = false;
  private again = false;
  private replaySeq = 0;
  private replayTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly host: HostApi,
    readonly queryId: string,
  ) {
    this.refresher = throttle(() => void this.fetch(), REFRESH_MS);
  }

  /** Loads the trace and follows the query's `lateData` events; returns the stop function. */
  start(): () => void {
    this.refresher.request();
    const off = this.host.onEvent((e) => {
      if (e.type === 'lateData' && e.queryId === this.queryId) this.refresher.request();
    });
    return () => {
      off();
      this.refresher.cancel();
      if (this.replayTimer !== null) clearTimeout(this.replayTimer);
    };
  }

  /** Fetches new triggers; a request during a fetch runs one more after it. */
  private async fetch(): Promise<void> {
    if (this.fetching) {
      this.again = true;
      return;
    }
    this.fetching = true;
    try {
      const last = this.trace.triggers.at(-1);
      // From the last trigger held: its engine counts may have come after it was fetched.
      const next = await this.host.request({
        type: 'lateDataTrace',
        queryId: this.queryId,
        ...(last === undefined ? {} : { sinceBatch: last.batchId }),
      });
      // Receiving a large trace, merging it, and drawing from it are three tasks, not one:
      // a catch-up's trace holds every input row (issue 8: no task over 50 ms).
      await nextTask();
      const merged = mergeTrace(this.trace, next);
      await nextTask();
      this.trace = merged;
      this.watermarkDelay = next.watermarkDelay;
      this.error = null;
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
    } finally {
      this.loaded = true;
      this.fetching = false;
      if (this.again) {
        this.again = false;
        this.refresher.request();
      }
    }
  }

  /** Replays A and B after the debounce; a newer call replaces a pending or running one. */
  requestReplay(
    variants: readonly [WatermarkVariant, WatermarkVariant],
    debounceMs = REPLAY_DEBOUNCE_MS,
  ): void {
    if (this.replayTimer !== null) clearTimeout(this.replayTimer);
    this.replaying = true;
    this.replayTimer = setTimeout(() => {
      this.replayTimer = null;
      void this.runReplay(variants);
    }, debounceMs);
  }

  private async runReplay(variants: readonly [WatermarkVariant, WatermarkVariant]): Promise<void> {
    const seq = ++this.replaySeq;
    try {
      const result = await this.host.request({
        type: 'replayWatermark',
        queryId: this.queryId,
        variants: [variants[0], variants[1]],
      });
      if (seq !== this.replaySeq) return;
      this.replay = result;
      this.replayError = null;
    } catch (e) {
      if (seq !== this.replaySeq || (e instanceof Error && e.name === 'ReplaySupersededException'))
        return;
      this.replayError = e instanceof Error ? e.message : String(e);
    } finally {
      if (seq === this.replaySeq) this.replaying = false;
    }
  }

  async explain(batchId: number, row: number): Promise<void> {
    try {
      this.explanation = await this.host.request({
        type: 'explainLateRow',
        queryId: this.queryId,
        batchId,
        row,
      });
      this.explainError = null;
    } catch (e) {
      this.explanation = null;
      this.explainError = e instanceof Error ? e.message : String(e);
    }
  }
}

/** Lets the page draw and take input before the next piece of work. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
