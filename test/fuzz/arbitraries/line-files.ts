// Files of lines for the chunked-reading fuzz tests: any mix of \n, \r\n and \r, with or without
// a final terminator, up to two byte-order marks, and up to two byte sequences that are not
// UTF-8 spliced in anywhere; and such a file as an OpenFile whose reads come back short.
import fc from 'fast-check';
import type { OpenFile } from '../../../engine/io/parallel/line-chunks';

export function lineFileArb(line: fc.Arbitrary<string>, badSequences: readonly number[][]): fc.Arbitrary<Buffer> {
  return fc
    .tuple(
      fc.array(fc.tuple(line, fc.constantFrom('\n', '\r\n', '\r')), { maxLength: 10 }),
      fc.boolean(),
      fc.nat(2),
      fc.array(fc.tuple(fc.nat(), fc.constantFrom(...badSequences)), { maxLength: 2 }),
    )
    .map(([lines, trailing, boms, bad]) => {
      const text = lines.map(([l, sep], i) => l + (i < lines.length - 1 || trailing ? sep : '')).join('');
      const bytes = [...Buffer.from('\ufeff'.repeat(boms) + text, 'utf8')];
      for (const [at, seq] of bad) if (bytes.length > 0) bytes.splice(at % bytes.length, 0, ...seq);
      return Buffer.from(bytes);
    });
}

/** The file as an OpenFile whose reads return at most `perRead` bytes (short reads happen). */
export function memoryFile(bytes: Buffer, perRead: number): OpenFile {
  return {
    size: bytes.length,
    read: async (buf, offset, length, position) => bytes.copy(buf, offset, position, position + Math.min(length, perRead)),
    close: async () => undefined,
  };
}
