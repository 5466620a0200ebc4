/**
 * How host messages travel on the browser-mode WebSocket. JSON has no bytes, and base64
 * would inflate Arrow IPC by a third, so a message with binary payloads is split:
 *
 *   text frame:    the message as JSON, each Uint8Array replaced by {"$binary": k}
 *                  (k = 0, 1, …) and a top-level "$binaries": n
 *   binary frames: the n payloads, in order, right after it
 *
 * Frames on one socket arrive in order, so the client (renderer/src/lib/ws-transport.ts)
 * holds the text frame until its n binary frames have come. Messages without payloads are
 * a single text frame. The UI's requests carry no bytes: always one text frame of JSON.
 */
import type { HostMessage } from '../../engine/service/protocol';

export interface WireFrames {
  readonly text: string;
  readonly binaries: readonly Uint8Array[];
}

export function encodeHostMessage(message: HostMessage): WireFrames {
  const binaries: Uint8Array[] = [];
  const json = JSON.stringify(message, (_key, value: unknown) => {
    if (value instanceof Uint8Array) {
      binaries.push(value);
      return { $binary: binaries.length - 1 };
    }
    return value;
  });
  const text = binaries.length === 0 ? json : `{"$binaries":${binaries.length},${json.slice(1)}`;
  return { text, binaries };
}
