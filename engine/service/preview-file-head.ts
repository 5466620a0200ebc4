/**
 * The bytes of a file the preview reads. A preview shows the first rows, so a large file
 * of one-record-per-line data is read only up to a budget, cut after its last whole line
 * (lines and their numbers stay exactly as in the file). Formats where a record may span
 * lines (`multiLine`, `wholetext`) are read whole: a cut would make a bad record.
 */
import { promises as fs } from 'node:fs';

/** Bytes read from a line-based file before it is cut (whole lines only). */
export const PREVIEW_FILE_BYTES = 4 * 1024 * 1024;

export type FileHead =
  | { readonly ok: true; readonly data: Uint8Array }
  | { readonly ok: false; readonly reason: string };

/**
 * `lineSep` is the reader's separator when set (null: `\n`, `\r\n` or `\r`). A file that
 * vanished or cannot be read gives the reason instead of bytes.
 */
export async function readFileHead(
  path: string,
  lineBased: boolean,
  lineSep: string | null,
  budget = PREVIEW_FILE_BYTES,
  readBytes?: (path: string) => Promise<Uint8Array>,
): Promise<FileHead> {
  if (readBytes !== undefined) return headOfObject(path, lineBased, lineSep, budget, readBytes);
  try {
    const handle = await fs.open(path, 'r');
    try {
      const size = (await handle.stat()).size;
      if (!lineBased || size <= budget)
        return { ok: true, data: new Uint8Array(await handle.readFile()) };
      const buf = new Uint8Array(budget);
      const { bytesRead } = await handle.read(buf, 0, budget, 0);
      const cut = lastLineEnd(buf.subarray(0, bytesRead), lineSep);
      // One line longer than the budget: nothing shorter is a record, so read it all.
      if (cut <= 0) return { ok: true, data: new Uint8Array(await fs.readFile(path)) };
      return { ok: true, data: buf.slice(0, cut) };
    } finally {
      await handle.close();
    }
  } catch (e) {
    return { ok: false, reason: describeReadError(e) };
  }
}

/** An object-store file (S3): fetched whole, then cut after its last line within the budget. */
async function headOfObject(
  path: string,
  lineBased: boolean,
  lineSep: string | null,
  budget: number,
  readBytes: (path: string) => Promise<Uint8Array>,
): Promise<FileHead> {
  let data: Uint8Array;
  try {
    data = await readBytes(path);
  } catch (e) {
    return { ok: false, reason: describeReadError(e) };
  }
  if (!lineBased || data.length <= budget) return { ok: true, data };
  const cut = lastLineEnd(data.subarray(0, budget), lineSep);
  return { ok: true, data: cut <= 0 ? data : data.slice(0, cut) };
}

/** The offset just after the last complete line of `bytes`, or 0 when there is none. */
function lastLineEnd(bytes: Uint8Array, lineSep: string | null): number {
  if (lineSep === null) {
    for (let i = bytes.length - 1; i >= 0; i--)
      if (bytes[i] === 10 || bytes[i] === 13) return i + 1;
    return 0;
  }
  const sep = new TextEncoder().encode(lineSep);
  outer: for (let i = bytes.length - sep.length; i >= 0; i--) {
    for (let j = 0; j < sep.length; j++) if (bytes[i + j] !== sep[j]) continue outer;
    return i + sep.length;
  }
  return 0;
}

function describeReadError(e: unknown): string {
  const code = (e as { code?: string } | null)?.code;
  if (code === 'ENOENT') return 'the file was removed before it could be read';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a folder';
  return String((e as Error)?.message ?? e);
}
