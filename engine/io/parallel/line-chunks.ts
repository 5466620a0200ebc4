/**
 * Local line-based files (JSON lines, CSV, text) read in bounded chunks: each chunk's whole
 * lines go to the format's LineChunkDecoder and the unfinished last line moves to the front
 * for the next read. Reading a whole file first held all its bytes at once (a 20 MB file per
 * trigger, often two alive until the next GC), and glibc serves such large, short-lived
 * allocations from heap arenas it does not hand back, so RSS grew by several files' worth.
 * Chunk buffers are allocated once and reused; a line longer than a chunk grows that file's
 * buffer, as Hadoop's LineReader grows its line buffer.
 */
import { closeSync, fstatSync, openSync, promises as fs, readSync } from 'node:fs';
import type { FileReadResult, LineChunkDecoder } from '../formats/format';

/**
 * Bytes read per call: large enough that the read and the hand-off cost well under 1% of
 * decoding them, small enough that the query's thread (which reads while other files decode)
 * stays responsive and a batch's concurrent reads hold little.
 */
export const CHUNK_BYTES = 1024 * 1024;

/** Chunk buffers kept for reuse: the calling thread reads up to 8 files at once (read-files.ts). */
const MAX_SPARE = 8;
const spare: Buffer[] = [];

/**
 * How a file is read: 'async' in the query's thread (other work runs while the disk reads),
 * 'blocking' in a decode worker, which decodes one file at a time and blocks no one else.
 */
export type LocalIo = 'async' | 'blocking';

/** An open file: its size when opened, and positional reads. */
export interface OpenFile {
  readonly size: number;
  read(buf: Buffer, offset: number, length: number, position: number): Promise<number>;
  close(): Promise<void>;
}

export async function openLocal(path: string, io: LocalIo): Promise<OpenFile> {
  if (io === 'blocking') {
    const fd = openSync(path, 'r');
    let size: number;
    try {
      size = fstatSync(fd).size;
    } catch (e) {
      closeSync(fd);
      throw e;
    }
    return {
      size,
      read: async (buf, offset, length, position) => readSync(fd, buf, offset, length, position),
      close: async () => closeSync(fd),
    };
  }
  const handle = await fs.open(path, 'r');
  let size: number;
  try {
    size = (await handle.stat()).size;
  } catch (e) {
    await handle.close();
    throw e;
  }
  return {
    size,
    read: async (buf, offset, length, position) => (await handle.read(buf, offset, length, position)).bytesRead,
    close: () => handle.close(),
  };
}

/**
 * Feeds `file` (its first `file.size` bytes, as fs.readFile reads them) to `decoder` in
 * regions of whole lines and returns the decoded file. `chunkBytes` other than CHUNK_BYTES
 * (tests: a few bytes, so records split at every position) get a buffer of their own.
 */
export async function decodeInChunks(
  file: OpenFile,
  decoder: LineChunkDecoder,
  chunkBytes = CHUNK_BYTES,
): Promise<FileReadResult> {
  let buf = chunkBytes === CHUNK_BYTES ? takeChunk() : Buffer.alloc(Math.max(1, chunkBytes));
  try {
    let filled = 0;
    let position = 0;
    let sized = false;
    while (position < file.size) {
      if (filled === buf.length) buf = grown(buf, filled);
      const n = await file.read(buf, filled, Math.min(buf.length - filled, file.size - position), position);
      if (n === 0) break; // the file shrank since it was opened: what was read is the file
      position += n;
      filled += n;
      const cut = position >= file.size ? filled : lineBoundary(buf, filled);
      if (cut > 0) {
        decoder.push(buf, 0, cut);
        if (sized === false && position < file.size) decoder.expectBytes?.(position - filled + cut, file.size);
        sized = true;
        buf.copyWithin(0, cut, filled);
        filled -= cut;
      }
    }
    if (filled > 0) decoder.push(buf, 0, filled);
    return decoder.finish();
  } finally {
    giveBack(buf);
  }
}

/**
 * Where the whole lines in `buf[0, filled)` end: after the last `\n`, else after the last `\r`
 * that is not the final byte (a final `\r` may be the first half of a `\r\n`); 0 when no line
 * ends there yet.
 */
export function lineBoundary(buf: Buffer, filled: number): number {
  if (filled === 0) return 0;
  const lf = buf.lastIndexOf(10, filled - 1);
  if (lf >= 0) return lf + 1;
  if (filled < 2) return 0;
  return buf.lastIndexOf(13, filled - 2) + 1;
}

function takeChunk(): Buffer {
  // allocUnsafeSlow: a buffer of its own, not a slice of Node's shared pool.
  return spare.pop() ?? Buffer.allocUnsafeSlow(CHUNK_BYTES);
}

function giveBack(buf: Buffer): void {
  if (buf.length === CHUNK_BYTES && spare.length < MAX_SPARE) spare.push(buf);
}

/** A buffer twice as large holding `buf[0, filled)`: a line longer than the buffer. */
function grown(buf: Buffer, filled: number): Buffer {
  const bigger = Buffer.allocUnsafeSlow(buf.length * 2);
  buf.copy(bigger, 0, 0, filled);
  giveBack(buf);
  return bigger;
}
