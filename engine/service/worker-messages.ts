/**
 * What the host and the engine worker say to each other besides the host API itself
 * (types only). The host starts the worker with an EngineWorkerConfig as `workerData`,
 * then posts HostRequests and control messages; the worker posts HostMessages back.
 */
import type { HostMessage, HostRequest } from './protocol';
import type { LabDemoOptions } from './lab-demo';

export interface EngineWorkerConfig {
  /** The demo's sensor folder and rates; absent: `startDemo` is refused. */
  readonly demo?: LabDemoOptions;
  /** Start the demo as soon as the worker is up (the first-launch experience). */
  readonly startDemo: boolean;
  /** Default checkpoint folder of queries started without one (EngineServiceOptions.checkpointRoot). */
  readonly checkpointRoot?: string;
}

/** Host → worker. */
export type ToWorker =
  { readonly kind: 'request'; readonly request: HostRequest } | { readonly kind: 'shutdown' };

/** Worker → host: the host API's messages, plus the reply to `shutdown`. */
export type FromWorker = HostMessage | { readonly kind: 'stopped' };
