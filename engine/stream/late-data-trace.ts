/**
 * The late-data trace: for each trigger, what the watermark did to each input row of the
 * query's stateful operators — on time, late but accepted (older than the largest event
 * time seen before, yet above the watermark for late events), or dropped by the watermark
 * (at or below it: Spark's inclusive WatermarkSupport test) — the window(s) each row fell
 * into, a per-window summary (rows accepted/dropped, windows finalised/evicted), and the
 * watermark before and after the trigger. It is Tidemark's, not Spark's: Spark only
 * reports numRowsDroppedByWatermark.
 *
 * Off by default: operators record only while at least one listener is registered
 * (`StreamingQuery.addLateDataListener`), so an unwatched query pays nothing. Payloads are
 * columnar (typed arrays per operator), ready to cross to the renderer as they are.
 */
import type { OperatorLateData } from '../exec/late-data-recorder';

export {
  DROPPED,
  LATE_ACCEPTED,
  NO_EVENT_TIME,
  ON_TIME,
  type OperatorLateData,
  type WindowSummary,
} from '../exec/late-data-recorder';

export interface LateDataEvent {
  readonly queryId: string;
  readonly runId: string;
  readonly batchId: number;
  /** Arrival time of every row of this trigger: the trigger timestamp, µs. */
  readonly arrivalUs: number;
  /** The watermark the batch evicted with (batchWatermarkMs), µs. */
  readonly watermarkBeforeUs: number;
  /** The watermark late rows were dropped against (the previous batch's, Spark 3.4+), µs. */
  readonly lateEventsWatermarkUs: number;
  /** The watermark computed at the end of the trigger, used from the next batch, µs. */
  readonly watermarkAfterUs: number;
  /** One entry per stateful operator with an event time. */
  readonly operators: readonly OperatorLateData[];
}

export type LateDataListener = (event: LateDataEvent) => void;

export class LateDataTrace {
  private readonly listeners = new Set<LateDataListener>();

  /** Whether anyone listens (operators record only then). */
  get active(): boolean {
    return this.listeners.size > 0;
  }

  add(listener: LateDataListener): void {
    this.listeners.add(listener);
  }

  remove(listener: LateDataListener): void {
    this.listeners.delete(listener);
  }

  /** Delivers one trigger's trace; a failing listener does not stop the query or the others. */
  emit(event: LateDataEvent): void {
    for (const l of [...this.listeners]) {
      try {
        l(event);
      } catch (e) {
        process.emitWarning(`Late-data listener threw an exception: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  }
}
