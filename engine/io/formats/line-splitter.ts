/**
 * Splits decoded file text into lines as Hadoop's LineRecordReader does for Spark's text-based
 * sources: by default any of `\n`, `\r\n`, `\r` ends a line; with a `lineSep` option exactly
 * that string does. A trailing separator does not make an extra empty line. Lines are
 * reported as [start, end) offsets, so nothing is copied until a reader needs the text.
 */

import { SparkRuntimeException } from '../../errors';

/**
 * The largest file the text formats decode: a file is decoded into one JavaScript string,
 * and V8 caps a string at 2^29 - 24 UTF-16 units. A UTF-8 file never decodes to more units
 * than it has bytes, so files up to this many bytes always fit. There is no limit on the
 * length of a line within it (Hadoop's LineRecordReader has none by default), so a single
 * 100 MB line is read like any other.
 */
export const MAX_DECODED_FILE_BYTES = 2 ** 29 - 24;

/** A clear error instead of V8's RangeError when a file is too large to decode at once. */
export function checkDecodable(data: Uint8Array, path: string | undefined): void {
  if (data.byteLength <= MAX_DECODED_FILE_BYTES) return;
  const file = path ?? 'a file';
  throw new SparkRuntimeException(
    'FAILED_READ_FILE.NO_HINT',
    `Encountered error while reading file ${file}. It is ${data.byteLength} bytes; Tidemark reads json, csv and text files of up to ${MAX_DECODED_FILE_BYTES} bytes (512 MiB). Split the file into smaller ones.`,
    { messageParameters: { path: file }, sqlState: 'KD001', context: path === undefined ? undefined : { file: path } },
  );
}

/** Decodes UTF-8 bytes, dropping a leading byte-order mark (Spark's readers skip it too). */
export function decodeText(data: Uint8Array, path?: string): string {
  checkDecodable(data, path);
  const text = new TextDecoder('utf-8').decode(data);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export class LineSplitter {
  /** Bounds of the current line, after next() returned true. */
  start = 0;
  end = 0;
  /** 1-based number of the current line. */
  lineNumber = 0;
  private pos = 0;
  private nextLf = -2;
  private nextCr = -2;

  constructor(
    private readonly text: string,
    private readonly lineSep: string | null,
  ) {}

  next(): boolean {
    const t = this.text;
    if (this.pos >= t.length) return false;
    this.start = this.pos;
    this.lineNumber++;
    if (this.lineSep !== null) {
      const i = t.indexOf(this.lineSep, this.pos);
      this.end = i < 0 ? t.length : i;
      this.pos = i < 0 ? t.length : i + this.lineSep.length;
      return true;
    }
    // Cache the next \n and \r so that a file with only one kind stays linear.
    if (this.nextLf !== -1 && this.nextLf < this.pos) this.nextLf = t.indexOf('\n', this.pos);
    if (this.nextCr !== -1 && this.nextCr < this.pos) this.nextCr = t.indexOf('\r', this.pos);
    const lf = this.nextLf;
    const cr = this.nextCr;
    if (lf < 0 && cr < 0) {
      this.end = t.length;
      this.pos = t.length;
    } else if (cr < 0 || (lf >= 0 && lf < cr)) {
      this.end = lf;
      this.pos = lf + 1;
    } else {
      this.end = cr;
      this.pos = cr + 1 < t.length && t.charCodeAt(cr + 1) === 10 ? cr + 2 : cr + 1;
    }
    return true;
  }
}

/**
 * LineSplitter's default rule (`\n`, `\r\n` or `\r` ends a line) over UTF-8 bytes, for the JSON
 * fast path: those bytes never occur inside a multi-byte sequence, so lines and their numbers
 * are exactly the decoded text's.
 */
export class ByteLineSplitter {
  start = 0;
  end = 0;
  lineNumber = 0;
  private nextLf = -2;
  private nextCr = -2;

  constructor(
    private readonly bytes: Buffer,
    private pos: number,
  ) {}

  next(): boolean {
    const b = this.bytes;
    if (this.pos >= b.length) return false;
    this.start = this.pos;
    this.lineNumber++;
    if (this.nextLf !== -1 && this.nextLf < this.pos) this.nextLf = b.indexOf(10, this.pos);
    if (this.nextCr !== -1 && this.nextCr < this.pos) this.nextCr = b.indexOf(13, this.pos);
    const lf = this.nextLf;
    const cr = this.nextCr;
    if (lf < 0 && cr < 0) {
      this.end = b.length;
      this.pos = b.length;
    } else if (cr < 0 || (lf >= 0 && lf < cr)) {
      this.end = lf;
      this.pos = lf + 1;
    } else {
      this.end = cr;
      this.pos = cr + 1 < b.length && b[cr + 1] === 10 ? cr + 2 : cr + 1;
    }
    return true;
  }
}
