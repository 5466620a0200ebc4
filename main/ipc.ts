/**
 * The host API over Electron IPC: the main-process end of the preload bridge. Each request
 * is accepted only from the app's own top-level page (its file:// index.html, or the
 * electron-vite dev server in development) and only in the protocol's shape, then handed to
 * the host router (grants, dialogs, workspaces; the rest goes on to the engine). Events
 * (the engine's, and the host's menu commands) go to every window showing the app.
 */
import { BrowserWindow, ipcMain, type IpcMainInvokeEvent, type WebFrameMain } from 'electron';
import type { EngineEvent, HostResponse, RequestBody } from '../engine/service/protocol';
import { requestProblem } from '../engine/service/validate-request';
import { isAppPage } from './app-page';
import type { HostBackend } from './host-backend';
import { HOST_EVENT_CHANNEL, HOST_REQUEST_CHANNEL } from './ipc-channels';

export interface HostIpc {
  broadcast(event: EngineEvent): void;
  dispose(): void;
}

/**
 * @param appUrl the URL the window loads: `file://…/out/renderer/index.html` or the dev
 *   server's URL. A sender must be that page (any query/hash) in a top-level frame.
 */
export function registerHostIpc(host: HostBackend, appUrl: string): HostIpc {
  ipcMain.handle(
    HOST_REQUEST_CHANNEL,
    async (event: IpcMainInvokeEvent, message: unknown): Promise<HostResponse> => {
      const id =
        typeof (message as { id?: unknown })?.id === 'number' ? (message as { id: number }).id : -1;
      if (!isAppFrame(event.senderFrame, appUrl))
        return refused(id, 'requests are accepted only from the Tidemark window');
      const problem = requestProblem(message);
      if (problem !== null) return refused(id, problem);
      const { id: _ignored, ...body } = message as RequestBody & { id: number };
      const answer = await host.call(body as RequestBody);
      return { ...answer, id };
    },
  );
  return {
    broadcast(event) {
      for (const window of BrowserWindow.getAllWindows()) {
        const contents = window.webContents;
        if (!contents.isDestroyed() && isAppFrame(contents.mainFrame, appUrl))
          contents.send(HOST_EVENT_CHANNEL, event);
      }
    },
    dispose() {
      ipcMain.removeHandler(HOST_REQUEST_CHANNEL);
    },
  };
}

function isAppFrame(frame: WebFrameMain | null, appUrl: string): boolean {
  if (frame === null || frame.parent !== null) return false;
  return isAppPage(frame.url, appUrl);
}

function refused(id: number, message: string): HostResponse {
  return {
    kind: 'response',
    id,
    ok: false,
    error: { name: 'IllegalArgumentException', errorClass: null, sqlState: null, message },
  };
}
