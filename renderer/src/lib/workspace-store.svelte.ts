/**
 * The open workspace: its sources and query drafts, its file, and every edit made to it.
 *
 * - Edits are pure functions (workspace-edits.ts) applied through `edit`, which keeps the
 *   version they replace, so Mod+Z / Mod+Shift+Z undo and redo any of them (ui-anchors c7).
 *   Layout changes (theme, pane) are not edits: undo never flips the theme back.
 * - The host keeps the file (`saveWorkspace`) and an autosave beside it in the app's data
 *   folder (`autosaveWorkspace`), written within ~5 s of a change and when the page is
 *   hidden, so a crash loses seconds; opening a file whose autosave is newer says so.
 */
import type { RecentWorkspace, Workspace, WorkspaceLayout } from '../../../engine/service/protocol';
import type { Dialogs } from './dialogs';
import { freshWorkspace } from './draft-defaults';
import type { HostApi } from './host';
import { AutosaveTimer } from './workspace-autosave';
import { withLayout, withPlans, workspaceFileName, workspaceForSave } from './workspace-edits';
import { EditHistory } from './workspace-history';

export interface WorkspaceStoreOptions {
  readonly host: HostApi;
  readonly dialogs: Dialogs;
}

export class WorkspaceStore {
  workspace = $state.raw<Workspace>(freshWorkspace());
  /** The file, or null while the workspace has never been saved. */
  path = $state<string | null>(null);
  /** Changed since it was last saved to its file (or since it was created). */
  dirty = $state(false);
  /** Set when the workspace came from an autosave a crash left behind. */
  recovered = $state(false);
  recent = $state.raw<readonly RecentWorkspace[]>([]);
  /** The last save or autosave, for the status line. */
  status = $state<string | null>(null);
  /** A failed request, for the user. */
  error = $state<string | null>(null);
  /**
   * The untitled workspace with changes that New / Open replaced: the host keeps one
   * untitled autosave, so this copy is what `restoreReplaced` brings back. Replacing never
   * blocks on a question; it can be taken back instead.
   */
  replaced = $state.raw<Workspace | null>(null);
  /** Bumped on every change, so `canUndo` / `canRedo` readers re-run. */
  private version = $state(0);

  private readonly history = new EditHistory<Workspace>();
  /** Bumped each time another workspace replaces this one (start() must not undo a New). */
  private generation = 0;
  private readonly autosave: AutosaveTimer;

  constructor(private readonly options: WorkspaceStoreOptions) {
    this.autosave = new AutosaveTimer(() => this.writeAutosave());
  }

  get canUndo(): boolean {
    void this.version;
    return this.history.canUndo;
  }

  get canRedo(): boolean {
    void this.version;
    return this.history.canRedo;
  }

  get undoLabel(): string | null {
    void this.version;
    return this.history.undoLabel;
  }

  get redoLabel(): string | null {
    void this.version;
    return this.history.redoLabel;
  }

  /**
   * Applies an edit named `label` (shown as "Undo <label>"). Edits sharing `groupKey` in
   * quick succession (keystrokes in one field) undo as one.
   */
  edit(label: string, change: (ws: Workspace) => Workspace, groupKey: string | null = null): void {
    const before = this.workspace;
    const after = change(before);
    if (after === before) return;
    this.history.record(before, label, groupKey, Date.now());
    this.commit(after);
  }

  undo(): void {
    const entry = this.history.undo(this.workspace);
    if (entry !== null) this.commit({ ...entry.state, layout: this.workspace.layout });
  }

  redo(): void {
    const entry = this.history.redo(this.workspace);
    if (entry !== null) this.commit({ ...entry.state, layout: this.workspace.layout });
  }

  /** Pane, selection, theme: saved with the workspace, never undone. */
  setLayout(patch: Partial<WorkspaceLayout>): void {
    const layout = this.workspace.layout;
    if (Object.entries(patch).every(([k, v]) => layout[k as keyof WorkspaceLayout] === v)) return;
    this.workspace = withLayout(this.workspace, patch);
    this.autosave.changed();
  }

  /**
   * On launch: the untitled workspace, or the one a crash left unsaved (the host answers
   * `newWorkspace` with that autosave, marked recovered).
   */
  async start(): Promise<void> {
    void this.loadRecent();
    const generation = this.generation;
    try {
      const opened = await this.options.host.request({ type: 'newWorkspace' });
      // The user may have started, opened or edited a workspace while the host answered:
      // that wins, and recovered work is set aside (with a way back) rather than lost.
      const untouched = generation === this.generation && !this.dirty;
      if (untouched) this.replace(opened.workspace, opened.path, opened.recovered);
      else if (opened.recovered) this.replaced = opened.workspace;
    } catch {
      // A host without workspace support still gets a working (unsaved) workspace.
    }
  }

