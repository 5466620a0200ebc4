// Which workspace file a launch asks to open (`tidemark monitor.tidemark.json`, a double
// click in the file manager, or a second launch forwarded to the first instance). Pure, so
// tests can check it without Electron.
import { resolve } from 'node:path';
import { WORKSPACE_SUFFIX } from './workspace';

/**
 * The last `*.tidemark.json` argument, resolved against the launching shell's folder, or
 * null. argv[0] is the executable; flags (`--inspect`, Chromium's own) are never files.
 */
export function workspaceFileInArgs(argv: readonly string[], cwd: string): string | null {
  const files = argv
    .slice(1)
    .filter((a) => !a.startsWith('-') && a.toLowerCase().endsWith(WORKSPACE_SUFFIX));
  const last = files.at(-1);
  return last === undefined ? null : resolve(cwd, last);
}
