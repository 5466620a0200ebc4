import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { EngineEvent, HostRequest } from '../../engine/service/protocol';
import { HOST_EVENT_CHANNEL, HOST_REQUEST_CHANNEL } from '../../main/ipc-channels';

// What the preload script hands to Electron, captured by a stand-in 'electron' module.
const electron = vi.hoisted(() => {
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  return {
    exposed: [] as [string, unknown][],
    invoked: [] as [string, unknown][],
    listeners,
    contextBridge: {
      exposeInMainWorld: (key: string, api: unknown) => electron.exposed.push([key, api]),
    },
    ipcRenderer: {
      invoke: async (channel: string, message: unknown) => {
        electron.invoked.push([channel, message]);
        return { kind: 'response', id: (message as { id: number }).id, ok: true, result: [] };
      },
      on: (channel: string, handler: (...args: unknown[]) => void) => {
        if (!listeners.has(channel)) listeners.set(channel, new Set());
        listeners.get(channel)!.add(handler);
      },
      removeListener: (channel: string, handler: (...args: unknown[]) => void) => {
        listeners.get(channel)?.delete(handler);
      },
    },
  };
});
vi.mock('electron', () => ({
  contextBridge: electron.contextBridge,
  ipcRenderer: electron.ipcRenderer,
}));

interface Bridge {
  version: string;
  request(request: HostRequest): Promise<unknown>;
  onEvent(listener: (event: EngineEvent) => void): () => void;
}

describe('preload bridge (main/preload.ts)', () => {
  let bridge: Bridge;

  beforeAll(async () => {
    // electron-vite substitutes this at build time.
    vi.stubGlobal('__TIDEMARK_VERSION__', '9.8.7');
    await import('../../main/preload');
    bridge = electron.exposed[0][1] as Bridge;
  });
  afterAll(() => vi.unstubAllGlobals());

  it('exposes exactly one frozen object, `tidemark`, with version, request and onEvent', () => {
    expect(electron.exposed.map(([key]) => key)).toEqual(['tidemark']);
    expect(Object.keys(bridge).sort()).toEqual(['onEvent', 'request', 'version']);
    expect(Object.isFrozen(bridge)).toBe(true);
    expect(bridge.version).toBe('9.8.7');
    expect(typeof bridge.request).toBe('function');
    expect(typeof bridge.onEvent).toBe('function');
  });

  it('sends requests on the request channel only', async () => {
    const response = await bridge.request({ id: 4, type: 'listQueries' });
    expect(response).toEqual({ kind: 'response', id: 4, ok: true, result: [] });
    expect(electron.invoked).toEqual([[HOST_REQUEST_CHANNEL, { id: 4, type: 'listQueries' }]]);
  });

  it('delivers events without the IPC event object, and unsubscribes', () => {
    const heard: EngineEvent[] = [];
    const off = bridge.onEvent((e) => heard.push(e));
    const handlers = [...(electron.listeners.get(HOST_EVENT_CHANNEL) ?? [])];
    expect(handlers).toHaveLength(1);
    const event: EngineEvent = { type: 'command', command: 'runQuery' };
    handlers[0]({ sender: 'ipc-internals' }, event);
    expect(heard).toEqual([event]);
    off();
    expect(electron.listeners.get(HOST_EVENT_CHANNEL)?.size).toBe(0);
  });
});
