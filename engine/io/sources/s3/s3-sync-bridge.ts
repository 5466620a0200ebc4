/**
 * Synchronous S3 calls for schema inference, which runs while a DataFrame is defined
 * (DataFrameReader.load infers eagerly, as Spark's DataSource.resolveRelation does) and so
 * cannot await the AWS SDK. A worker thread makes the calls; the calling thread posts a
 * request on a MessagePort, sleeps in Atomics.wait on a shared counter until the worker
 * bumps it, then takes the reply with receiveMessageOnPort (the pattern of the `synckit`
 * package). Only inference uses this; streaming and batch reads stay asynchronous.
 *
 * Never blocks forever: each call waits at most `timeoutMs`, then the worker is terminated
 * and the call fails with S3_ERROR.TimeoutError naming the URI. Atomics.wait is refused on
 * a browser's main thread, which never runs the engine (it runs in the engine worker, the
 * browser-mode host or the CLI).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  MessageChannel,
  receiveMessageOnPort,
  type MessagePort,
  type Worker,
} from 'node:worker_threads';
import { decodeError } from '../../parallel/error-codec';
import { startWorker } from '../../parallel/worker-script';
import { s3Error } from './s3-errors';
import type {
  S3SyncReply,
  S3SyncRequest,
  S3SyncResult,
  S3SyncWorkerData,
} from './s3-sync-messages';

/** How long one call (a listing, or the GETs of a few objects) may take. */
export const S3_SYNC_TIMEOUT_MS = 60_000;

/** A request without its id (distributed over the union, so each op keeps its own fields). */
type WithoutId<R> = R extends unknown ? Omit<R, 'id'> : never;
type RequestBody = WithoutId<S3SyncRequest>;

export class S3SyncBridge {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly wake: Int32Array;
  private nextId = 0;
  private closed = false;

  /** `endpoint` names the endpoint in a timeout's message, as the store's own errors do. */
  constructor(
    private readonly endpoint: string | undefined,
    private readonly timeoutMs = S3_SYNC_TIMEOUT_MS,
  ) {
    const signal = new SharedArrayBuffer(4);
    this.wake = new Int32Array(signal);
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const here = import.meta.url;
    // The build emits s3-sync-worker.js next to engine-worker.js; should the bundler move this
    // module into its shared chunks/ folder, the entry is one level up (as decode-pool.ts).
    const built = new URL(
      here.includes('/chunks/') ? '../s3-sync-worker.js' : './s3-sync-worker.js',
      here,
    );
    const fromSources = here.endsWith('.ts');
    // A worker that cannot load its entry fails on the event loop this thread is about to
    // block, so a build missing the entry would look like a silent endpoint: check it first.
    if (!fromSources && built.protocol === 'file:' && !existsSync(fileURLToPath(built)))
      throw new Error(`The S3 inference worker ${fileURLToPath(built)} is missing from the build`);
    this.worker = startWorker(
      { built, source: new URL('./s3-sync-worker.ts', here) },
      fromSources,
      {
        workerData: { port: port2, signal } satisfies S3SyncWorkerData,
        transferList: [port2],
      },
    );
    // The caller blocks while the worker works, so it never needs the worker to keep it alive.
    this.worker.unref();
    this.port.unref();
  }

  /**
   * Sends `body` and blocks until its reply. `operation` and `uri` name the call in a
   * timeout's message (`ListObjectsV2 on s3://…`).
   */
  call<B extends RequestBody>(body: B, operation: string, uri: string): S3SyncResult<B['op']> {
    if (this.closed) throw new Error('The S3 inference worker was closed');
    const id = this.nextId++;
    let seen = Atomics.load(this.wake, 0);
    this.port.postMessage({ ...body, id } as S3SyncRequest);
    const deadline = Date.now() + this.timeoutMs;
    for (;;) {
      const received = receiveMessageOnPort(this.port);
      if (received !== undefined) {
        const reply = received.message as S3SyncReply;
        // Calls run one at a time and a timed-out bridge is closed, so only this call's reply
        // can arrive; anything else is dropped rather than taken for it.
        if (reply.id !== id) continue;
        if (!reply.ok) throw decodeError(reply.error);
        return reply as unknown as S3SyncResult<B['op']>;
      }
      const left = deadline - Date.now();
      if (left <= 0) throw this.timedOut(operation, uri);
      // Returns at once if the worker bumped the counter since `seen` (a reply is queued).
      Atomics.wait(this.wake, 0, seen, left);
      seen = Atomics.load(this.wake, 0);
    }
  }

  /** Ends the worker (its sockets go with it). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.port.close();
    void this.worker.terminate();
  }

  private timedOut(operation: string, uri: string): Error {
    this.close();
    const seconds = Math.round(this.timeoutMs / 1000);
    const cause = Object.assign(
      new Error(
        `no answer within ${seconds} s while inferring the schema; give the source a schema to skip inference`,
      ),
      { name: 'TimeoutError' },
    );
    return s3Error(operation, uri, this.endpoint, cause);
  }
}
