/**
 * Typed arrays handed to another thread as a copy on a SharedArrayBuffer, never by transfer.
 *
 * Why not transfer: moving an ArrayBuffer in postMessage's transfer list detaches it, and the
 * first detach in a thread invalidates V8's "array buffer detaching" protector for that
 * thread for good. From then on the optimised code of that thread checks, at every typed array
 * access, whether the buffer was detached. The JSON scanner reads bytes one at a time: a
 * decode worker that had transferred one batch decoded the next ones 18% slower (the
 * activity count's 10 files: 225 ms → 265 ms of thread CPU; the query thread, after one
 * transfer, 450 ms → 520 ms for all 20).
 *
 * A SharedArrayBuffer is shared by postMessage, not moved, so nothing is detached, and the
 * receiver reads the arrays where they are. The price is one copy in the sending thread.
 */
type SharableArray = Uint8Array | Int32Array | Float64Array;

/** `a` itself when it already spans a SharedArrayBuffer of its own, else a copy on a new one. */
export function sharedCopy<A extends SharableArray>(a: A): A {
  const { buffer } = a;
  if (buffer instanceof SharedArrayBuffer && a.byteOffset === 0 && a.byteLength === buffer.byteLength) return a;
  const copy = new (a.constructor as new (b: SharedArrayBuffer) => A)(new SharedArrayBuffer(a.byteLength));
  copy.set(a);
  return copy;
}
