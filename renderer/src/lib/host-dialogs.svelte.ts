/**
 * The Dialogs the components use (lib/dialogs.ts), for either host. Electron shows native
 * dialogs, so the request goes out as it is. Browser mode has no dialog that can name a
 * folder on the host machine, so the page asks for the path in its own prompt (PathPrompt,
 * prefilled with a folder the host proposes) and sends it as `typedPath`; the host checks it
 * and grants it. A path the host refuses keeps the prompt open with the host's reason.
 */
import type { HostInfo } from '../../../engine/service/protocol';
import type { Dialogs } from './dialogs';
import type { HostApi } from './host';

export interface PathPrompt {
  readonly title: string;
  readonly label: string;
  /** The text in the input (the component binds to it). */
  value: string;
  /** Why the host refused the last path, or null. */
  error: string | null;
  busy: boolean;
}

interface OpenPrompt {
  readonly submit: (typed: string) => Promise<string | null>;
  readonly resolve: (path: string | null) => void;
}

export class HostDialogs implements Dialogs {
  /** The open in-page prompt, drawn by PathPrompt.svelte. */
  prompt = $state<PathPrompt | null>(null);
  info = $state.raw<HostInfo | null>(null);
  private open: OpenPrompt | null = null;

  constructor(private readonly host: HostApi) {}

  /** Asks the host what it is (dialogs, folders); without an answer, guesses from the transport. */
  async load(): Promise<HostInfo | null> {
    try {
      this.info = await this.host.request({ type: 'hostInfo' });
    } catch {
      this.info = null;
    }
    return this.info;
  }

  private get native(): boolean {
    return this.info?.nativeDialogs ?? this.host.kind === 'electron';
  }

  async pickFolder(purpose: 'source' | 'output' | 'checkpoint'): Promise<string | null> {
    if (this.native)
      return (await this.host.request({ type: 'pickFolder', purpose }))?.path ?? null;
    const start =
      purpose === 'source'
        ? (this.info?.demoDir ?? this.info?.documentsDir)
        : this.info?.documentsDir;
    const what = {
      source: 'the source folder',
      output: 'the output folder',
      checkpoint: 'the checkpoint folder',
    }[purpose];
    return this.ask(
      `Choose ${what}`,
      'Folder path on this computer',
      start ?? '',
      async (typedPath) =>
        (await this.host.request({ type: 'pickFolder', purpose, typedPath }))?.path ?? null,
    );
  }

  async pickSaveFile(purpose: 'workspace' | 'export', defaultName: string): Promise<string | null> {
    if (this.native)
      return (
        (await this.host.request({ type: 'pickSaveFile', purpose, defaultName }))?.path ?? null
      );
    const title = purpose === 'workspace' ? 'Save the workspace as' : 'Export to';
    return this.ask(
      title,
      'File path on this computer',
      inFolder(this.info?.documentsDir, defaultName),
      async (typedPath) =>
        (await this.host.request({ type: 'pickSaveFile', purpose, defaultName, typedPath }))
          ?.path ?? null,
    );
  }

  async pickOpenFile(purpose: 'workspace'): Promise<string | null> {
    if (this.native)
      return (await this.host.request({ type: 'pickOpenFile', purpose }))?.path ?? null;
    return this.ask(
      'Open a workspace',
      'Workspace file path (.tidemark.json)',
      inFolder(this.info?.documentsDir, ''),
      async (typedPath) =>
        (await this.host.request({ type: 'pickOpenFile', purpose, typedPath }))?.path ?? null,
    );
  }

  /** The prompt's OK: asks the host; closes on success, shows the host's reason otherwise. */
  async submit(): Promise<void> {
    const prompt = this.prompt;
    const open = this.open;
    if (prompt === null || open === null || prompt.busy) return;
    const typed = prompt.value.trim();
    if (typed === '') {
      prompt.error = 'Type a path.';
      return;
    }
    prompt.busy = true;
    prompt.error = null;
    try {
      const path = await open.submit(typed);
      this.close(path);
    } catch (e) {
      prompt.error = e instanceof Error ? e.message : String(e);
    } finally {
      prompt.busy = false;
    }
  }

  cancel(): void {
    this.close(null);
  }

  private ask(
    title: string,
    label: string,
    initial: string,
    submit: (typed: string) => Promise<string | null>,
  ): Promise<string | null> {
    // A second prompt replaces the first, which counts as cancelled.
    this.open?.resolve(null);
    return new Promise((resolve) => {
      this.open = { submit, resolve };
      this.prompt = { title, label, value: initial, error: null, busy: false };
    });
  }

  private close(path: string | null): void {
    const open = this.open;
    this.open = null;
    this.prompt = null;
    open?.resolve(path);
  }
}

/** `dir` + separator + `name`, with the separator `dir` already uses. */
function inFolder(dir: string | undefined, name: string): string {
  if (dir === undefined || dir === '') return name;
  const sep = dir.includes('\\') && !dir.includes('/') ? '\\' : '/';
  return dir.endsWith(sep) ? dir + name : dir + sep + name;
}
