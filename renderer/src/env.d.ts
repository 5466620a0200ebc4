/// <reference types="svelte" />
/// <reference types="vite/client" />

// What main/preload.ts exposes in Electron (its TidemarkBridge). Absent in browser mode.
interface TidemarkBridge {
  readonly version: string;
  request(
    request: import('../../engine/service/protocol').HostRequest,
  ): Promise<import('../../engine/service/protocol').HostResponse>;
  onEvent(
    listener: (event: import('../../engine/service/protocol').EngineEvent) => void,
  ): () => void;
}

interface Window {
  readonly tidemark?: TidemarkBridge;
}
