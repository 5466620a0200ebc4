/** The host API over Electron IPC, through the bridge main/preload.ts exposes. */
import type { EngineEvent, HostRequest, HostResponse } from '../../../engine/service/protocol';
import type { ConnectionState, Transport } from './host';

export class ElectronTransport implements Transport {
  constructor(private readonly bridge: TidemarkBridge) {}

  send(request: HostRequest): Promise<HostResponse> {
    return this.bridge.request(request);
  }

  onEvent(listener: (event: EngineEvent) => void): () => void {
    return this.bridge.onEvent(listener);
  }

  /** IPC has no connection to lose: it is open for the life of the window. */
  onConnection(listener: (state: ConnectionState) => void): () => void {
    listener('open');
    return () => undefined;
  }
}
