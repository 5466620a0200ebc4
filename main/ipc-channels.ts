// The IPC channel names the preload bridge and main/ipc.ts share (one pair, no ad-hoc strings).
export const HOST_REQUEST_CHANNEL = 'tidemark:host-request';
export const HOST_EVENT_CHANNEL = 'tidemark:host-event';
