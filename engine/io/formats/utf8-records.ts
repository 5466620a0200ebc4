/**
 * UTF-8 decoding for the JSON reader, which must know which records hold invalid UTF-8.
 *
 * Spark hands each JSON record's bytes to Jackson's byte-based parser (CreateJacksonParser),
 * which rejects an invalid sequence ("Invalid UTF-8 start byte"), so JacksonParser reports a
 * BadRecordException and the record follows the parse mode like any other malformed record.
 * CSV and text decode through Java's decoders, which substitute U+FFFD instead; those readers
 * use `decodeText`.
 *
 * Valid files cost one strict decode. Only a file that fails it is checked line by line:
 * `\n` and `\r` bytes never occur inside a multi-byte UTF-8 sequence, so splitting the bytes
 * by LineSplitter's rules numbers the lines exactly as the decoded text's lines.
 */
import { checkDecodable, decodeText } from './line-splitter';

export interface CheckedText {
  /** The decoded text (byte-order mark dropped, invalid sequences as U+FFFD). */
  readonly text: string;
  /** 1-based numbers of the lines holding invalid UTF-8 (none for a valid file). */
  readonly invalidLines: ReadonlySet<number>;
}

const NONE: ReadonlySet<number> = new Set();
const strict = new TextDecoder('utf-8', { fatal: true });

/** Decodes `data`, noting the lines (split by `lineSep`, or `\n`/`\r\n`/`\r` when null) that are not UTF-8. */
export function decodeUtf8Checked(
  data: Uint8Array,
  lineSep: string | null,
  path?: string,
): CheckedText {
  checkDecodable(data, path);
  try {
    // A second BOM after the one the decoder drops is text, as decodeText treats it.
    const text = strict.decode(data);
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, invalidLines: NONE };
  } catch {
    return { text: decodeText(data), invalidLines: invalidUtf8Lines(data, lineSep) };
  }
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    strict.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function invalidUtf8Lines(data: Uint8Array, lineSep: string | null): Set<number> {
  const invalid = new Set<number>();
  const sep = lineSep === null ? null : Buffer.from(lineSep, 'utf8');
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  let pos = 0;
  let line = 0;
  while (pos < bytes.length) {
    line++;
    let end: number;
    let next: number;
    if (sep !== null) {
      const i = bytes.indexOf(sep, pos);
      end = i < 0 ? bytes.length : i;
      next = i < 0 ? bytes.length : i + sep.length;
    } else {
      end = pos;
      while (end < bytes.length && bytes[end] !== 10 && bytes[end] !== 13) end++;
      next = end + (bytes[end] === 13 && bytes[end + 1] === 10 ? 2 : 1);
    }
    if (!isUtf8(bytes.subarray(pos, end))) invalid.add(line);
    pos = next;
  }
  return invalid;
}
