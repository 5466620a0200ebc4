/**
 * Failures of host-side requests (grants, dialogs, workspace files) as values the UI can
 * show: an ErrorInfo with a class name, a message that names the path and what to do.
 */
import type { ErrorInfo, ErrorPosition } from '../engine/service/protocol';

export class HostSideError extends Error {
  constructor(readonly info: ErrorInfo) {
    super(info.message);
    this.name = info.name;
  }
}

function hostError(name: string, message: string, context?: ErrorPosition): HostSideError {
  return new HostSideError({
    name,
    errorClass: null,
    sqlState: null,
    message,
    ...(context === undefined ? {} : { context }),
  });
}

/** The renderer named a path outside every granted folder. */
export function notGranted(path: string, what: string): HostSideError {
  return hostError(
    'SecurityException',
    `${what}: Tidemark may not use ${path} because it is not inside a folder you picked. ` +
      'Pick it (or a folder that holds it) with the folder dialog first.',
    { file: path },
  );
}

export function illegalArgument(message: string): HostSideError {
  return hostError('IllegalArgumentException', message);
}

/**
 * Spark's PATH_NOT_FOUND (AnalysisException, SQLSTATE 42K03), the error a read of a missing
 * path raises, with a hint added after the SQLSTATE.
 */
export function pathNotFound(path: string, hint: string): HostSideError {
  return new HostSideError({
    name: 'AnalysisException',
    errorClass: 'PATH_NOT_FOUND',
    sqlState: '42K03',
    message: `[PATH_NOT_FOUND] Path does not exist: file:${path}. SQLSTATE: 42K03\n${hint}`,
    context: { file: path },
  });
}

/** A workspace file that cannot be read as a workspace. */
export function invalidWorkspace(file: string, message: string, line?: number): HostSideError {
  return hostError(
    'InvalidWorkspaceException',
    `${file}: ${message}`,
    line === undefined ? { file } : { file, line },
  );
}
