// Runs in the sandboxed renderer before the page. It exposes one frozen object, `tidemark`;
// the page gets no Node, no ipcRenderer, only what is listed here: the host API's two
// calls (engine/service/protocol.ts), each on its own fixed channel.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { EngineEvent, HostRequest, HostResponse } from '../engine/service/protocol';
import { HOST_EVENT_CHANNEL, HOST_REQUEST_CHANNEL } from './ipc-channels';

export interface TidemarkBridge {
  /** Tidemark's version, from package.json at build time. */
  readonly version: string;
  /** Sends one host API request; resolves to its response (never rejects for engine errors). */
  request(request: HostRequest): Promise<HostResponse>;
  /** Hears every engine event; returns the unsubscribe. */
  onEvent(listener: (event: EngineEvent) => void): () => void;
}

const bridge: TidemarkBridge = Object.freeze({
  version: __TIDEMARK_VERSION__,
  request: (request: HostRequest) =>
    ipcRenderer.invoke(HOST_REQUEST_CHANNEL, request) as Promise<HostResponse>,
  onEvent: (listener: (event: EngineEvent) => void) => {
    const handler = (_e: IpcRendererEvent, event: EngineEvent): void => listener(event);
    ipcRenderer.on(HOST_EVENT_CHANNEL, handler);
    return () => void ipcRenderer.removeListener(HOST_EVENT_CHANNEL, handler);
  },
});

contextBridge.exposeInMainWorld('tidemark', bridge);
