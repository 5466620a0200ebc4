/**
 * The S3 store against a real S3-compatible server (moto on 127.0.0.1): which keys are data
 * files, paging, bytes, requester pays on the wire, credentials (keys, a profile in a temp
 * AWS config, anonymous) and errors that name the s3:// URI and S3's error code.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ListingRules } from '../../../../../engine/io/sources/file-listing';
import { compileGlob } from '../../../../../engine/io/sources/glob-pattern';
import { readFiles } from '../../../../../engine/io/sources/read-files';
import { S3FileStore } from '../../../../../engine/io/sources/s3/s3-file-store';
import { parseS3Settings } from '../../../../../engine/io/sources/s3/s3-options';
import { readerFor } from '../../../../../engine/io/formats/registry';
import { toStructType } from '../../../../../engine/types/ddl';
import {
  createBucket,
  MOTO_ACCESS_KEY,
  MOTO_SECRET_KEY,
  putObject,
  recordingProxy,
  startMoto,
  type MotoServer,
} from '../../../../helpers/moto-server';

let moto: MotoServer;
const BUCKET = 'tidemark-store';

const rules = (over: Partial<ListingRules> = {}): ListingRules => ({
  recursiveFileLookup: false,
  isIgnoredName: (n) => n.endsWith('.tmp'),
  ...over,
});

const opts = (endpoint: string, extra: Record<string, string> = {}): Record<string, string> => ({
  'fs.s3a.endpoint': endpoint,
  'fs.s3a.path.style.access': 'true',
  'fs.s3a.access.key': MOTO_ACCESS_KEY,
  'fs.s3a.secret.key': MOTO_SECRET_KEY,
  ...extra,
});

const store = (uri: string, extra: Record<string, string> = {}, endpoint = moto.endpoint) =>
  new S3FileStore(uri, parseS3Settings(opts(endpoint, extra)));

beforeAll(async () => {
  moto = await startMoto();
  await createBucket(moto, BUCKET);
  const keys = [
    'iot/a.json',
    'iot/b.json',
    'iot/_SUCCESS',
    'iot/.hidden.json',
    'iot/write.tmp',
    'iot/sub/c.json',
    'iot/date=2024-01-01/d.json',
    'iot/_temporary/e.json',
    'iot/',
    'iot-archive/x.json',
    'logs/2024-01/f.json',
    'logs/2024-02/g.json',
    'logs/2023-12/h.json',
  ];
  for (const k of keys) await putObject(moto, BUCKET, k, k.endsWith('/') ? '' : `{"key":"${k}"}\n`);
}, 600_000);

afterAll(async () => {
  await moto?.stop();
});

const names = async (s: S3FileStore, r: ListingRules): Promise<string[]> =>
  (await s.list(r)).map((f) => f.path).sort();

describe('S3FileStore listing (Spark file-source rules over keys)', () => {
  it('lists the data files of a prefix: no folder markers, hidden or temp names, no sibling prefixes', async () => {
    expect(await names(store(`s3://${BUCKET}/iot/`), rules())).toEqual([
      `s3://${BUCKET}/iot/a.json`,
      `s3://${BUCKET}/iot/b.json`,
      `s3://${BUCKET}/iot/date=2024-01-01/d.json`,
    ]);
    // Without the trailing slash the prefix is the same folder, not `iot-archive/`.
    expect(await names(store(`s3a://${BUCKET}/iot`), rules())).toContain(
      `s3a://${BUCKET}/iot/a.json`,
    );
    expect(await names(store(`s3a://${BUCKET}/iot`), rules())).not.toContain(
      `s3a://${BUCKET}/iot-archive/x.json`,
    );
  });

  it('enters nested prefixes with recursiveFileLookup and applies pathGlobFilter to names', async () => {
    expect(await names(store(`s3://${BUCKET}/iot/`), rules({ recursiveFileLookup: true }))).toEqual(
      [
        `s3://${BUCKET}/iot/a.json`,
        `s3://${BUCKET}/iot/b.json`,
        `s3://${BUCKET}/iot/date=2024-01-01/d.json`,
        `s3://${BUCKET}/iot/sub/c.json`,
      ],
    );
    expect(
      await names(store(`s3://${BUCKET}/iot/`), rules({ pathGlobFilter: compileGlob('a*') })),
    ).toEqual([`s3://${BUCKET}/iot/a.json`]);
  });

  it('expands a glob path one key component at a time, and takes a single object path', async () => {
    expect(await names(store(`s3://${BUCKET}/logs/2024-*`), rules())).toEqual([
      `s3://${BUCKET}/logs/2024-01/f.json`,
      `s3://${BUCKET}/logs/2024-02/g.json`,
    ]);
    expect(await names(store(`s3://${BUCKET}/logs/*/h.json`), rules())).toEqual([
      `s3://${BUCKET}/logs/2023-12/h.json`,
    ]);
    expect(await names(store(`s3://${BUCKET}/iot/b.json`), rules())).toEqual([
      `s3://${BUCKET}/iot/b.json`,
    ]);
  });

  it('pages through ListObjectsV2 with continuation tokens; size and LastModified come along', async () => {
    const paged = new S3FileStore(`s3://${BUCKET}/iot/`, parseS3Settings(opts(moto.endpoint)), 1);
    const listed = await paged.list(rules({ recursiveFileLookup: true }));
    expect(listed.map((f) => f.path).sort()).toEqual(
      await names(store(`s3://${BUCKET}/iot/`), rules({ recursiveFileLookup: true })),
    );
    const a = listed.find((f) => f.path.endsWith('/a.json'))!;
    expect(a.size).toBe(Buffer.byteLength(`{"key":"iot/a.json"}\n`));
    expect(Math.abs(a.mtimeMs - Date.now())).toBeLessThan(3_600_000);
  });

  it('a missing prefix of an existing bucket lists nothing (as a missing folder)', async () => {
    expect(await names(store(`s3://${BUCKET}/nothing-here/`), rules())).toEqual([]);
  });
});

