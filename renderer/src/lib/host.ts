/**
 * The host API as the UI sees it: one interface, two transports. In Electron the preload
 * bridge (`window.tidemark`, main/preload.ts) carries it over IPC; in browser mode a
 * WebSocket to the server that served this page (main/web/). Components never know which.
 */
import type {
  EngineEvent,
  ErrorInfo,
  HostRequest,
  HostResponse,
  RequestBody,
  RequestResults,
  RequestType,
} from '../../../engine/service/protocol';
import { ElectronTransport } from './electron-transport';
import { WebSocketTransport } from './ws-transport';

export type ConnectionState = 'connecting' | 'open' | 'closed';

/** What a transport does: send a request, hear responses and events. */
export interface Transport {
  send(request: HostRequest): Promise<HostResponse>;
  onEvent(listener: (event: EngineEvent) => void): () => void;
  onConnection(listener: (state: ConnectionState) => void): () => void;
}

/** A request the engine refused, with the engine's error (class, message, SQLSTATE). */
export class HostError extends Error {
  constructor(readonly info: ErrorInfo) {
    super(info.message);
    this.name = info.name;
  }
}

export class HostApi {
  private nextId = 1;

  constructor(
    private readonly transport: Transport,
    /** 'electron' or 'browser': shown in the header, nothing else depends on it. */
    readonly kind: 'electron' | 'browser',
  ) {}

  async request<T extends RequestType>(
    body: Extract<RequestBody, { type: T }>,
  ): Promise<RequestResults[T]> {
    const response = await this.transport.send({ ...body, id: this.nextId++ } as HostRequest);
    if (!response.ok) throw new HostError(response.error);
    return response.result as RequestResults[T];
  }

  onEvent(listener: (event: EngineEvent) => void): () => void {
    return this.transport.onEvent(listener);
  }

  onConnection(listener: (state: ConnectionState) => void): () => void {
    return this.transport.onConnection(listener);
  }
}

/** The preload bridge when the page runs in Tidemark's Electron window, else the WebSocket. */
export function connectHost(): HostApi {
  const bridge = window.tidemark;
  if (
    bridge !== undefined &&
    typeof bridge.request === 'function' &&
    typeof bridge.onEvent === 'function'
  ) {
    return new HostApi(new ElectronTransport(bridge), 'electron');
  }
  const token = new URLSearchParams(window.location.search).get('token') ?? '';
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  const url = `${scheme}//${window.location.host}/api?token=${encodeURIComponent(token)}`;
  return new HostApi(new WebSocketTransport(url), 'browser');
}
