/**
 * The engine worker's entry point: runs one EngineService on a worker thread, so queries
 * never run on the Electron main thread or the browser-mode server's event loop (DESIGN.md:
 * "heavy work never runs on the Electron main thread"). main/engine-host.ts starts it.
 *
 * Arrow IPC bytes leave by transfer (postMessage's transfer list), so a result table is
 * handed over, not copied, on its way to the host.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { EngineService } from './engine-service';
import type { HostMessage } from './protocol';
import type { EngineWorkerConfig, FromWorker, ToWorker } from './worker-messages';

const port = parentPort;
if (port === null)
  throw new Error(
    'engine/service/worker-entry.ts must run in a worker thread (main/engine-host.ts starts it)',
  );
const config = workerData as EngineWorkerConfig;

const post = (message: FromWorker): void => port.postMessage(message, transferables(message));
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

/**
 * The Arrow buffers a message carries. Only a buffer the bytes fill exactly is transferred:
 * a view into a larger buffer may share it with something still in use here, so that one
 * is copied by structured clone instead.
 */
function transferables(message: FromWorker): ArrayBuffer[] {
  const bytes = ipcOf(message);
  if (bytes === undefined) return [];
  const { buffer } = bytes;
  return buffer instanceof ArrayBuffer &&
    bytes.byteOffset === 0 &&
    bytes.byteLength === buffer.byteLength
    ? [buffer]
    : [];
}

function ipcOf(message: FromWorker): Uint8Array | undefined {
  if (message.kind === 'event')
    return message.event.type === 'triggerResult' ? message.event.table.ipc : undefined;
  if (message.kind === 'response' && message.ok) {
    const result = (message as Extract<HostMessage, { ok: true }>).result as { ipc?: unknown };
    return result !== null && typeof result === 'object' && result.ipc instanceof Uint8Array
      ? result.ipc
      : undefined;
  }
  return undefined;
}
