/**
 * One browser tab's WebSocket: requests in (validated, then handed to the host backend:
 * the host router in browser mode), responses back under the tab's ids, and every event
 * pushed to every open tab.
 */
import type { WebSocket } from 'ws';
import type {
  EngineEvent,
  HostMessage,
  HostResponse,
  RequestBody,
} from '../../engine/service/protocol';
import { requestProblem } from '../../engine/service/validate-request';
import type { HostBackend } from '../host-backend';
import { encodeHostMessage } from './wire-format';

export type { HostBackend } from '../host-backend';

/** A tab that stops reading is skipped for events beyond this much unsent data. */
const MAX_BUFFERED_BYTES = 64 * 1024 * 1024;

export class WebSocketRelay {
  private readonly sockets = new Set<WebSocket>();

  constructor(private readonly backend: HostBackend) {}

  get connections(): number {
    return this.sockets.size;
  }

  attach(socket: WebSocket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => this.sockets.delete(socket));
    socket.on('message', (data, isBinary) => {
      if (isBinary) return void socket.close(1003, 'requests are JSON text frames');
      void this.onRequest(socket, data.toString());
    });
  }

  broadcast(event: EngineEvent): void {
    const frames = encodeHostMessage({ kind: 'event', event });
    for (const socket of this.sockets) {
      if (socket.readyState !== socket.OPEN || socket.bufferedAmount > MAX_BUFFERED_BYTES) continue;
      socket.send(frames.text);
      for (const b of frames.binaries) socket.send(b, { binary: true });
    }
  }

  closeAll(): void {
    for (const socket of this.sockets) socket.close(1001, 'server stopping');
    this.sockets.clear();
  }

  private async onRequest(socket: WebSocket, text: string): Promise<void> {
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      return send(socket, badRequest(-1, 'a request must be JSON'));
    }
    const problem = requestProblem(message);
    const clientId = (message as { id?: unknown })?.id;
    const id = typeof clientId === 'number' ? clientId : -1;
    if (problem !== null) return send(socket, badRequest(id, problem));
    const { id: _ignored, ...body } = message as RequestBody & { id: number };
    const answer = await this.backend.call(body as RequestBody);
    send(socket, { ...answer, id });
  }
}

function send(socket: WebSocket, message: HostMessage): void {
  if (socket.readyState !== socket.OPEN) return;
  const frames = encodeHostMessage(message);
  socket.send(frames.text);
  for (const b of frames.binaries) socket.send(b, { binary: true });
}

function badRequest(id: number, message: string): HostResponse {
  return {
    kind: 'response',
    id,
    ok: false,
    error: { name: 'IllegalArgumentException', errorClass: null, sqlState: null, message },
  };
}
