/**
 * Chart.js work, one chart per task. Making a chart (context, styles, resize observer,
 * layout) costs 20–60 ms, and a view mounts several at once: the dashboard's charts made in
 * the one task that mounts it took 150–350 ms while a query caught up, far over the 50 ms a
 * responsive page allows (issue 8). Queued, each chart draws in its own task, and the page
 * handles input and paints between them.
 *
 * A job already queued is not queued twice (a chart asking to redraw again before its turn
 * draws once, with the newest data, since jobs read their data when they run).
 */

export interface Scheduler {
  setTimeout(fn: () => void, ms: number): unknown;
}

export class ChartQueue {
  private readonly jobs: (() => void)[] = [];
  private scheduled = false;

  constructor(private readonly scheduler: Scheduler = { setTimeout: (fn, ms) => setTimeout(fn, ms) }) {}

  /** Runs `job` in a task of its own after those queued before it; returns its cancel. */
  queue(job: () => void): () => void {
    if (!this.jobs.includes(job)) this.jobs.push(job);
    this.schedule();
    return () => {
      const i = this.jobs.indexOf(job);
      if (i >= 0) this.jobs.splice(i, 1);
    };
  }

  /** Jobs waiting (for tests). */
  get pending(): number {
    return this.jobs.length;
  }

  private schedule(): void {
    if (this.scheduled || this.jobs.length === 0) return;
    this.scheduled = true;
    this.scheduler.setTimeout(() => this.runOne(), 0);
  }

  private runOne(): void {
    this.scheduled = false;
    const job = this.jobs.shift();
    try {
      job?.();
    } finally {
      this.schedule();
    }
  }
}

/** The page's one queue: every chart of every view takes its turn in it. */
export const chartQueue = new ChartQueue();
