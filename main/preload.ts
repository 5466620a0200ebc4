// Runs in the sandboxed renderer before the page. It exposes one frozen object, `tidemark`;
// the page gets no Node, no ipcRenderer, only what is listed here.
import { contextBridge } from 'electron';

export interface TidemarkBridge {
  /** Tidemark's version, from package.json at build time. */
  readonly version: string;
}

const bridge: TidemarkBridge = Object.freeze({ version: __TIDEMARK_VERSION__ });

contextBridge.exposeInMainWorld('tidemark', bridge);
