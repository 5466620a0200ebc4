/**
 * Issue 8 (memory): local JSON-lines files are decoded a chunk at a time
 * (engine/io/parallel/line-chunks.ts) instead of whole. Differentially against reading the
 * whole file: random files (records, blank lines, malformed and truncated records, `\n`,
 * `\r\n`, `\r` and mixed separators, byte-order marks, invalid UTF-8, lines longer than the
 * chunk) × chunk sizes from 1 byte up, so a chunk ends at every position of a record, of a
 * separator pair and of a multi-byte character: rows, corrupt count, warnings and the FAILFAST
 * error (its line number) must be exactly the whole file's.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TidemarkError } from '../../engine/errors';
import type { FileReadResult } from '../../engine/io/formats/format';
import { JsonReader } from '../../engine/io/formats/json-reader';
import { decodeInChunks } from '../../engine/io/parallel/line-chunks';
import { parseDDL } from '../../engine/types/ddl';
import { fuzzParams } from './arbitraries/fuzz-settings';
import { lineFileArb, memoryFile } from './arbitraries/line-files';

const conf = { timeZone: 'UTC', columnNameOfCorruptRecord: '_corrupt_record' };
const schema = parseDDL('a INT, b STRING, ts TIMESTAMP, `é` DOUBLE, _corrupt_record STRING');

const record = fc.oneof(
  { weight: 6, arbitrary: fc.record({ a: fc.integer(), b: fc.string({ maxLength: 12, unit: 'grapheme' }), ts: fc.nat(), é: fc.double({ noNaN: true, noDefaultInfinity: true }) }, { requiredKeys: [] }).map((r) => JSON.stringify(r)) },
  { weight: 1, arbitrary: fc.constantFrom('', '  ', '{"a":', '{"a":"x"}', 'null', '[{"a":1},{"a":2}]', '{"b":"\\u00e9\\n"}', "{'a':1}", '\ufeff{"a":3}', '{"a":1} trailing') },
);

/** Lines joined by random separators, maybe BOMs first, maybe invalid UTF-8 bytes inside. */
const fileArb = lineFileArb(record, [[0xff], [0xc3], [0xe2, 0x82], [0xc3, 0xa9]]);


type Outcome = { rows: Record<string, unknown>[]; corrupt: number; warnings: unknown[] } | { error: string };

async function outcome(run: () => FileReadResult | Promise<FileReadResult>): Promise<Outcome> {
  try {
    const r = await run();
    return { rows: r.batch.toRows(), corrupt: r.numCorruptRecords, warnings: [...r.warnings] };
  } catch (e) {
    if (!(e instanceof TidemarkError)) throw e;
    return { error: `${e.errorClass}: ${e.message} ${JSON.stringify(e.context)}` };
  }
}

describe('JSON lines read in chunks = read whole', () => {
  it('gives the same rows, corrupt count, warnings and FAILFAST error for any chunk size', async () => {
    await fc.assert(
      fc.asyncProperty(
        fileArb,
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 64 }),
        fc.constantFrom('PERMISSIVE', 'DROPMALFORMED', 'FAILFAST'),
        fc.option(fc.constantFrom(['a'], ['b', 'ts'], ['a', '_corrupt_record']), { nil: undefined }),
        async (data, chunk, perRead, mode, required) => {
          const reader = new JsonReader({ mode, timestampUnit: 'ms' }, conf);
          const whole = await outcome(() => reader.read('/fuzz/in.json', data, schema, required));
          const chunked = await outcome(() => {
            const decoder = reader.lineDecoder('/fuzz/in.json', schema, required);
            if (decoder === null) throw new Error('the fast path should take this schema');
            return decodeInChunks(memoryFile(data, perRead), decoder, chunk);
          });
          expect(chunked).toEqual(whole);
        },
      ),
      fuzzParams(1000),
    );
  });

  it('splits every record at every position: chunk sizes 1 to the file length', async () => {
    const text = '\ufeff{"a":1,"b":"é"}\r\n\r\n{"a":2,"b":"x\\ny"}\r{"a":"bad"}\n{"a":\n  \n{"ts":1424686735175}\r\n';
    const data = Buffer.from(text, 'utf8');
    for (const mode of ['PERMISSIVE', 'FAILFAST']) {
      const reader = new JsonReader({ mode, timestampUnit: 'ms' }, conf);
      const whole = await outcome(() => reader.read('/t/in.json', data, schema));
      for (let chunk = 1; chunk <= data.length; chunk++) {
        const chunked = await outcome(() => decodeInChunks(memoryFile(data, data.length), reader.lineDecoder('/t/in.json', schema)!, chunk));
        expect(chunked, `chunk ${chunk} bytes, ${mode}`).toEqual(whole);
      }
    }
  });

  it('names the line of a malformed record after many chunks (FAILFAST)', async () => {
    const lines = Array.from({ length: 500 }, (_, i) => JSON.stringify({ a: i, b: `user-${i}` }));
    lines[436] = '{"a": 1,';
    const data = Buffer.from(lines.join('\r\n'), 'utf8');
    const reader = new JsonReader({ mode: 'FAILFAST' }, conf);
    await expect(decodeInChunks(memoryFile(data, 1000), reader.lineDecoder('/t/in.json', schema)!, 97)).rejects.toMatchObject({
      errorClass: 'MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION',
      context: expect.objectContaining({ line: 437 }),
    });
  });
});
