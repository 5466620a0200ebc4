/**
 * The lens's chart data that is not the scatter: the watermark as a step per trigger, the
 * window bands, each window's count over triggers with the triggers where late rows updated
 * it or were refused and where it was finalised and evicted, and state and dropped rows per
 * trigger. Pure functions over the decoded trace (lens-trace.ts), so they are tested without
 * a canvas.
 */
import type { LateDataTriggerInfo, ReplayTriggerStats } from '../../../engine/service/protocol';
import { LATE_ACCEPTED, type LensRows, type LensWindows } from './lens-trace';

export interface XY {
  readonly x: number;
  readonly y: number;
}

/**
 * The watermark late rows were judged against, as a step over arrival time (ms): from each
 * trigger's time on, that trigger's watermark for late events (the previous batch's).
 */
export function watermarkSteps(triggers: readonly LateDataTriggerInfo[]): XY[] {
  // Before the first watermark it is 0 (the epoch): drawn, it would squash every event time.
  const first = triggers.findIndex((t) => t.lateEventsWatermarkUs > 0);
  if (first < 0) return [];
  return triggers
    .slice(first)
    .map((t) => ({ x: t.arrivalUs / 1000, y: t.lateEventsWatermarkUs / 1000 }));
}

export interface WindowBand {
  readonly startMs: number;
  readonly endMs: number;
}

/** The distinct windows of the trace, by start (ms); none past `max` (bands would be noise). */
export function windowBands(windows: LensWindows, max = 400): WindowBand[] {
  const seen = new Map<string, WindowBand>();
  for (let i = 0; i < windows.startUs.length; i++) {
    const key = `${windows.startUs[i]}/${windows.endUs[i]}`;
    if (!seen.has(key))
      seen.set(key, { startMs: windows.startUs[i] / 1000, endMs: windows.endUs[i] / 1000 });
  }
  if (seen.size > max) return [];
  return [...seen.values()].sort((a, b) => a.startMs - b.startMs);
}

export type WindowMark = 'update' | 'late' | 'refused' | 'finalised' | 'evicted';

export interface WindowPoint {
  readonly batchId: number;
  /** Rows accepted into the window so far (its count, summed over keys). */
  readonly count: number;
  readonly mark: WindowMark;
}

export interface WindowHistory {
  readonly startMs: number;
  readonly endMs: number;
  readonly points: readonly WindowPoint[];
  readonly lateUpdates: number;
  readonly droppedRows: number;
}

/**
 * Each window's running count over the triggers that touched it. A point is marked, most
 * telling first: evicted (its state removed), finalised (emitted as final), refused (late
 * rows dropped for it), late (late rows counted in it), else a plain update. Windows with late
 * or dropped rows come first, then the newest; at most `max`.
 */
export function windowHistories(windows: LensWindows, rows: LensRows, max = 8): WindowHistory[] {
  const late = new Set<string>();
  for (let i = 0; i < rows.fate.length; i++) {
    if (rows.fate[i] === LATE_ACCEPTED) late.add(`${rows.batchId[i]}/${rows.windowStartUs[i]}`);
  }
  const byWindow = new Map<
    string,
    {
      startUs: number;
      endUs: number;
      points: WindowPoint[];
      lateUpdates: number;
      droppedRows: number;
      count: number;
    }
  >();
  for (let i = 0; i < windows.startUs.length; i++) {
    const key = `${windows.startUs[i]}/${windows.endUs[i]}`;
    let w = byWindow.get(key);
    if (w === undefined) {
      w = {
        startUs: windows.startUs[i],
        endUs: windows.endUs[i],
        points: [],
        lateUpdates: 0,
        droppedRows: 0,
        count: 0,
      };
      byWindow.set(key, w);
    }
    w.count += windows.accepted[i];
    w.droppedRows += windows.dropped[i];
    const wasLate = late.has(`${windows.batchId[i]}/${windows.startUs[i]}`);
    if (wasLate) w.lateUpdates++;
    const mark: WindowMark =
      windows.evicted[i] === 1
        ? 'evicted'
        : windows.finalised[i] === 1
          ? 'finalised'
          : windows.dropped[i] > 0
            ? 'refused'
            : wasLate
              ? 'late'
              : 'update';
    w.points.push({ batchId: windows.batchId[i], count: w.count, mark });
  }
  const all = [...byWindow.values()];
  const interesting = all
    .filter((w) => w.lateUpdates > 0 || w.droppedRows > 0)
    .sort((a, b) => b.startUs - a.startUs);
  const rest = all
    .filter((w) => w.lateUpdates === 0 && w.droppedRows === 0)
    .sort((a, b) => b.startUs - a.startUs);
  return [...interesting, ...rest]
    .slice(0, max)
    .sort((a, b) => a.startUs - b.startUs)
    .map((w) => ({
      startMs: w.startUs / 1000,
      endMs: w.endUs / 1000,
      points: w.points,
      lateUpdates: w.lateUpdates,
      droppedRows: w.droppedRows,
    }));
}

export interface TriggerSeries {
  readonly stateRows: XY[];
  /** The engine's numRowsDroppedByWatermark per trigger. */
  readonly droppedByWatermark: XY[];
  /** Input rows whose fate was DROPPED per trigger. */
  readonly droppedRows: XY[];
}

export function triggerSeries(triggers: readonly LateDataTriggerInfo[]): TriggerSeries {
  const known = triggers.filter((t) => t.numStateRows !== null);
  return {
    stateRows: known.map((t) => ({ x: t.batchId, y: t.numStateRows ?? 0 })),
    droppedByWatermark: known.map((t) => ({ x: t.batchId, y: t.numRowsDroppedByWatermark ?? 0 })),
    droppedRows: triggers.map((t) => ({ x: t.batchId, y: t.numDropped })),
  };
}

/** A replay variant's state rows per trigger (chart 4 draws both on one chart). */
export function replayStateSeries(triggers: readonly ReplayTriggerStats[]): XY[] {
  return triggers.map((t) => ({ x: t.batchId, y: t.numStateRows }));
}

/** Whether state grew at every trigger that read rows (the unbounded-state signature). */
export function stateKeepsGrowing(triggers: readonly ReplayTriggerStats[]): boolean {
  const withRows = triggers.filter((t) => t.numInputRows > 0);
  for (let i = 1; i < withRows.length; i++)
    if (withRows[i].numStateRows <= withRows[i - 1].numStateRows) return false;
  return withRows.length > 1;
}
