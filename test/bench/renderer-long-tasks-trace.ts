/**
 * What each long task of the page was, from a Chromium trace (CDP `Tracing`, the
 * devtools.timeline category the Performance panel records): the renderer main thread's
 * top-level tasks of 50 ms or more, each with the timeline events inside it (`FunctionCall`,
 * `Layout`, `UpdateLayoutTree`, `Paint`, `MajorGC`, WebSocket frames…) summed by name.
 * A CPU profile names JavaScript functions; this also names the browser's own work, which
 * the profile lumps together as `(program)`.
 */
import type { CDPSession } from 'playwright-core';

interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly ts: number;
  readonly dur?: number;
  readonly pid: number;
  readonly tid: number;
  readonly args?: { readonly name?: string; readonly data?: { readonly url?: string; readonly functionName?: string } };
}

export interface TracedTask {
  /** Since the first traced task, ms. */
  readonly startMs: number;
  readonly durationMs: number;
  /** `name total-ms`, largest first: the events directly inside the task and their children. */
  readonly inside: readonly string[];
}

const CATEGORIES = ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink'];

export async function startTrace(cdp: CDPSession): Promise<void> {
  await cdp.send('Tracing.start', {
    transferMode: 'ReturnAsStream',
    traceConfig: { includedCategories: CATEGORIES },
  });
}

/** Stops the trace and returns its events. */
export async function stopTrace(cdp: CDPSession): Promise<TraceEvent[]> {
  const complete = new Promise<string>((resolve) =>
    cdp.once('Tracing.tracingComplete', (e: { stream?: string }) => resolve(e.stream ?? '')),
  );
  await cdp.send('Tracing.end');
  const stream = await complete;
  let text = '';
  for (;;) {
    const chunk = await cdp.send('IO.read', { handle: stream, size: 1 << 22 });
    text += chunk.base64Encoded === true ? Buffer.from(chunk.data, 'base64').toString() : chunk.data;
    if (chunk.eof) break;
  }
  await cdp.send('IO.close', { handle: stream });
  const parsed = JSON.parse(text) as TraceEvent[] | { traceEvents: TraceEvent[] };
  return Array.isArray(parsed) ? parsed : parsed.traceEvents;
}

/** The main thread's tasks of `minMs` or more, each with what ran inside it. */
export function longTracedTasks(events: readonly TraceEvent[], minMs = 50, topN = 8): TracedTask[] {
  // The page moves to a new renderer process when it leaves about:blank: the app's main
  // thread is the renderer main thread that ran the longest.
  const mains = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const busy = (m: TraceEvent): number =>
    events.reduce((n, e) => (e.pid === m.pid && e.tid === m.tid && isTask(e) ? n + (e.dur ?? 0) : n), 0);
  const main = mains.map((m) => ({ m, busy: busy(m) })).sort((a, b) => b.busy - a.busy)[0]?.m;
  if (main === undefined) return [];
  const onMain = events
    .filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const tasks = onMain.filter(isTask);
  const origin = tasks[0]?.ts ?? 0;
  const out: TracedTask[] = [];
  let j = 0;
  let coveredUntil = -1;
  for (const task of tasks) {
    // RunTask and ThreadControllerImpl::RunTask nest around the same work: count the outer one.
    if (task.ts < coveredUntil) continue;
    coveredUntil = task.ts + task.dur!;
    if (task.dur! < minMs * 1000) continue;
    const end = task.ts + task.dur!;
    while (j < onMain.length && onMain[j].ts < task.ts) j++;
    const byName = new Map<string, number>();
    for (let k = j; k < onMain.length && onMain[k].ts < end; k++) {
      const e = onMain[k];
      if (e === task || isTask(e)) continue;
      const what = e.name === 'FunctionCall' ? `FunctionCall ${e.args?.data?.functionName || '(anonymous)'}` : e.name;
      byName.set(what, (byName.get(what) ?? 0) + e.dur!);
    }
    out.push({
      startMs: (task.ts - origin) / 1000,
      durationMs: task.dur! / 1000,
      inside: [...byName.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, topN)
        .map(([name, us]) => `${name} ${(us / 1000).toFixed(0)}`),
    });
  }
  return out;
}

function isTask(e: TraceEvent): boolean {
  return e.ph === 'X' && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask');
}