describe('S3FileStore reads', () => {
  it('reads objects through readFiles; a vanished key is FILE_NOT_EXIST naming the s3:// URI', async () => {
    const s = store(`s3://${BUCKET}/iot/`);
    const schema = toStructType('key STRING');
    const reader = readerFor(
      'json',
      {},
      { timeZone: 'UTC', columnNameOfCorruptRecord: '_corrupt_record' },
    );
    const ok = await readFiles([`s3://${BUCKET}/iot/a.json`], reader, schema, {
      ignoreMissingFiles: false,
      readBytes: s.readBytes,
    });
    expect(ok.batch.toArrays()).toEqual([['iot/a.json']].map((r) => r));
    await expect(
      readFiles([`s3://${BUCKET}/iot/gone.json`], reader, schema, {
        ignoreMissingFiles: false,
        readBytes: s.readBytes,
      }),
    ).rejects.toThrow(
      `FAILED_READ_FILE.FILE_NOT_EXIST] Encountered error while reading file s3://${BUCKET}/iot/gone.json`,
    );
    const skipped = await readFiles([`s3://${BUCKET}/iot/gone.json`], reader, schema, {
      ignoreMissingFiles: true,
      readBytes: s.readBytes,
    });
    expect(skipped.batch.numRows).toBe(0);
    expect(skipped.warnings[0].message).toBe(`Skipped missing file: s3://${BUCKET}/iot/gone.json`);
  });
});

