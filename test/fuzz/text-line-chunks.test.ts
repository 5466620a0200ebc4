/**
 * Issue 8 (memory): the text format's local files decoded a chunk at a time
 * (engine/io/parallel/line-chunks.ts) against the whole file: random lines with `\n`, `\r\n`,
 * `\r`, empty lines, byte-order marks at the start and inside, invalid UTF-8, × chunk sizes
 * from 1 byte, so a chunk ends at every position of a line, a separator pair and a multi-byte
 * character: the same `value` rows.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TextReader } from '../../engine/io/formats/text-reader';
import { decodeInChunks } from '../../engine/io/parallel/line-chunks';
import { parseDDL } from '../../engine/types/ddl';
import { fuzzParams } from './arbitraries/fuzz-settings';
import { lineFileArb, memoryFile } from './arbitraries/line-files';

const schema = parseDDL('value STRING');

const fileArb = lineFileArb(fc.oneof(fc.string({ maxLength: 10, unit: 'grapheme' }), fc.constantFrom('', '\ufeffx', 'é€😀')), [[0xff], [0xc3], [0xe2, 0x82], [0xf0, 0x9f]]);


describe('text read in chunks = read whole', () => {
  it('gives the same lines for any chunk size', async () => {
    await fc.assert(
      fc.asyncProperty(fileArb, fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 64 }), async (data, chunk, perRead) => {
        const reader = new TextReader({});
        const whole = reader.read('/fuzz/in.txt', data, schema).batch.toRows();
        const chunked = await decodeInChunks(memoryFile(data, perRead), reader.lineDecoder('/fuzz/in.txt', schema)!, chunk);
        expect(chunked.batch.toRows()).toEqual(whole);
      }),
      fuzzParams(1000),
    );
  });

  it('leaves wholetext and a lineSep to the whole-file read', () => {
    expect(new TextReader({ wholetext: 'true' }).lineDecoder('/t.txt', schema)).toBeNull();
    expect(new TextReader({ lineSep: ';' }).lineDecoder('/t.txt', schema)).toBeNull();
  });
});
