/**
 * Host messages cross the browser-mode socket as a JSON frame plus binary frames
 * (main/web/wire-format.ts), big payloads in several frames so the page never receives a
 * whole table in one task (issue 8); the page puts them back together (wire-frames.ts).
 */
import { describe, expect, it } from 'vitest';
import type { HostMessage } from '../../../engine/service/protocol';
import { encodeHostMessage } from '../../../main/web/wire-format';
import { FrameAssembler } from '../../../renderer/src/lib/wire-frames';

/** The frames as the socket hands them to the page: text, or a fresh ArrayBuffer per frame. */
function frames(message: HostMessage, frameBytes?: number): (string | ArrayBuffer)[] {
  const f = encodeHostMessage(message, frameBytes);
  return [f.text, ...f.binaries.map((b) => b.slice().buffer)];
}

const bytes = (n: number, seed: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) % 251);

function table(ipc: Uint8Array, removedIpc: Uint8Array | null): HostMessage {
  return {
    kind: 'event',
    event: {
      type: 'triggerResult',
      table: {
        queryId: 'q',
        batchId: 3,
        numRows: 2,
        changedRows: [0, 1],
        ipc,
        diff: { keyColumns: [], added: [0, 1], updated: [], numRemoved: 1, removedIpc },
      },
    },
  } as HostMessage;
}

function assemble(all: (string | ArrayBuffer)[]): unknown[] {
  const a = new FrameAssembler();
  const out: unknown[] = [];
  for (const f of all) {
    const m = a.push(f);
    if (m !== null) out.push(m);
  }
  return out;
}

describe('wire format: split binary frames', () => {
  it('sends small payloads one frame each, with no layout fields', () => {
    const f = encodeHostMessage(table(bytes(10, 1), bytes(3, 2)), 16);
    expect(f.binaries.map((b) => b.byteLength)).toEqual([10, 3]);
    const header = JSON.parse(f.text);
    expect(header.$binaries).toBe(2);
    expect(header.$parts).toBeUndefined();
    expect(assemble(frames(table(bytes(10, 1), bytes(3, 2)), 16))).toEqual([table(bytes(10, 1), bytes(3, 2))]);
  });

  it('splits a payload over the frame size into views of at most that size', () => {
    const ipc = bytes(40, 5);
    const f = encodeHostMessage(table(ipc, bytes(3, 2)), 16);
    expect(f.binaries.map((b) => b.byteLength)).toEqual([16, 16, 8, 3]);
    expect(f.binaries[0].buffer).toBe(ipc.buffer); // a view, not a copy
    const header = JSON.parse(f.text);
    expect(header).toMatchObject({ $binaries: 4, $parts: [3, 1], $sizes: [40, 3] });
  });

  it('puts split payloads back byte for byte, wherever they sit among unsplit ones', () => {
    for (const [ipc, removed] of [
      [bytes(40, 5), bytes(3, 2)],
      [bytes(7, 5), bytes(33, 9)],
      [bytes(32, 1), bytes(48, 4)], // exact multiples of the frame size
      [bytes(0, 1), bytes(17, 4)], // an empty payload still takes one frame
    ] as const) {
      const got = assemble(frames(table(ipc, removed), 16));
      expect(got).toEqual([table(ipc, removed)]);
      const t = (got[0] as { event: { table: { ipc: Uint8Array } } }).event.table;
      expect(t.ipc).toBeInstanceOf(Uint8Array);
      expect(Object.keys(got[0] as object)).not.toContain('$parts');
    }
  });

  it('delivers messages in order, including ones without payloads between split ones', () => {
    const response = { kind: 'response', id: 4, ok: true, result: null } as HostMessage;
    const all = [...frames(table(bytes(50, 3), null), 16), ...frames(response), ...frames(table(bytes(20, 8), null), 16)];
    expect(assemble(all)).toEqual([table(bytes(50, 3), null), response, table(bytes(20, 8), null)]);
  });

  it('drops a half-received message on reset, and ignores binary frames without a header', () => {
    const a = new FrameAssembler();
    const [text, first] = frames(table(bytes(40, 5), null), 16);
    expect(a.push(text)).toBeNull();
    expect(a.push(first)).toBeNull();
    a.reset();
    expect(a.push(new Uint8Array([1, 2]).buffer)).toBeNull();
    expect(assemble(frames(table(bytes(40, 5), null), 16))).toEqual([table(bytes(40, 5), null)]);
  });
});
