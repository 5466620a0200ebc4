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
import { JsonByteBuffer } from '../../io/formats/json-write-buffer';
import { decodeStateValue, isPlainJson, stateValueJson } from './state-value-codec';
import type { StateChange } from './operator-state';

const VERSION_LINE = 'v1';
const NEWLINE = 0x0a;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const COLON = 0x3a;

/**
 * Writes the file's bytes into `out` (from its start) and returns them: one line at a time
 * into a buffer the caller keeps, so a delta of thousands of rows makes no array of lines,
 * no joined text (a large string lives until a full GC) and no encoded copy of it.
 */
export function writeStateChanges(changes: Iterable<StateChange>, out: JsonByteBuffer): Uint8Array {
  out.pos = 0;
  out.text(VERSION_LINE);
  out.byte(NEWLINE);
  for (const c of changes) {
    out.byte(OPEN_BRACKET);
    writeString(c[0], out);
    if (c.length === 2) {
      out.byte(COMMA);
      const value = c[1];
      if (isPlainJson(value)) writePlain(value, out);
      else out.text(stateValueJson(value));
    }
    out.byte(CLOSE_BRACKET);
    out.byte(NEWLINE);
  }
  return out.bytes.subarray(0, out.pos);
}

/**
 * JSON.stringify's text of a value isPlainJson accepts, written straight into `out`: a row's
 * key, window and counts make no string of their own on the way.
 */
function writePlain(value: unknown, out: JsonByteBuffer): void {
  if (typeof value === 'number') writeNumber(value, out);
  else if (typeof value === 'string') writeString(value, out);
  else if (value === null) out.text('null');
  else if (typeof value === 'boolean') out.text(value ? 'true' : 'false');
  else if (Array.isArray(value)) {
    out.byte(OPEN_BRACKET);
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out.byte(COMMA);
      writePlain(value[i], out);
    }
    out.byte(CLOSE_BRACKET);
  } else {
    out.byte(OPEN_BRACE);
    let first = true;
    for (const k in value as object) {
      if (!first) out.byte(COMMA);
      first = false;
      writeString(k, out);
      out.byte(COLON);
      writePlain((value as Record<string, unknown>)[k], out);
    }
    out.byte(CLOSE_BRACE);
  }
}

/** A finite number as JSON.stringify writes it: safe integers digit by digit, the rest via String(). */
function writeNumber(n: number, out: JsonByteBuffer): void {
  if (!Number.isSafeInteger(n)) {
    out.text(String(n));
    return;
  }
  out.ensure(17);
  const bytes = out.bytes;
  let v = n;
  if (v < 0) {
    bytes[out.pos++] = 0x2d;
    v = -v; // n is never -0 here (isPlainJson), so 0 writes "0"
  }
  let digits = 1;
  for (let t = v; t >= 10; t = Math.floor(t / 10)) digits++;
  let p = out.pos + digits;
  out.pos = p;
  // Exact: below 2^53, v / 10 is within 1/8 of its true value, so the floor is right.
  while (v >= 10) {
    const q = Math.floor(v / 10);
    bytes[--p] = 0x30 + (v - q * 10);
    v = q;
  }
  bytes[p - 1] = 0x30 + v;
}

/**
 * A string as JSON.stringify quotes it. Printable ASCII is copied, `"` and `\` escaped as it
 * escapes them (state keys are JSON text full of quotes); a control character or anything
 * beyond ASCII (escapes, UTF-8, lone surrogates) goes through JSON.stringify itself.
 */
function writeString(s: string, out: JsonByteBuffer): void {
  const n = s.length;
  out.ensure(2 * n + 2);
  const bytes = out.bytes;
  let p = out.pos;
  bytes[p++] = 0x22;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) {
      out.text(JSON.stringify(s));
      return;
    }
    if (c === 0x22 || c === 0x5c) bytes[p++] = 0x5c;
    bytes[p++] = c;
  }
  bytes[p++] = 0x22;
  out.pos = p;
}

/** The file's text (tests, and anything that wants it as a string). */
export function serializeStateChanges(changes: Iterable<StateChange>): string {
  return new TextDecoder().decode(writeStateChanges(changes, new JsonByteBuffer(1024)));
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
