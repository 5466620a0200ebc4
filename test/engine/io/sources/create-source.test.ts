// The registry is replaced by the test line reader, so these tests pin what this folder
// decides (paths, schemas, errors, listing) independently of the JSON/CSV decoders.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { lineReader, TempFolder, values } from './source-fixtures';

vi.mock('../../../../engine/io/formats/registry', () => ({
  readerFor: () => lineReader,
  inferSchema: () => ({ inferred: true }),
}));

const { createStreamingSource } = await import('../../../../engine/io/sources/create-source');
const { checkSourcePath, readStaticFiles } =
  await import('../../../../engine/io/sources/static-files');
const { FileStreamSource } = await import('../../../../engine/io/sources/file-stream-source');
const { AnalysisException, IllegalArgumentException } = await import('../../../../engine/errors');
import type { SourceNode } from '../../../../engine/plan/logical-plan';

const conf = { timeZone: 'UTC', columnNameOfCorruptRecord: '_corrupt_record' };
const schemaJSON = {
  type: 'struct',
  fields: [{ name: 'value', type: 'string', nullable: false, metadata: {} }],
};

describe('createStreamingSource and readStaticFiles', () => {
  let dir: TempFolder;
  beforeEach(() => {
    dir = new TempFolder();
  });
  afterEach(() => dir.remove());

  const node = (over: Partial<SourceNode> = {}): SourceNode => ({
    op: 'source',
    id: 's0',
    format: 'json',
    path: dir.path,
    schema: schemaJSON,
    options: {},
    streaming: true,
    ...over,
  });

  it('builds a FileStreamSource with every field nullable (fileSource.schema.forceNullable)', async () => {
    const s = createStreamingSource(node(), conf);
    expect(s).toBeInstanceOf(FileStreamSource);
    expect(s.schema.fields.map((f) => [f.name, f.nullable])).toEqual([['value', true]]);
    await s.stop();
  });

  it('gives text its fixed value string schema', async () => {
    const s = createStreamingSource(node({ format: 'text', schema: undefined }), conf);
    expect(s.schema.simpleString()).toBe('struct<value:string>');
    await s.stop();
  });

  it("refuses a schema-less json stream with Spark's message", () => {
    expect(() => createStreamingSource(node({ schema: undefined }), conf)).toThrow(
      IllegalArgumentException,
    );
    expect(() => createStreamingSource(node({ schema: undefined }), conf)).toThrow(
      /Schema must be specified when creating a streaming source DataFrame/,
    );
  });

  it('fails a missing non-glob path with PATH_NOT_FOUND (DataSource.sourceSchema), not a glob', async () => {
    const missing = dir.at('nope');
    const error = (() => {
      try {
        createStreamingSource(node({ path: missing }), conf);
        return undefined;
      } catch (e) {
        return e;
      }
    })() as InstanceType<typeof AnalysisException>;
    expect(error).toBeInstanceOf(AnalysisException);
    expect(error.errorClass).toBe('PATH_NOT_FOUND');
    expect(error.sqlState).toBe('42K03');
    expect(error.message).toBe(
      `[PATH_NOT_FOUND] Path does not exist: file:${missing}. SQLSTATE: 42K03`,
    );
    const glob = createStreamingSource(node({ path: dir.at('nope-*') }), conf);
    expect(await glob.latestOffset()).toBeNull();
    await glob.stop();
  });

  it('rejects unknown formats with DATA_SOURCE_NOT_FOUND', () => {
    expect(() => createStreamingSource(node({ format: 'avro' }), conf)).toThrow(
      /\[DATA_SOURCE_NOT_FOUND\] Failed to find the data source: avro/,
    );
  });

  it('validates the options when the source is created', () => {
    expect(() =>
      createStreamingSource(node({ options: { maxFilesPerTrigger: '0' } }), conf),
    ).toThrow("Invalid value '0' for option 'maxFilesPerTrigger', must be a positive integer");
  });

  it('reads a folder once for spark.read, in path order, skipping hidden and temporary files', async () => {
    await dir.write('b.json', 'b1\nb2\n', Date.now() - 5000);
    await dir.write('a.json', 'a1\n!bad\n', Date.now());
    await dir.write('_SUCCESS', '');
    await dir.write('c.json.tmp', 'tmp\n');
    const r = await readStaticFiles(node({ streaming: false }), conf);
    expect(values(r.batch)).toEqual(['a1', 'b1', 'b2']);
    expect(r.files).toEqual([dir.at('a.json'), dir.at('b.json')]);
    expect(r.numCorruptRecords).toBe(1);
  });

  it('infers a schema when none is given, and refuses an empty folder (UNABLE_TO_INFER_SCHEMA)', async () => {
    await expect(
      readStaticFiles(node({ schema: undefined, streaming: false }), conf),
    ).rejects.toThrow(
      '[UNABLE_TO_INFER_SCHEMA] Unable to infer schema for JSON. It must be specified manually. SQLSTATE: 42KD9',
    );
  });

  it('fails a glob matching nothing with PATH_NOT_FOUND, as batch reads do', async () => {
    await expect(
      readStaticFiles(node({ path: dir.at('x-*'), streaming: false }), conf),
    ).rejects.toThrow(`Path does not exist: file:${dir.at('x-*')}.`);
  });

  it('checkSourcePath accepts existing paths', () => {
    expect(() => checkSourcePath(dir.path)).not.toThrow();
  });
});
