/**
 * What both transports (main/ipc.ts, main/web/ws-relay.ts) hand each request to: the host
 * router (main/host-router.ts) in the apps, a fake in transport tests. Types only.
 */
import type { HostResponse, RequestBody } from '../engine/service/protocol';

/** A response before the transport puts the caller's id on it. */
export type HostAnswer = HostResponse extends infer R
  ? R extends HostResponse
    ? Omit<R, 'id'>
    : never
  : never;

export interface HostBackend {
  /** Answers one request; never rejects (failures are `ok: false` answers). */
  call(body: RequestBody): Promise<HostAnswer>;
}