describe('S3 requests on the wire', () => {
  it('sends x-amz-request-payer: requester on List and Get with fs.s3.useRequesterPaysHeader', async () => {
    const proxy = await recordingProxy(moto.endpoint);
    try {
      for (const [option, expected] of [
        ['fs.s3.useRequesterPaysHeader', 'requester'],
        ['fs.s3a.requester.pays.enabled', 'requester'],
        ['none', undefined],
      ] as const) {
        proxy.requests.length = 0;
        const s = store(
          `s3://${BUCKET}/iot/`,
          option === 'none' ? {} : { [option]: 'TRUE' },
          proxy.endpoint,
        );
        const [first] = await s.list(rules());
        await s.readBytes(first.path);
        s.close();
        const list = proxy.requests.find(
          (r) => r.method === 'GET' && r.url.includes('list-type=2'),
        );
        const get = proxy.requests.find((r) => r.method === 'GET' && r.url.includes('/iot/'));
        expect(list, option).toBeDefined();
        expect(get, option).toBeDefined();
        expect(list!.headers['x-amz-request-payer'], option).toBe(expected);
        expect(get!.headers['x-amz-request-payer'], option).toBe(expected);
      }
    } finally {
      await proxy.stop();
    }
  });

  it('signs with explicit keys, with a profile from the AWS config files, or not at all (anonymous)', async () => {
    const proxy = await recordingProxy(moto.endpoint);
    const home = mkdtempSync(join(tmpdir(), 'tidemark-s3-profile-'));
    const saved = { ...process.env };
    try {
      writeFileSync(join(home, 'config'), '[profile lab]\nregion = eu-west-3\n');
      writeFileSync(
        join(home, 'credentials'),
        '[lab]\naws_access_key_id = PROFILEKEYID\naws_secret_access_key = profile-secret\n',
      );
      process.env.AWS_CONFIG_FILE = join(home, 'config');
      process.env.AWS_SHARED_CREDENTIALS_FILE = join(home, 'credentials');
      for (const k of [
        'AWS_ACCESS_KEY_ID',
        'AWS_SECRET_ACCESS_KEY',
        'AWS_SESSION_TOKEN',
        'AWS_PROFILE',
        'AWS_REGION',
        'AWS_DEFAULT_REGION',
      ])
        delete process.env[k];
      const base = { 'fs.s3a.endpoint': proxy.endpoint, 'fs.s3a.path.style.access': 'true' };
      const auth = async (o: Record<string, string>): Promise<string | undefined> => {
        proxy.requests.length = 0;
        const s = new S3FileStore(`s3://${BUCKET}/iot/`, parseS3Settings(o));
        expect((await s.list(rules())).length).toBe(3);
        s.close();
        return proxy.requests[0].headers.authorization as string | undefined;
      };
      expect(
        await auth({ ...base, 'FS.S3A.ACCESS.KEY': 'EXPLICITKEY', 'fs.s3a.secret.key': 'x' }),
      ).toMatch(/Credential=EXPLICITKEY\/\d{8}\/us-east-1\/s3\//);
      // The profile gives the keys and the region.
      expect(await auth({ ...base, 'fs.s3a.profile': 'lab' })).toMatch(
        /Credential=PROFILEKEYID\/\d{8}\/eu-west-3\/s3\//,
      );
      process.env.AWS_PROFILE = 'lab';
      expect(await auth(base)).toMatch(/Credential=PROFILEKEYID\//);
      expect(
        await auth({
          ...base,
          'fs.s3a.aws.credentials.provider':
            'org.apache.hadoop.fs.s3a.AnonymousAWSCredentialsProvider',
        }),
      ).toBeUndefined();
    } finally {
      process.env = saved;
      rmSync(home, { recursive: true, force: true });
      await proxy.stop();
    }
  });
});

describe('S3 errors', () => {
  it('a missing bucket is S3_ERROR.NoSuchBucket naming the s3:// URI, without the secret', async () => {
    const err = await store('s3://no-such-bucket-here/iot/')
      .list(rules())
      .catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    const message = (err as Error).message;
    expect(message).toContain(
      '[S3_ERROR.NoSuchBucket] ListObjectsV2 on s3://no-such-bucket-here/iot/ failed: NoSuchBucket',
    );
    expect(message).toContain('Check the bucket name');
    expect(message).not.toContain(MOTO_SECRET_KEY);
  });

  it('an unreachable endpoint names the endpoint and the connection error', async () => {
    const dead = 'http://127.0.0.1:9';
    const err = await store(`s3://${BUCKET}/iot/`, {}, dead)
      .list(rules())
      .catch((e: Error) => e);
    expect((err as Error).message).toMatch(
      /^\[S3_ERROR\.ECONNREFUSED\] ListObjectsV2 on s3:\/\/tidemark-store\/iot\/ failed: ECONNREFUSED.*The S3 endpoint http:\/\/127\.0\.0\.1:9 cannot be reached/s,
    );
    expect((err as Error).message).not.toContain(MOTO_SECRET_KEY);
  });
});
