/// <reference types="svelte" />
/// <reference types="vite/client" />

// What main/preload.ts exposes in Electron. Absent in browser mode, hence optional.
interface Window {
  readonly tidemark?: {
    readonly version: string;
  };
}
