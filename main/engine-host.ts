/**
 * Starts and supervises the engine worker (engine/service/worker-entry.ts on a
 * worker_threads Worker) and relays the host API to it. Both hosts use it: Electron's main
 * process and the browser-mode server. It holds no query logic.
 *
 * - Requests get host-wide ids here, so each UI connection can number its own from 1; the
 *   relay maps responses back (`call`).
 * - If the worker dies, every pending request is answered with an error, a new worker is
 *   started (after a back-off when it keeps dying) and `engineRestarted` is reported.
 * - Arrow IPC bytes arrive transferred from the worker (no copy); callers pass them on.
 */
import type { Worker } from 'node:worker_threads';
import type {
  EngineEvent,
  ErrorInfo,
  HostResponse,
  RequestBody,
  RequestResults,
  RequestType,
} from '../engine/service/protocol';
import type { EngineWorkerConfig, FromWorker, ToWorker } from '../engine/service/worker-messages';
import { startWorker } from '../engine/io/parallel/worker-script';

export interface EngineHostOptions {
  readonly config: EngineWorkerConfig;
  readonly onEvent: (event: EngineEvent) => void;
  /** Builds a worker for `config` (tests wrap the default to watch or kill it). */
  readonly createWorker?: (config: EngineWorkerConfig) => Worker;
  /** How long `stop()` waits for the worker to stop its queries before terminating it. */
  readonly stopTimeoutMs?: number;
}

/** A request the engine answered with `ok: false`, as a throwable. */
export class EngineRequestError extends Error {
  constructor(readonly info: ErrorInfo) {
    super(info.message);
    this.name = info.name;
  }
}

/** Crashes closer together than this count as a crash loop and back off. */
const CRASH_LOOP_WINDOW_MS = 10_000;
const MAX_BACKOFF_MS = 30_000;

export class EngineHost {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, (response: HostResponse) => void>();
  private stopping = false;
  private restarts = 0;
  private lastCrashAt = 0;
  private backoffMs = 0;
  private restartTimer: NodeJS.Timeout | null = null;
  private onStopped: (() => void) | null = null;

  constructor(private readonly options: EngineHostOptions) {}

  /** Starts the worker (once). */
  start(): void {
    if (this.worker !== null || this.stopping) return;
    const worker = (this.options.createWorker ?? createEngineWorker)(this.options.config);
    this.worker = worker;
    worker.on('message', (message: FromWorker) => this.onMessage(message));
    worker.on('error', (error) =>
      this.onCrash(worker, `the engine failed: ${error.stack ?? error.message}`),
    );
    worker.on('exit', (code) => this.onCrash(worker, `the engine exited with code ${code}`));
  }

  /** How many times the worker has been restarted after dying. */
  get restartCount(): number {
    return this.restarts;
  }

  /** Sends one request; the response carries the host's id, not the caller's. */
  call(body: RequestBody): Promise<HostResponse> {
    const id = this.nextId++;
    const worker = this.worker;
    if (worker === null) {
      const why = this.stopping
        ? 'the engine was stopped'
        : 'the engine is restarting; try again in a moment';
      return Promise.resolve({ kind: 'response', id, ok: false, error: engineDown(why) });
    }
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      const message: ToWorker = { kind: 'request', request: { ...body, id } };
      worker.postMessage(message);
    });
  }

  /** `call` for callers inside the host: resolves the typed result, or throws EngineRequestError. */
  async request<T extends RequestType>(
    body: Extract<RequestBody, { type: T }>,
  ): Promise<RequestResults[T]> {
    const response = await this.call(body);
    if (!response.ok) throw new EngineRequestError(response.error);
    return response.result as RequestResults[T];
  }

  /** Stops the queries (waiting up to stopTimeoutMs) and the worker; no restart after this. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.restartTimer !== null) clearTimeout(this.restartTimer);
    const worker = this.worker;
    if (worker === null) return;
    const stopped = new Promise<void>((resolve) => {
      this.onStopped = resolve;
      worker.once('exit', () => resolve());
    });
    worker.postMessage({ kind: 'shutdown' } satisfies ToWorker);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      stopped,
      new Promise<void>(
        (resolve) => (timer = setTimeout(resolve, this.options.stopTimeoutMs ?? 5000)),
      ),
    ]);
    clearTimeout(timer);
    await worker.terminate();
    this.worker = null;
    this.failPending('the engine was stopped');
  }

  private onMessage(message: FromWorker): void {
    switch (message.kind) {
      case 'response': {
        const resolve = this.pending.get(message.id);
        this.pending.delete(message.id);
        resolve?.(message);
        return;
      }
      case 'event':
        this.options.onEvent(message.event);
        return;
      case 'stopped':
        this.onStopped?.();
        return;
    }
  }

  /** 'error' and 'exit' both land here; only the first for a given worker counts. */
  private onCrash(worker: Worker, reason: string): void {
    if (this.worker !== worker || this.stopping) return;
    this.worker = null;
    void worker.terminate();
    this.failPending(reason);
    const now = Date.now();
    this.backoffMs =
      now - this.lastCrashAt < CRASH_LOOP_WINDOW_MS
        ? Math.min(MAX_BACKOFF_MS, Math.max(500, this.backoffMs * 2))
        : 0;
    this.lastCrashAt = now;
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      if (this.stopping) return;
      this.restarts++;
      this.start();
      this.options.onEvent({ type: 'engineRestarted', reason, restarts: this.restarts });
    }, this.backoffMs);
  }

  private failPending(reason: string): void {
    for (const [id, resolve] of this.pending)
      resolve({ kind: 'response', id, ok: false, error: engineDown(reason) });
    this.pending.clear();
  }
}

function engineDown(message: string): ErrorInfo {
  return { name: 'EngineUnavailable', errorClass: null, sqlState: null, message };
}

/**
 * The real worker. A build (electron-vite) emits the entry as out/main/engine-worker.js next
 * to this module; from sources (tsx, vitest) startWorker bootstraps tsx in the worker.
 */
export function createEngineWorker(config: EngineWorkerConfig): Worker {
  const here = import.meta.url;
  return startWorker(
    { built: new URL('./engine-worker.js', here), source: new URL('../engine/service/worker-entry.ts', here) },
    here.endsWith('.ts'),
    { workerData: config },
  );
}
