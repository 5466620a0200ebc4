/**
 * The host router as both apps build it: the Electron main process (index.ts) and browser
 * mode (serve.ts) differ only in their dialogs, data folder and documents folder. The
 * host's own folders are granted from the start: the demo's sensor folder, and under the
 * data folder the checkpoints and the workspace autosaves.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { HostInfo, RecentWorkspace } from '../engine/service/protocol';
import type { HostDialogs } from './dialogs';
import { FolderGrants } from './folder-grants';
import type { HostBackend } from './host-backend';
import { HostRouter } from './host-router';
import { RecentWorkspaces } from './recent-workspaces';
import { WorkspaceFiles } from './workspace';

export interface HostSetup {
  readonly engine: HostBackend;
  readonly dialogs: HostDialogs;
  readonly kind: HostInfo['kind'];
  /** Electron: app.getPath('userData'); browser mode: --data. */
  readonly dataDir: string;
  readonly demoDir: string | null;
  readonly documentsDir: string;
  readonly onRecentChanged?: (recent: readonly RecentWorkspace[]) => void;
}

/** Where queries started from the app keep their checkpoints by default. */
export function checkpointsDir(dataDir: string): string {
  return join(dataDir, 'checkpoints');
}

export async function createHostRouter(setup: HostSetup): Promise<HostRouter> {
  const workspaces = new WorkspaceFiles(setup.dataDir);
  const grants = new FolderGrants();
  const ownFolders = [checkpointsDir(setup.dataDir), workspaces.autosaveDir];
  if (setup.demoDir !== null) ownFolders.push(setup.demoDir);
  for (const folder of ownFolders) {
    // Made first, so the grant records the folder's real path (e.g. /private/var on macOS).
    await mkdir(folder, { recursive: true });
    await grants.grant(folder);
  }
  return new HostRouter({
    engine: setup.engine,
    dialogs: setup.dialogs,
    grants,
    workspaces,
    recent: new RecentWorkspaces(setup.dataDir),
    kind: setup.kind,
    demoDir: setup.demoDir,
    documentsDir: setup.documentsDir,
    onRecentChanged: setup.onRecentChanged,
  });
}
