/**
 * The S3 inference worker's entry (s3-sync-bridge.ts starts it): answers each request on its
 * port with the S3 store the streaming source uses (s3-file-store.ts), so the listing rules,
 * requester pays, credentials and errors (S3_ERROR.*, FAILED_READ_FILE.*) are exactly the
 * source's. After posting a reply it bumps the shared counter and wakes the calling thread,
 * which sleeps in Atomics.wait meanwhile. Emitted as out/main/s3-sync-worker.js by the build
 * (electron.config.ts).
 */
import { workerData } from 'node:worker_threads';
import { encodeError } from '../../parallel/error-codec';
import { readFileBytes } from '../../parallel/read-one-file';
import type { SourceWarning } from '../../source';
import type { ListingRules } from '../file-listing';
import { compileGlobList, DEFAULT_IGNORE_FILE_PATTERNS } from '../file-name-filter';
import { compileGlob } from '../glob-pattern';
import { S3FileStore } from './s3-file-store';
import type {
  S3SyncListingOptions,
  S3SyncReply,
  S3SyncRequest,
  S3SyncWorkerData,
} from './s3-sync-messages';

const { port, signal } = workerData as S3SyncWorkerData;
const wake = new Int32Array(signal);
let store: S3FileStore | undefined;

port.on('message', (request: S3SyncRequest) => {
  void answer(request).then((reply) => {
    try {
      port.postMessage(reply, transferables(reply));
    } catch (e) {
      // A reply that cannot be posted still wakes the caller, with the reason.
      port.postMessage({ id: request.id, ok: false, error: encodeError(e) } satisfies S3SyncReply);
    }
    // The reply is queued on the port before the caller wakes, so its receiveMessageOnPort finds it.
    Atomics.add(wake, 0, 1);
    Atomics.notify(wake, 0);
  });
});

async function answer(request: S3SyncRequest): Promise<S3SyncReply> {
  try {
    if (request.op === 'list') {
      store?.close();
      store = new S3FileStore(request.uri, request.settings);
      const listed = await store.list(listingRules(request.listing));
      return {
        id: request.id,
        ok: true,
        listed: listed.map((f) => ({ path: f.path, size: f.size })),
      };
    }
    const from = store;
    if (from === undefined) throw new Error('The S3 inference worker got a read before a listing');
    const warnings: SourceWarning[] = [];
    const objects = await Promise.all(
      request.paths.map(async (path) => ({
        path,
        data: await readFileBytes(
          path,
          request.ignoreMissingFiles,
          warnings,
          false,
          from.readBytes,
        ),
      })),
    );
    return { id: request.id, ok: true, objects };
  } catch (e) {
    return { id: request.id, ok: false, error: encodeError(e) };
  }
}

/** The rules readStaticFiles lists a source's path with (static-files.ts). */
function listingRules(o: S3SyncListingOptions): ListingRules {
  return {
    recursiveFileLookup: o.recursiveFileLookup,
    ...(o.pathGlobFilter === undefined ? {} : { pathGlobFilter: compileGlob(o.pathGlobFilter) }),
    isIgnoredName: compileGlobList(o.ignoreFilePatterns ?? DEFAULT_IGNORE_FILE_PATTERNS),
  };
}

/**
 * Objects' buffers are moved, not copied, when they own the whole buffer; a view into a
 * pooled buffer is copied by the structured clone instead (moving it would detach others).
 */
function transferables(reply: S3SyncReply): ArrayBuffer[] {
  if (!reply.ok || !('objects' in reply)) return [];
  const out: ArrayBuffer[] = [];
  for (const o of reply.objects) {
    const d = o.data;
    if (
      d !== null &&
      d.buffer instanceof ArrayBuffer &&
      d.byteOffset === 0 &&
      d.byteLength === d.buffer.byteLength &&
      !out.includes(d.buffer)
    )
      out.push(d.buffer);
  }
  return out;
}
