/**
 * The handle `writeStream.start()` returns: PySpark's StreamingQuery over one run of a
 * StreamExecution. Everything that waits is async here (`stop`, `awaitTermination`,
 * `processAllAvailable`); the query runs on the event loop between those awaits.
 */
import { IllegalArgumentException, type StreamingQueryException } from '../errors';
import type { StreamingQueryProgress, StreamingQueryStatus } from './progress';
import type { StreamExecution } from './stream-execution';
import type { LateDataListener } from './late-data-trace';

export class StreamingQuery {
  constructor(
    private readonly execution: StreamExecution,
    /** The plan description `explain()` prints once a batch has run. */
    private readonly planDescription: () => string = () => '',
  ) {}

  /** Stable across restarts from the same checkpoint (stored in `<checkpoint>/metadata`). */
  get id(): string {
    return this.execution.id;
  }
  /** New for every start. */
  get runId(): string {
    return this.execution.runId;
  }
  get name(): string | null {
    return this.execution.name;
  }
  get isActive(): boolean {
    return this.execution.isActive;
  }
  get status(): StreamingQueryStatus {
    return this.execution.status;
  }
  get lastProgress(): StreamingQueryProgress | null {
    return this.execution.lastProgress;
  }
  get recentProgress(): StreamingQueryProgress[] {
    return this.execution.recentProgress;
  }

  /** The failure that ended the query, or null. */
  exception(): StreamingQueryException | null {
    return this.execution.exception;
  }

  /**
   * Tidemark's late-data trace: `listener` receives, after every trigger, each input row's
   * event time and fate (on time, late but accepted, dropped by the watermark), the
   * windows it fell into and the watermark before and after (see stream/late-data-trace.ts).
   * Recording starts with the first listener and stops with the last.
   */
  addLateDataListener(listener: LateDataListener): void {
    this.execution.addLateDataListener(listener);
  }
  removeLateDataListener(listener: LateDataListener): void {
    this.execution.removeLateDataListener(listener);
  }

  /** Stops the query once the batch in flight (if any) has finished. */
  stop(): Promise<void> {
    return this.execution.stop();
  }

  /**
   * Without a timeout: resolves when the query ends, rejects with its StreamingQueryException
   * if it failed. With one: resolves to whether it ended within `timeoutMs` (still rejecting
   * if it ended with a failure), as StreamingQuery.awaitTermination(timeoutMs).
   */
  awaitTermination(): Promise<void>;
  awaitTermination(timeoutMs: number): Promise<boolean>;
  async awaitTermination(timeoutMs?: number): Promise<void | boolean> {
    if (timeoutMs === undefined) {
      await this.execution.terminated;
      this.throwIfFailed();
      return;
    }
    if (!(timeoutMs > 0))
      throw new IllegalArgumentException(
        `requirement failed: Timeout has to be positive: ${timeoutMs}`,
      );
    let timer: NodeJS.Timeout | undefined;
    const ended = await Promise.race([
      this.execution.terminated.then(() => true),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      }),
    ]);
    clearTimeout(timer);
    if (ended) this.throwIfFailed();
    return ended;
  }

  /**
   * Resolves once all data available at the time of the call (and any no-data batch it
   * leads to) has been processed and committed; rejects if the query fails meanwhile.
   */
  processAllAvailable(): Promise<void> {
    return this.execution.processAllAvailable();
  }

  /** The query's plan, as `query.explain()` prints it; "No physical plan. Waiting for data." before a batch. */
  explain(): string {
    const text = this.execution.hasRunBatch
      ? `== Physical Plan ==\n${this.planDescription()}`
      : 'No physical plan. Waiting for data.';
    process.stdout.write(text + '\n');
    return text;
  }

  private throwIfFailed(): void {
    const e = this.execution.exception;
    if (e !== null) throw e;
  }

  toString(): string {
    return `<StreamingQuery id=${this.id} runId=${this.runId} name=${this.name ?? 'null'}>`;
  }
}