  /**
   * A fresh workspace, at once: a click on New followed by typing must land in the new
   * workspace, so nothing here waits for the host. The host is told (its untitled autosave
   * now belongs to the new one); what it answers is not needed.
   */
  create(): void {
    this.leaveFor(freshWorkspace(), null, false);
    this.options.host.request({ type: 'newWorkspace' }).catch(() => undefined);
  }

  /** Opens `path`, or asks for a file when none is given. */
  async open(path?: string): Promise<boolean> {
    try {
      const file = path ?? (await this.options.dialogs.pickOpenFile('workspace'));
      if (file === null) return false;
      // The file-backed workspace being left gets its autosave before the host switches.
      if (this.dirty && this.path !== null) await this.autosave.flush();
      const opened = await this.options.host.request({ type: 'openWorkspace', path: file });
      this.leaveFor(opened.workspace, opened.path ?? file, opened.recovered);
      void this.loadRecent();
      return true;
    } catch (e) {
      this.error = `Could not open the workspace: ${messageOf(e)}`;
      return false;
    }
  }

  /** Replaces the workspace with one built in the page (the demo), unsaved, at once. */
  adopt(workspace: Workspace): void {
    this.leaveFor(workspace, null, false);
    this.dirty = true;
    this.autosave.changed();
  }

  /** Saves to the file, or asks where when there is none yet. */
  async save(): Promise<boolean> {
    if (this.path === null) return this.saveAs();
    return this.writeFile(this.path);
  }

  async saveAs(): Promise<boolean> {
    try {
      const file = await this.options.dialogs.pickSaveFile(
        'workspace',
        workspaceFileName(this.workspace.name),
      );
      if (file === null) return false;
      return await this.writeFile(file);
    } catch (e) {
      this.error = `Could not save the workspace: ${messageOf(e)}`;
      return false;
    }
  }

  /** Writes the autosave now if a change waits (the page is being hidden or closed). */
  flushAutosave(): Promise<void> {
    return this.autosave.flush();
  }

  async loadRecent(): Promise<void> {
    try {
      this.recent = await this.options.host.request({ type: 'recentWorkspaces' });
    } catch {
      this.recent = [];
    }
  }

  private async writeFile(path: string): Promise<boolean> {
    try {
      const saved = await this.options.host.request({
        type: 'saveWorkspace',
        path,
        workspace: await this.withCurrentPlans(workspaceForSave(this.workspace)),
      });
      this.path = saved.path;
      this.dirty = false;
      this.autosave.cancel();
      this.status = `Saved ${timeOf(saved.savedAt)}`;
      this.error = null;
      void this.loadRecent();
      return true;
    } catch (e) {
      this.error = `Could not save the workspace: ${messageOf(e)}`;
      return false;
    }
  }

  /**
   * The file carries each query's plan JSON for tools that read it (the export, the CLI);
   * the engine analyses every draft as it is now. A draft that does not analyse has none.
   */
  private async withCurrentPlans(ws: Workspace): Promise<Workspace> {
    const plans = await Promise.all(
      ws.queries.map((q) =>
        this.options.host.request({ type: 'analyzeDraft', draft: q.draft }).then(
          (analysis) => analysis.plan,
          () => null,
        ),
      ),
    );
    return withPlans(ws, plans);
  }

  private async writeAutosave(): Promise<void> {
    try {
      const saved = await this.options.host.request({
        type: 'autosaveWorkspace',
        path: this.path,
        workspace: workspaceForSave(this.workspace),
      });
      this.status = `Autosaved ${timeOf(saved.savedAt)}`;
    } catch (e) {
      this.status = `Autosave failed: ${messageOf(e)}`;
      throw e;
    }
  }

  /** Brings back the untitled workspace the last New / Open replaced. */
  restoreReplaced(): void {
    const previous = this.replaced;
    if (previous !== null) this.adopt(previous);
  }

  /**
   * Replaces the workspace. Changes not yet in a file are kept: a file-backed workspace's go
   * to its autosave (written now, with the path and content captured before the switch;
   * reopening the file offers them back), an untitled one is set aside for `restoreReplaced`.
   */
  private leaveFor(workspace: Workspace, path: string | null, recovered: boolean): void {
    let setAside: Workspace | null = null;
    if (this.dirty && this.path === null) setAside = this.workspace;
    else if (this.dirty && this.autosave.hasPending)
      this.options.host
        .request({
          type: 'autosaveWorkspace',
          path: this.path,
          workspace: workspaceForSave(this.workspace),
        })
        .catch(() => undefined);
    this.replace(workspace, path, recovered);
    this.replaced = setAside;
  }

  private replace(workspace: Workspace, path: string | null, recovered: boolean): void {
    this.generation++;
    this.autosave.cancel();
    this.history.clear();
    this.workspace = workspace;
    this.path = path;
    this.recovered = recovered;
    // Recovered work is not in its file yet.
    this.dirty = recovered;
    this.status = null;
    this.error = null;
    this.version++;
  }

  private commit(next: Workspace): void {
    this.workspace = next;
    this.dirty = true;
    this.version++;
    this.autosave.changed();
  }
}

function timeOf(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleTimeString();
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
