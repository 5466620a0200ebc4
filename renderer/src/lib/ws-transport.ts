/**
 * The host API over the browser-mode WebSocket. Frames follow main/web/wire-format.ts: a
 * JSON text frame, then as many binary frames as its "$binaries" says, which replace its
 * {"$binary": k} placeholders (Arrow IPC bytes arrive as they are, never as base64; a big
 * payload in several frames, put together by wire-frames.ts).
 *
 * The socket reconnects after a drop (server restarted, laptop slept), backing off up to
 * 10 s; requests in flight when it drops fail, and listeners hear the state change so the
 * UI can resync with `listQueries`.
 */
import type {
  EngineEvent,
  HostMessage,
  HostRequest,
  HostResponse,
} from '../../../engine/service/protocol';
import type { ConnectionState, Transport } from './host';
import { FrameAssembler } from './wire-frames';

export class WebSocketTransport implements Transport {
  private socket: WebSocket | null = null;
  private state: ConnectionState = 'connecting';
  private readonly waiting = new Map<number, (response: HostResponse) => void>();
  private readonly eventListeners = new Set<(event: EngineEvent) => void>();
  private readonly connectionListeners = new Set<(state: ConnectionState) => void>();
  private queue: string[] = [];
  private readonly frames = new FrameAssembler();
  private retryMs = 250;

  constructor(private readonly url: string) {
    this.open();
  }

  send(request: HostRequest): Promise<HostResponse> {
    return new Promise((resolve) => {
      this.waiting.set(request.id, resolve);
      const text = JSON.stringify(request);
      if (this.socket !== null && this.state === 'open') this.socket.send(text);
      else this.queue.push(text);
    });
  }

  onEvent(listener: (event: EngineEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  onConnection(listener: (state: ConnectionState) => void): () => void {
    this.connectionListeners.add(listener);
    listener(this.state);
    return () => this.connectionListeners.delete(listener);
  }

  private open(): void {
    const socket = new WebSocket(this.url);
    socket.binaryType = 'arraybuffer';
    this.socket = socket;
    socket.onopen = () => {
      this.retryMs = 250;
      this.setState('open');
      for (const text of this.queue.splice(0)) socket.send(text);
    };
    socket.onmessage = (e: MessageEvent<string | ArrayBuffer>) => this.onFrame(e.data);
    socket.onclose = () => {
      this.socket = null;
      this.frames.reset();
      for (const [id, resolve] of this.waiting) {
        resolve({
          kind: 'response',
          id,
          ok: false,
          error: {
            name: 'ConnectionLost',
            errorClass: null,
            sqlState: null,
            message: 'The connection to Tidemark was lost.',
          },
        });
      }
      this.waiting.clear();
      this.setState('closed');
      setTimeout(() => this.open(), this.retryMs);
      this.retryMs = Math.min(10_000, this.retryMs * 2);
    };
  }

  private setState(state: ConnectionState): void {
    this.state = state;
    for (const l of this.connectionListeners) l(state);
  }

  private onFrame(data: string | ArrayBuffer): void {
    const message = this.frames.push(data);
    if (message !== null) this.deliver(message as HostMessage);
  }

  private deliver(message: HostMessage): void {
    if (message.kind === 'response') {
      const resolve = this.waiting.get(message.id);
      this.waiting.delete(message.id);
      resolve?.(message);
    } else {
      for (const l of this.eventListeners) l(message.event);
    }
  }
}
