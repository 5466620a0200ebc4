/**
 * Every host API request from either transport (main/ipc.ts, main/web/ws-relay.ts) comes
 * here. Host-side requests (dialogs, workspace files, the recent list; see
 * engine/service/host-side-requests.ts) are answered by the host; every other request is
 * checked against the folder grants and then relayed to the engine worker.
 *
 * Grants ("the renderer can reach only folders the user picked", issue 5):
 * - at start, the host grants its own folders (the demo, checkpoints, autosave);
 * - a folder picked with pickFolder, the folder of a file picked with pickSaveFile (the
 *   export or workspace is written there), a file picked with pickOpenFile;
 * - opening a workspace the user chose grants the source folders it names. So that a page
 *   cannot launder a path through a workspace (save one naming /etc, then open it), saves
 *   and autosaves must name only granted source folders themselves.
 * A workspace on the recent list may be opened without a new pick: the host wrote that
 * list itself, from files the user opened or saved.
 */
import type {
  ErrorInfo,
  HostInfo,
  HostSideRequestType,
  OpenedWorkspace,
  RecentWorkspace,
  RequestBody,
  RequestResults,
  Workspace,
} from '../engine/service/protocol';
import { errorInfo } from '../engine/service/error-info';
import { isHostSideRequest } from '../engine/service/host-side-requests';
import { dirname } from 'node:path';
import type { HostDialogs } from './dialogs';
import type { FolderGrants } from './folder-grants';
import type { HostAnswer, HostBackend } from './host-backend';
import { HostSideError, notGranted } from './host-errors';
import type { RecentWorkspaces } from './recent-workspaces';
import { pathsOfRequest, workspaceSourcePaths, type NamedPath } from './request-paths';
import { checkBeforeWrite, type WorkspaceFiles } from './workspace';

export interface HostRouterOptions {
  /** The engine worker's host (main/engine-host.ts's EngineHost). */
  readonly engine: HostBackend;
  readonly dialogs: HostDialogs;
  readonly grants: FolderGrants;
  readonly workspaces: WorkspaceFiles;
  readonly recent: RecentWorkspaces;
  readonly kind: HostInfo['kind'];
  readonly demoDir: string | null;
  readonly documentsDir: string;
  /** Called after the recent list changed (the Electron host rebuilds Open Recent). */
  readonly onRecentChanged?: (recent: readonly RecentWorkspace[]) => void;
}

type HostSideBody = Extract<RequestBody, { type: HostSideRequestType }>;

export class HostRouter implements HostBackend {
  constructor(private readonly options: HostRouterOptions) {}

  async call(body: RequestBody): Promise<HostAnswer> {
    try {
      if (isHostSideRequest(body.type)) {
        const result = await this.answer(body as HostSideBody);
        return { kind: 'response', ok: true, result };
      }
      await this.checkGranted(pathsOfRequest(body));
      return await this.options.engine.call(body);
    } catch (e) {
      return { kind: 'response', ok: false, error: toErrorInfo(e) };
    }
  }

  /**
   * Grants a workspace file the user chose outside the page: a second launch with the file
   * as argument, macOS `open-file`, File ▸ Open Recent. The page is then told to open it.
   */
  grantWorkspaceFile(path: string): Promise<string> {
    return this.options.grants.grant(path);
  }

  private async answer(body: HostSideBody): Promise<RequestResults[HostSideRequestType]> {
    const { dialogs, grants, workspaces, recent } = this.options;
    switch (body.type) {
      case 'hostInfo':
        return {
          kind: this.options.kind,
          nativeDialogs: dialogs.native,
          demoDir: this.options.demoDir,
          documentsDir: this.options.documentsDir,
          grantedFolders: grants.list(),
        };
      case 'pickFolder': {
        const path = await dialogs.pickFolder(body.purpose, body.typedPath);
        if (path === null) return null;
        await grants.grant(path);
        return { path };
      }
      case 'pickSaveFile': {
        const path = await dialogs.pickSaveFile(body.purpose, body.defaultName, body.typedPath);
        if (path === null) return null;
        await grants.grant(dirname(path));
        return { path };
      }
      case 'pickOpenFile': {
        const path = await dialogs.pickOpenFile(body.purpose, body.typedPath);
        if (path === null) return null;
        await grants.grant(path);
        return { path };
      }
      case 'openWorkspace': {
        if (!(await recent.includes(body.path))) await this.checkGranted(pathsOfRequest(body));
        const opened = await workspaces.open(body.path);
        await this.grantWorkspace(opened);
        await grants.grant(body.path);
        await this.remember(body.path, opened.workspace);
        return opened;
      }
      case 'newWorkspace': {
        const opened = await workspaces.newWorkspace();
        await this.grantWorkspace(opened);
        return opened;
      }
      case 'saveWorkspace': {
        checkBeforeWrite(body.workspace, body.path);
        await this.checkGranted([
          ...pathsOfRequest(body),
          ...workspaceSourcePaths(body.workspace).map(inWorkspace('saveWorkspace')),
        ]);
        const saved = await workspaces.save(body.path, body.workspace);
        await this.remember(body.path, body.workspace);
        return saved;
      }
      case 'autosaveWorkspace':
        checkBeforeWrite(
          body.workspace,
          `the autosave of ${body.path ?? 'the untitled workspace'}`,
        );
        await this.checkGranted([
          ...pathsOfRequest(body),
          ...workspaceSourcePaths(body.workspace).map(inWorkspace('autosaveWorkspace')),
        ]);
        return workspaces.autosave(body.path, body.workspace);
      case 'recentWorkspaces':
        return recent.list();
    }
  }

  /** Refuses the request at the first path outside every grant. */
  private async checkGranted(paths: readonly NamedPath[]): Promise<void> {
    for (const { path, what } of paths)
      if (!(await this.options.grants.allows(path))) throw notGranted(path, what);
  }

  /** The user chose this workspace (or it is their own autosave): its source folders are theirs. */
  private async grantWorkspace(opened: OpenedWorkspace): Promise<void> {
    for (const { path } of workspaceSourcePaths(opened.workspace))
      await this.options.grants.grant(path);
  }

  private async remember(path: string, workspace: Workspace): Promise<void> {
    const list = await this.options.recent.add(path, workspace.name);
    this.options.onRecentChanged?.(list);
  }
}

function inWorkspace(request: string): (p: NamedPath) => NamedPath {
  return (p) => ({ path: p.path, what: `${request}: workspace ${p.what}` });
}

function toErrorInfo(e: unknown): ErrorInfo {
  return e instanceof HostSideError ? e.info : errorInfo(e);
}
