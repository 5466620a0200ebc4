/**
 * `session.streams`: the session's active queries and its listeners, as Spark's
 * StreamingQueryManager (classic/StreamingQueryManager.scala). A query name may be used by
 * one active query at a time, and so may a query id (a checkpoint run twice at once).
 * awaitAnyTermination waits for any query to end since the last resetTerminated().
 */
import { IllegalArgumentException, type StreamingQueryException } from '../errors';
import { StreamingQueryListenerBus, type StreamingQueryListenerLike } from './listener';
import { IllegalStateException } from './stream-errors';
import { StreamExecution, type StreamExecutionInit } from './stream-execution';
import { StreamingQuery } from './streaming-query';

export class StreamingQueryManager {
  readonly listenerBus = new StreamingQueryListenerBus();
  private readonly activeQueries = new Map<string, StreamingQuery>();
  /** undefined: nothing ended since reset; null: ended cleanly; else the failure. */
  private lastTerminatedQueryException: StreamingQueryException | null | undefined = undefined;
  private waiters: (() => void)[] = [];

  /** `session` is the owning Session (kept for `query.sparkSession`-style access). */
  constructor(readonly session: object) {}

  get active(): StreamingQuery[] {
    return [...this.activeQueries.values()];
  }

  get(id: string): StreamingQuery | null {
    return this.activeQueries.get(id) ?? null;
  }

  /**
   * Checks that neither the name nor the id is in use by an active query (startQuery),
   * before the query starts running.
   */
  checkCanStart(name: string | null, id: string): void {
    if (name !== null && [...this.activeQueries.values()].some((q) => q.name === name)) {
      throw new IllegalArgumentException(
        `Cannot start query with name ${name} as a query with that name is already active in this SparkSession`,
      );
    }
    if (this.activeQueries.has(id)) {
      throw new IllegalStateException(
        `Cannot start query with id ${id} as another query with same id is already active. Perhaps you are attempting to restart a query from checkpoint that is already active. You may stop the old query by setting the SQL configuration: spark.conf.set("spark.sql.streaming.stopActiveRunOnRestart", true) and retry.`,
      );
    }
  }

  /**
   * startQuery: checks the name and id are free, registers the query as active, posts
   * QueryStartedEvent to the listeners and starts its loop.
   */
  startQuery(
    init: Omit<StreamExecutionInit, 'bus' | 'onTerminated'>,
    planDescription?: () => string,
  ): StreamingQuery {
    this.checkCanStart(init.name, init.id);
    let query: StreamingQuery | null = null;
    const execution = new StreamExecution({
      ...init,
      bus: this.listenerBus,
      onTerminated: () => {
        if (query !== null) this.notifyQueryTermination(query);
      },
    });
    query = new StreamingQuery(execution, planDescription);
    this.activeQueries.set(query.id, query);
    execution.start();
    return query;
  }

  /** notifyQueryTermination: called by a query's execution when it ends. */
  notifyQueryTermination(query: StreamingQuery): void {
    if (this.activeQueries.get(query.id) === query) this.activeQueries.delete(query.id);
    const failure = query.exception();
    if (this.lastTerminatedQueryException === undefined || failure !== null)
      this.lastTerminatedQueryException = failure;
    for (const w of this.waiters.splice(0)) w();
  }

  /**
   * Resolves when any query has terminated since the last resetTerminated() (at once if one
   * already has), rejecting with its exception if it failed; with a timeout, resolves to
   * whether one terminated in time.
   */
  awaitAnyTermination(): Promise<void>;
  awaitAnyTermination(timeoutMs: number): Promise<boolean>;
  async awaitAnyTermination(timeoutMs?: number): Promise<void | boolean> {
    if (timeoutMs !== undefined && !(timeoutMs > 0)) {
      throw new IllegalArgumentException(
        `requirement failed: Timeout has to be positive: ${timeoutMs}`,
      );
    }
    if (this.lastTerminatedQueryException === undefined) {
      let timer: NodeJS.Timeout | undefined;
      let wake: () => void = () => undefined;
      await new Promise<void>((resolve) => {
        wake = resolve;
        this.waiters.push(resolve);
        if (timeoutMs !== undefined) timer = setTimeout(resolve, timeoutMs);
      });
      clearTimeout(timer);
      this.waiters = this.waiters.filter((w) => w !== wake);
    }
    const last = this.lastTerminatedQueryException;
    if (last !== undefined && last !== null) throw last;
    return timeoutMs === undefined ? undefined : last !== undefined;
  }

  /** Forgets past terminations so awaitAnyTermination waits for a new one. */
  resetTerminated(): void {
    this.lastTerminatedQueryException = undefined;
  }

  addListener(listener: StreamingQueryListenerLike): void {
    this.listenerBus.add(listener);
  }
  removeListener(listener: StreamingQueryListenerLike): void {
    this.listenerBus.remove(listener);
  }
  listListeners(): StreamingQueryListenerLike[] {
    return this.listenerBus.list();
  }
}
