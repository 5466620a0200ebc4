/**
 * Workspace files carry a `version`; a file written by an older Tidemark is brought up to
 * the current version on open, one step at a time, before its shape is checked. Each step
 * is data in MIGRATIONS (from-version → function), the way plan JSON migrates
 * (engine/plan/plan-json.ts), so a format change adds one entry and a test.
 */
export const CURRENT_WORKSPACE_VERSION = 1;

/** Rewrites a workspace object of version N into version N + 1 (pure; returns a new object). */
export type WorkspaceMigration = (
  workspace: Readonly<Record<string, unknown>>,
) => Record<string, unknown>;

/** Version 1 is the first format, so nothing migrates yet. */
export const MIGRATIONS: Readonly<Record<number, WorkspaceMigration>> = {};

/** Why a file's version cannot be read by this Tidemark. */
export class WorkspaceVersionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkspaceVersionError';
  }
}

/**
 * `raw` (a parsed workspace object) at `current`: migrated step by step, with `version` set
 * after each step. A newer file than this Tidemark knows is refused rather than guessed at.
 */
export function migrateWorkspace(
  raw: Readonly<Record<string, unknown>>,
  migrations: Readonly<Record<number, WorkspaceMigration>> = MIGRATIONS,
  current: number = CURRENT_WORKSPACE_VERSION,
): Record<string, unknown> {
  const version = raw.version;
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 0)
    throw new WorkspaceVersionError('version must be a whole number');
  if (version > current)
    throw new WorkspaceVersionError(
      `version ${version} was written by a newer Tidemark; this one reads up to version ${current}. ` +
        'Update Tidemark to open it.',
    );
  let workspace: Record<string, unknown> = { ...raw };
  for (let v = version; v < current; v++) {
    const step = migrations[v];
    if (step === undefined)
      throw new WorkspaceVersionError(
        `version ${version} cannot be migrated: no migration from version ${v} to ${v + 1}`,
      );
    workspace = { ...step(workspace), version: v + 1 };
  }
  return workspace;
}
