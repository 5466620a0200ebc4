/**
 * FileStreamSource over the S3 store, against moto on 127.0.0.1: the file-source options
 * behave as for folders (FileStreamSourceSuite: maxFilesPerTrigger, latestFirst, maxFileAge,
 * nested prefixes), and the source log under the checkpoint holds `s3://` URIs so a restart
 * re-reads exactly an uncommitted batch's objects and never a committed one's.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createStreamingSource } from '../../../../../engine/io/sources/create-source';
import {
  FileStreamSource,
  type FileSourceOffset,
} from '../../../../../engine/io/sources/file-stream-source';
import type { Source } from '../../../../../engine/io/source';
import { toStructType } from '../../../../../engine/types/ddl';
import {
  createBucket,
  MOTO_ACCESS_KEY,
  MOTO_SECRET_KEY,
  putObject,
  startMoto,
  type MotoServer,
} from '../../../../helpers/moto-server';

let moto: MotoServer;
let dir: string;
let bucketCount = 0;
const sources: Source[] = [];
const CONF = { timeZone: 'UTC', columnNameOfCorruptRecord: '_corrupt_record' };

beforeAll(async () => {
  moto = await startMoto();
  dir = mkdtempSync(join(tmpdir(), 'tidemark-s3-stream-'));
}, 600_000);
afterEach(async () => {
  for (const s of sources.splice(0)) await s.stop();
});
afterAll(async () => {
  await moto?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function freshBucket(): Promise<string> {
  const bucket = `stream-${++bucketCount}`;
  await createBucket(moto, bucket);
  return bucket;
}

/** A json source on `uri` through createStreamingSource, as a query builds it. */
function source(
  uri: string,
  options: Record<string, string> = {},
  metadata?: string,
): FileStreamSource {
  const s = createStreamingSource(
    {
      op: 'source',
      id: 'source-0',
      format: 'json',
      path: uri,
      schema: toStructType('id INT').jsonValue(),
      options: {
        'fs.s3a.endpoint': moto.endpoint,
        'fs.s3a.path.style.access': 'true',
        'fs.s3a.access.key': MOTO_ACCESS_KEY,
        'fs.s3a.secret.key': MOTO_SECRET_KEY,
        ...options,
      },
      streaming: true,
    },
    CONF,
    metadata,
  ) as FileStreamSource;
  sources.push(s);
  return s;
}

const ids = async (s: FileStreamSource, start: FileSourceOffset | null, end: FileSourceOffset) =>
  (await s.getBatch(start, end)).batch.toArrays().map((r) => r[0]);

/** Triggers until no new offset; the ids of each batch. */
async function drain(
  s: FileStreamSource,
  from: FileSourceOffset | null = null,
): Promise<unknown[][]> {
  const out: unknown[][] = [];
  let start = from;
  for (;;) {
    const end = await s.latestOffset();
    if (end === null || (start !== null && end.logOffset === start.logOffset)) return out;
    out.push(await ids(s, start, end));
    start = end;
  }
}

/** Objects with distinct LastModified seconds (S3 keeps whole seconds), oldest first. */
async function putSpaced(bucket: string, objects: [string, number][]): Promise<void> {
  for (const [i, [key, id]] of objects.entries()) {
    if (i > 0) await sleep(1100);
    await putObject(moto, bucket, key, `{"id":${id}}\n`);
  }
}

