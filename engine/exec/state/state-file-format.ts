/**
 * The text of state files (HDFSBackedStateStoreProvider's `<version>.delta` and
 * `<version>.snapshot`, here as JSON lines instead of UnsafeRow bytes):
 *
 *   v1                                  format version line, as Spark's metadata logs
 *   ["<key>",<value>]                   a key and its value (values via state-value-codec)
 *   ["<key>"]                           a removed key (delta files only)
 *
 * A delta holds only what one batch changed; a snapshot holds every row of a version, in
 * store order. Restoring a version = its latest snapshot, then every later delta in order.
 */
import { decodeStateValue, encodeStateValue } from './state-value-codec';
import type { StateChange } from './operator-state';

const VERSION_LINE = 'v1';

export function serializeStateChanges(changes: Iterable<StateChange>): string {
  const lines = [VERSION_LINE];
  for (const c of changes) {
    lines.push(c.length === 1 ? JSON.stringify([c[0]]) : JSON.stringify([c[0], encodeStateValue(c[1])]));
  }
  return lines.join('\n') + '\n';
}

/** `file` names the file in the error when the text is not a state file. */
export function parseStateChanges(text: string, file: string): StateChange[] {
  const lines = text.split('\n');
  if (lines[0] !== VERSION_LINE) {
    throw new Error(`${file} is not a state file of this Tidemark version: its first line is ${JSON.stringify(lines[0])}, expected "${VERSION_LINE}"`);
  }
  const out: StateChange[] = [];
  for (let i = 1; i < lines.length; i++) {
    if (lines[i] === '') continue;
    let entry: unknown;
    try {
      entry = JSON.parse(lines[i]);
    } catch (e) {
      throw new Error(`${file} line ${i + 1} is not valid JSON: ${(e as Error).message}`);
    }
    if (!Array.isArray(entry) || typeof entry[0] !== 'string' || entry.length > 2) {
      throw new Error(`${file} line ${i + 1} is not a state entry (["key", value] or ["key"])`);
    }
    out.push(entry.length === 1 ? [entry[0]] : [entry[0], decodeStateValue(entry[1])]);
  }
  return out;
}

/** Applies changes to rows in place: a put keeps an existing key's position, a new key goes last (Map order). */
export function applyStateChanges(rows: Map<string, unknown>, changes: Iterable<StateChange>): void {
  for (const c of changes) {
    if (c.length === 1) rows.delete(c[0]);
    else rows.set(c[0], c[1]);
  }
}
