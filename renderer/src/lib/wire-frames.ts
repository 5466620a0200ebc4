/**
 * Puts host messages back together from the browser-mode WebSocket's frames
 * (main/web/wire-format.ts): a JSON text frame, then "$binaries" binary frames that replace
 * its {"$binary": k} placeholders. A payload sent in several frames ("$parts", "$sizes") is
 * copied frame by frame into a buffer of its full size allocated when its first frame
 * comes, so each frame — one task in the page — costs one frame's copy, never the whole
 * table's (issue 8: no main-thread task over 50 ms).
 */

interface Pending {
  readonly header: Record<string, unknown>;
  /** Binary frames still to come. */
  remaining: number;
  readonly payloads: Uint8Array[];
  /** Frames per payload, and bytes per payload (only for a split message). */
  readonly parts: readonly number[] | null;
  readonly sizes: readonly number[] | null;
  /** The payload being filled, its frames so far and its bytes so far. */
  payload: number;
  framesIn: number;
  filled: number;
}

export class FrameAssembler {
  private pending: Pending | null = null;

  /** Takes the next frame; returns a whole message once its last frame came, else null. */
  push(frame: string | ArrayBuffer): unknown {
    if (typeof frame === 'string') {
      const header = JSON.parse(frame) as Record<string, unknown>;
      const count = typeof header.$binaries === 'number' ? header.$binaries : 0;
      if (count === 0) return header;
      const parts = numbers(header.$parts);
      const sizes = numbers(header.$sizes);
      const split = parts !== null && sizes !== null && parts.length === sizes.length;
      this.pending = {
        header,
        remaining: count,
        payloads: [],
        parts: split ? parts : null,
        sizes: split ? sizes : null,
        payload: 0,
        framesIn: 0,
        filled: 0,
      };
      return null;
    }
    const p = this.pending;
    if (p === null) return null; // a binary frame without its header (after a reconnect)
    this.take(p, new Uint8Array(frame));
    p.remaining--;
    if (p.remaining > 0) return null;
    this.pending = null;
    return revive(p.header, p.payloads);
  }

  /** Forgets a half-received message (the socket closed). */
  reset(): void {
    this.pending = null;
  }

  private take(p: Pending, bytes: Uint8Array): void {
    if (p.parts === null || p.sizes === null) {
      p.payloads.push(bytes);
      return;
    }
    if (p.parts[p.payload] === 1) {
      p.payloads.push(bytes);
      p.payload++;
      return;
    }
    if (p.framesIn === 0) p.payloads.push(new Uint8Array(p.sizes[p.payload]));
    p.payloads[p.payload].set(bytes, p.filled);
    p.filled += bytes.byteLength;
    p.framesIn++;
    if (p.framesIn === p.parts[p.payload]) {
      p.payload++;
      p.framesIn = 0;
      p.filled = 0;
    }
  }
}

function numbers(v: unknown): number[] | null {
  return Array.isArray(v) && v.every((x) => typeof x === 'number') ? (v as number[]) : null;
}

/** Puts the payloads back where their {"$binary": k} placeholders are. */
function revive(value: unknown, payloads: readonly Uint8Array[]): unknown {
  if (Array.isArray(value)) {
    // Arrays in the protocol hold one kind of item: row indices (changedRows, diff.added)
    // run to a trigger's size and hold no payload, so they are kept as parsed, not copied.
    if (value.length === 0 || value[0] === null || typeof value[0] !== 'object') return value;
    return value.map((v) => revive(v, payloads));
  }
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  if (typeof record.$binary === 'number' && Object.keys(record).length === 1) return payloads[record.$binary];
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record))
    if (k !== '$binaries' && k !== '$parts' && k !== '$sizes') out[k] = revive(v, payloads);
  return out;
}