describe('FileStreamSource over S3', () => {
  it('describes itself with the s3:// URI and reads each new object once', async () => {
    const bucket = await freshBucket();
    const s = source(`s3://${bucket}/iot/`);
    expect(s.description).toBe(`FileStreamSource[s3://${bucket}/iot/]`);
    expect(await s.latestOffset()).toBeNull();
    await putObject(moto, bucket, 'iot/1.json', '{"id":1}\n{"id":2}\n');
    const o0 = (await s.latestOffset())!;
    expect(await ids(s, null, o0)).toEqual([1, 2]);
    expect(await s.latestOffset()).toEqual(o0);
    await putObject(moto, bucket, 'iot/2.json', '{"id":3}\n');
    await putObject(moto, bucket, 'iot/_tmp.json', '{"id":99}\n');
    const o1 = (await s.latestOffset())!;
    expect(o1.logOffset).toBe(1);
    expect(await ids(s, o0, o1)).toEqual([3]);
  });

  it('maxFilesPerTrigger takes the oldest objects first; latestFirst the newest', async () => {
    const bucket = await freshBucket();
    // Names sort against upload order, so order by LastModified is what is tested.
    await putSpaced(bucket, [
      ['d/c.json', 1],
      ['d/b.json', 2],
      ['d/a.json', 3],
    ]);
    expect(await drain(source(`s3://${bucket}/d/`, { maxFilesPerTrigger: '2' }))).toEqual([
      [1, 2],
      [3],
    ]);
    expect(
      await drain(source(`s3://${bucket}/d/`, { maxFilesPerTrigger: '1', latestFirst: 'true' })),
    ).toEqual([[3], [2], [1]]);
    // maxBytesPerTrigger 1: the first object always goes in, the next would overflow.
    expect(await drain(source(`s3://${bucket}/d/`, { maxBytesPerTrigger: '1' }))).toEqual([
      [1],
      [2],
      [3],
    ]);
  });

  it('maxFileAge: after a restart, objects older than newest-seen minus maxFileAge are not read', async () => {
    const bucket = await freshBucket();
    await putSpaced(bucket, [
      ['d/old.json', 1],
      ['d/new.json', 2],
    ]);
    const meta = join(dir, `age-${bucket}`);
    // Run 1 reads only new.json (a name filter), then stops.
    expect(await drain(source(`s3://${bucket}/d/`, { pathGlobFilter: 'new*' }, meta))).toEqual([
      [2],
    ]);
    // Run 2: old.json is at least 1 s older than new.json (S3 keeps whole seconds); with
    // maxFileAge 500ms it is too old to read.
    const aged = source(`s3://${bucket}/d/`, { maxFileAge: '500ms' }, meta);
    expect(await aged.latestOffset()).toEqual({ logOffset: 0 });
    // With the default (7 days) it would be read.
    const meta2 = join(dir, `age2-${bucket}`);
    expect(await drain(source(`s3://${bucket}/d/`, { pathGlobFilter: 'new*' }, meta2))).toEqual([
      [2],
    ]);
    expect(await drain(source(`s3://${bucket}/d/`, {}, meta2), { logOffset: 0 })).toEqual([[1]]);
  });

  it('nested prefixes: partition folders always, any folder with recursiveFileLookup', async () => {
    const bucket = await freshBucket();
    await putObject(moto, bucket, 'n/top.json', '{"id":1}\n');
    await putObject(moto, bucket, 'n/day=1/p.json', '{"id":2}\n');
    await putObject(moto, bucket, 'n/deep/er/x.json', '{"id":3}\n');
    const flat = (await drain(source(`s3://${bucket}/n/`))).flat();
    expect(flat.sort()).toEqual([1, 2]);
    const all = (await drain(source(`s3://${bucket}/n/`, { recursiveFileLookup: 'true' }))).flat();
    expect(all.sort()).toEqual([1, 2, 3]);
  });

  it('restart: the logged but uncommitted batch re-reads exactly its objects; later ones come next', async () => {
    const bucket = await freshBucket();
    const meta = join(dir, `restart-${bucket}`);
    await putObject(moto, bucket, 'r/a.json', '{"id":1}\n');
    await putObject(moto, bucket, 'r/b.json', '{"id":2}\n');
    const first = source(`s3://${bucket}/r/`, {}, meta);
    const o0 = (await first.latestOffset())!;
    expect(await ids(first, null, o0)).toEqual([1, 2]);
    // Batch 1 is planned and logged, then the process "dies" before running it.
    await putObject(moto, bucket, 'r/c.json', '{"id":3}\n');
    const o1 = (await first.latestOffset())!;
    await first.stop();
    const log = readFileSync(join(meta, '1'), 'utf8');
    expect(log).toContain(`"path":"s3://${bucket}/r/c.json"`);
    await putObject(moto, bucket, 'r/d.json', '{"id":4}\n');

    const second = source(`s3://${bucket}/r/`, {}, meta);
    // The re-run of batch 1 reads exactly what was logged (not d.json, which came later).
    expect(await ids(second, o0, o1)).toEqual([3]);
    // Then only the object not yet logged; a, b and c are never read again.
    expect(await drain(second, o1)).toEqual([[4]]);
  });

  it('rejects cleanSource (S3 has no rename) and half-given keys, naming the options', () => {
    expect(() => source('s3://some-bucket/x/', { cleanSource: 'delete' })).toThrow(
      "Option 'cleanSource' = 'delete' is not supported for S3 sources (s3://some-bucket/x/)",
    );
    expect(() =>
      source('s3://some-bucket/x/', { 'fs.s3a.secret.key': '', 'fs.s3a.access.key': 'k' }),
    ).toThrow("Set both 'fs.s3a.access.key' and 'fs.s3a.secret.key', or neither");
  });
});
