/**
 * The engine worker's entry point: runs one EngineService on a worker thread, so queries
 * never run on the Electron main thread or the browser-mode server's event loop (DESIGN.md:
 * "heavy work never runs on the Electron main thread"). main/engine-host.ts starts it.
 *
 * Messages leave without a transfer list: Arrow IPC bytes are copied by structured clone
 * (a result table is a page of rows). Transferring them would detach an ArrayBuffer here, and
 * the first detach makes every typed array access of this thread's optimised code check for
 * detached buffers: the queries would decode and aggregate about 15% slower from then on
 * (engine/io/parallel/shared-copy.ts has the measurement).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { EngineService } from './engine-service';
import type { EngineWorkerConfig, FromWorker, ToWorker } from './worker-messages';

const port = parentPort;
if (port === null)
  throw new Error(
    'engine/service/worker-entry.ts must run in a worker thread (main/engine-host.ts starts it)',
  );
const config = workerData as EngineWorkerConfig;

const post = (message: FromWorker): void => port.postMessage(message);
const service = new EngineService({
  demo: config.demo,
  ...(config.checkpointRoot !== undefined ? { checkpointRoot: config.checkpointRoot } : {}),
  onEvent: (event) => post({ kind: 'event', event }),
});

port.on('message', (message: ToWorker) => {
  if (message.kind === 'shutdown') {
    void service.stop().finally(() => post({ kind: 'stopped' }));
    return;
  }
  void service.handle(message.request).then(post);
});

if (config.startDemo) {
  service.startDemo().catch((e: unknown) => {
    console.error(
      `tidemark: the demo did not start: ${e instanceof Error ? e.message : String(e)}`,
    );
  });
}
