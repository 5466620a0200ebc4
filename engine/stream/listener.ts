/**
 * StreamingQueryListener and its events, in the shapes of Spark 4's
 * sql/api/.../streaming/StreamingQueryListener.scala. Listeners are registered on the
 * session's StreamingQueryManager and hear about every query of that session.
 *
 * As in Spark's StreamingQueryListenerBus (a ListenerBus), a listener that throws (or whose
 * promise rejects) is reported and skipped: it never stops the query or the other listeners.
 */
import type { StreamingQueryProgress } from './progress';
import { compactJson, prettyJson, type JValue } from './progress-json';

export class QueryStartedEvent {
  constructor(
    readonly id: string,
    readonly runId: string,
    readonly name: string | null,
    /** Start time, `yyyy-MM-dd'T'HH:mm:ss.SSS'Z'`. */
    readonly timestamp: string,
  ) {}
  json(): string {
    return compactJson({
      id: this.id,
      runId: this.runId,
      name: this.name,
      timestamp: this.timestamp,
    });
  }
}

export class QueryProgressEvent {
  constructor(readonly progress: StreamingQueryProgress) {}
  json(): string {
    return compactJson({ progress: this.progress.jsonValue() });
  }
}

/** Posted when a trigger found nothing to do, at most every noDataProgressEventInterval. */
export class QueryIdleEvent {
  constructor(
    readonly id: string,
    readonly runId: string,
    readonly timestamp: string,
  ) {}
  json(): string {
    return compactJson({ id: this.id, runId: this.runId, timestamp: this.timestamp });
  }
}

export class QueryTerminatedEvent {
  constructor(
    readonly id: string,
    readonly runId: string,
    /** The failure's message (with its class), or null for a clean stop. */
    readonly exception: string | null,
    readonly errorClassOnException: string | null,
  ) {}
  jsonValue(): JValue {
    return {
      id: this.id,
      runId: this.runId,
      exception: this.exception ?? undefined,
      errorClassOnException: this.errorClassOnException ?? undefined,
    };
  }
  json(): string {
    return compactJson(this.jsonValue());
  }
  prettyJson(): string {
    return prettyJson(this.jsonValue());
  }
}

/** Override the callbacks you need (Spark's abstract class; every callback defaults to nothing). */
export abstract class StreamingQueryListener {
  /** Called synchronously from `start()`, before it returns. */
  onQueryStarted(_event: QueryStartedEvent): void | Promise<void> {}
  onQueryProgress(_event: QueryProgressEvent): void | Promise<void> {}
  onQueryIdle(_event: QueryIdleEvent): void | Promise<void> {}
  onQueryTerminated(_event: QueryTerminatedEvent): void | Promise<void> {}
}

/** Anything with some of the callbacks (a plain object works as well as a subclass). */
export type StreamingQueryListenerLike = Partial<
  Pick<
    StreamingQueryListener,
    'onQueryStarted' | 'onQueryProgress' | 'onQueryIdle' | 'onQueryTerminated'
  >
>;

export type StreamingQueryEvent =
  QueryStartedEvent | QueryProgressEvent | QueryIdleEvent | QueryTerminatedEvent;

/** Delivers events to listeners, isolating their failures (StreamingQueryListenerBus). */
export class StreamingQueryListenerBus {
  private readonly listeners: StreamingQueryListenerLike[] = [];

  constructor(
    private readonly reportError: (error: unknown, listener: StreamingQueryListenerLike) => void = (
      error,
    ) =>
      process.emitWarning(
        `Listener threw an exception: ${error instanceof Error ? error.message : String(error)}`,
      ),
  ) {}

  add(listener: StreamingQueryListenerLike): void {
    if (!this.listeners.includes(listener)) this.listeners.push(listener);
  }
  remove(listener: StreamingQueryListenerLike): void {
    const i = this.listeners.indexOf(listener);
    if (i >= 0) this.listeners.splice(i, 1);
  }
  list(): StreamingQueryListenerLike[] {
    return [...this.listeners];
  }

  post(event: StreamingQueryEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        const result = dispatch(listener, event);
        if (result instanceof Promise) result.catch((e: unknown) => this.reportError(e, listener));
      } catch (e) {
        this.reportError(e, listener);
      }
    }
  }
}

function dispatch(l: StreamingQueryListenerLike, event: StreamingQueryEvent): void | Promise<void> {
  if (event instanceof QueryStartedEvent) return l.onQueryStarted?.(event);
  if (event instanceof QueryProgressEvent) return l.onQueryProgress?.(event);
  if (event instanceof QueryIdleEvent) return l.onQueryIdle?.(event);
  return l.onQueryTerminated?.(event);
}
