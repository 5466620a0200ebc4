/**
 * How host messages travel on the browser-mode WebSocket. JSON has no bytes, and base64
 * would inflate Arrow IPC by a third, so a message with binary payloads is split:
 *
 *   text frame:    the message as JSON, each Uint8Array replaced by {"$binary": k}
 *                  (k = 0, 1, …) and a top-level "$binaries": n (the binary frames that follow)
 *   binary frames: the payloads, in order, right after it
 *
 * A payload over FRAME_BYTES goes as several frames of at most FRAME_BYTES (views of it, not
 * copies), and the header then says how: "$parts": frames per payload, "$sizes": bytes per
 * payload. Why: a browser turns one WebSocket message into one task, and receiving a 1M-row
 * table as one 100 MB message held the page's main thread for 60–300 ms (issue 8: no task over
 * 50 ms); in frames of 1 MiB each task copies 1 MiB into a buffer allocated up front.
 *
 * Frames on one socket arrive in order, so the client (renderer/src/lib/ws-transport.ts)
 * holds the text frame until its binary frames have come. Messages without payloads are a
 * single text frame. The UI's requests carry no bytes: always one text frame of JSON.
 */
import type { HostMessage } from '../../engine/service/protocol';

/** The largest binary frame sent; bigger payloads are split (see above). */
export const FRAME_BYTES = 1024 * 1024;

export interface WireFrames {
  readonly text: string;
  /** The binary frames, in order ("$binaries" of them). */
  readonly binaries: readonly Uint8Array[];
}

export function encodeHostMessage(message: HostMessage, frameBytes: number = FRAME_BYTES): WireFrames {
  const payloads: Uint8Array[] = [];
  const json = JSON.stringify(message, (_key, value: unknown) => {
    if (value instanceof Uint8Array) {
      payloads.push(value);
      return { $binary: payloads.length - 1 };
    }
    return value;
  });
  if (payloads.length === 0) return { text: json, binaries: [] };
  const binaries: Uint8Array[] = [];
  const parts: number[] = [];
  for (const p of payloads) {
    const before = binaries.length;
    if (p.byteLength <= frameBytes) binaries.push(p);
    else for (let at = 0; at < p.byteLength; at += frameBytes) binaries.push(p.subarray(at, at + frameBytes));
    parts.push(binaries.length - before);
  }
  const split = binaries.length > payloads.length;
  const layout = split
    ? `"$parts":${JSON.stringify(parts)},"$sizes":${JSON.stringify(payloads.map((p) => p.byteLength))},`
    : '';
  return { text: `{"$binaries":${binaries.length},${layout}${json.slice(1)}`, binaries };
}
