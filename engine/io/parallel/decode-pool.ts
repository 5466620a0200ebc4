/**
 * The process's decode workers (one pool per engine): created on first use, grown to the
 * largest parseThreads asked for, shared by every query. Workers are unref()ed while idle,
 * so the pool never keeps a process alive, and ref()ed while they hold a task, so a process
 * waiting on a batch does not exit under it. `shutdownDecodePool()` ends them (Session.stop
 * calls it); at process exit Node ends worker threads itself, and a nested pool (inside the
 * engine's own worker) ends with that worker.
 *
 * A worker that dies (out of memory, a crash, terminate) fails every task it held with
 * PARSE_WORKER_EXITED naming the file, never leaving a batch waiting; it leaves the pool and
 * the next task starts a new one.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { SparkRuntimeException } from '../../errors';
import type { DecodeReply, DecodeTask } from './decode-messages';
import { displayUri } from './read-one-file';
import { startWorker } from './worker-script';

interface Pending {
  readonly path: string;
  readonly resolve: (reply: DecodeReply) => void;
  readonly reject: (error: unknown) => void;
}

interface PoolWorker {
  readonly worker: Worker;
  readonly pending: Map<number, Pending>;
  dead: boolean;
}

export class DecodePool {
  private readonly workers: PoolWorker[] = [];
  private nextId = 0;
  private closed = false;

  /**
   * Decodes one file on worker `lane` (started as needed). Tasks of one worker run in the
   * order they were sent.
   */
  run(task: Omit<DecodeTask, 'id'>, lane: number): Promise<DecodeReply> {
    if (this.closed) return Promise.reject(new Error('The decode pool was shut down'));
    while (this.workers.length <= lane) this.workers.push(this.spawn());
    const chosen = this.workers[lane];
    const id = this.nextId++;
    return new Promise<DecodeReply>((resolve, reject) => {
      if (chosen.pending.size === 0) chosen.worker.ref();
      chosen.pending.set(id, { path: task.path, resolve, reject });
      // No transfer list: bytes come on a SharedArrayBuffer (shared-copy.ts says why).
      chosen.worker.postMessage({ ...task, id } satisfies DecodeTask);
    });
  }

  /** The live workers (diagnostics and tests). */
  get threads(): readonly Worker[] {
    return this.workers.map((w) => w.worker);
  }

  /** Workers holding at least one task. */
  busyThreads(): Worker[] {
    return this.workers.filter((w) => w.pending.size > 0).map((w) => w.worker);
  }

  async shutdown(): Promise<void> {
    this.closed = true;
    const all = this.workers.splice(0, this.workers.length);
    await Promise.all(all.map((w) => w.worker.terminate()));
  }

  private spawn(): PoolWorker {
    const here = import.meta.url;
    // The build emits decode-worker.js next to engine-worker.js; should the bundler move this
    // module into its shared chunks/ folder, the entry is one level up.
    const built = new URL(here.includes('/chunks/') ? '../decode-worker.js' : './decode-worker.js', here);
    const worker = startWorker(
      { built, source: new URL('./decode-worker.ts', here) },
      here.endsWith('.ts'),
    );
    worker.unref();
    const entry: PoolWorker = { worker, pending: new Map(), dead: false };
    worker.on('message', (reply: DecodeReply) => {
      const p = entry.pending.get(reply.id);
      if (p === undefined) return;
      entry.pending.delete(reply.id);
      if (entry.pending.size === 0) worker.unref();
      p.resolve(reply);
    });
    worker.on('error', (e) => this.retire(entry, e.message));
    worker.on('messageerror', (e) => this.retire(entry, `a reply could not be read (${e.message})`));
    worker.on('exit', (code) => this.retire(entry, `it exited with code ${code}`));
    return entry;
  }

  /** Takes a dead worker out of the pool and fails what it held. */
  private retire(entry: PoolWorker, reason: string): void {
    if (!entry.dead) {
      entry.dead = true;
      const i = this.workers.indexOf(entry);
      if (i >= 0) this.workers.splice(i, 1);
      void entry.worker.terminate();
    }
    for (const [id, p] of entry.pending) {
      entry.pending.delete(id);
      p.reject(workerExited(p.path, reason));
    }
  }
}

function workerExited(path: string, reason: string): SparkRuntimeException {
  const uri = displayUri(path);
  return new SparkRuntimeException(
    'PARSE_WORKER_EXITED',
    `The thread decoding ${uri} stopped before it finished: ${reason}. The batch failed; the next one starts a new thread. ` +
      "If it keeps happening (a file too large for a thread's memory), set 'spark.tidemark.source.parseThreads' to 1 to decode in the query's own thread.",
    { messageParameters: { path: uri, reason }, context: { file: path } },
  );
}

let pool: DecodePool | null = null;

/** The process's pool, created on first use. */
export function decodePool(): DecodePool {
  pool ??= new DecodePool();
  return pool;
}

/** Ends the pool's workers; the next batch that needs them starts a new pool. */
export async function shutdownDecodePool(): Promise<void> {
  const p = pool;
  pool = null;
  if (p !== null) await p.shutdown();
}

/** spark.tidemark.source.parseThreads when unset: every core this process may use. */
export function defaultParseThreads(): number {
  return availableParallelism();
}
