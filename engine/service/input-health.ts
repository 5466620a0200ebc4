/**
 * What a query's input has looked like so far: corrupt records counted across triggers and
 * the reader's warnings (e.g. IMPLAUSIBLE_TIMESTAMP) folded into one entry per warning
 * code and column, so the app can say "Creation_Time looks like nanoseconds" once, with
 * how many files showed it, instead of once per file.
 *
 * Warnings about the query rather than a file (STATE_MEMORY_HIGH, MEMORY_SINK_HIGH from
 * resource limits) keep their newest message instead of the first: it carries the sizes as
 * of the latest trigger, and the first would understate how close the query is to failing.
 */
import type { SourceWarning } from '../io/source';
import type { InputHealth, InputWarning } from './protocol';

export class InputHealthTracker {
  private numCorruptRecords = 0;
  private readonly warnings = new Map<string, { warning: SourceWarning; files: Set<string> }>();

  /** Adds one trigger's `progress.tidemark` extras. */
  record(extras: { readonly numCorruptRecords: number; readonly warnings: readonly SourceWarning[] } | undefined): void {
    if (extras === undefined) return;
    this.numCorruptRecords += extras.numCorruptRecords;
    for (const w of extras.warnings) {
      const key = `${w.code}\u0000${w.column ?? ''}`;
      let entry = this.warnings.get(key);
      if (entry === undefined) {
        entry = { warning: w, files: new Set() };
        this.warnings.set(key, entry);
      } else if (w.file === undefined) {
        entry.warning = w;
      }
      if (w.file !== undefined) entry.files.add(w.file);
    }
  }

  snapshot(): InputHealth {
    const warnings: InputWarning[] = [...this.warnings.values()].map(({ warning, files }) => ({
      code: warning.code,
      message: warning.message,
      column: warning.column ?? null,
      numFiles: files.size,
    }));
    return { numCorruptRecords: this.numCorruptRecords, warnings };
  }
}
