/**
 * Which host API requests the host answers itself (dialogs, workspace files, folder
 * grants) rather than relaying to the engine worker. A runtime list, so it lives outside
 * the types-only protocol.ts.
 */
import type { HostSideRequestType, RequestType } from './protocol';

export const HOST_SIDE_REQUESTS: ReadonlySet<RequestType> = new Set<HostSideRequestType>([
  'hostInfo',
  'pickFolder',
  'pickSaveFile',
  'pickOpenFile',
  'openWorkspace',
  'newWorkspace',
  'saveWorkspace',
  'autosaveWorkspace',
  'recentWorkspaces',
]);

export function isHostSideRequest(type: RequestType): type is HostSideRequestType {
  return HOST_SIDE_REQUESTS.has(type);
}
