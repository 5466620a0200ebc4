/**
 * The source-setup preview of an S3 prefix (moto on 127.0.0.1): the objects listed in the
 * stream's order with their keys below the prefix, the first rows read from the first
 * objects, the schema inferred when none is given, and a missing bucket's error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { previewSource } from '../../../engine/service/source-preview';
import { tableFromIPC } from 'apache-arrow';
import {
  createBucket,
  MOTO_ACCESS_KEY,
  MOTO_SECRET_KEY,
  putObject,
  startMoto,
  type MotoServer,
} from '../../helpers/moto-server';

let moto: MotoServer;
const CONF = { timeZone: 'UTC', columnNameOfCorruptRecord: '_corrupt_record' };

beforeAll(async () => {
  moto = await startMoto();
  await createBucket(moto, 'preview-lab');
  await putObject(
    moto,
    'preview-lab',
    'Iot/part-0.json',
    '{"Device":"nexus4_1","Index":1}\n{"Device":"nexus4_2","Index":2}\n',
  );
  await putObject(
    moto,
    'preview-lab',
    'Iot/part-1.json',
    '{"Device":"nexus4_1","Index":3}\n{bad\n',
  );
  await putObject(moto, 'preview-lab', 'Iot/_SUCCESS', '');
}, 600_000);
afterAll(async () => {
  await moto?.stop();
});

const options = {
  'fs.s3a.endpoint': '',
  'fs.s3a.path.style.access': 'true',
  'fs.s3a.access.key': MOTO_ACCESS_KEY,
  'fs.s3a.secret.key': MOTO_SECRET_KEY,
};

describe('previewSource over S3', () => {
  it('lists the objects, reads the first rows and infers the schema', async () => {
    const p = await previewSource(
      {
        path: 's3://preview-lab/Iot/',
        format: 'json',
        schema: null,
        options: { ...options, 'fs.s3a.endpoint': moto.endpoint },
      },
      100,
      CONF,
    );
    expect(p.files.map((f) => f.name).sort()).toEqual(['part-0.json', 'part-1.json']);
    expect(p.schemaDDL).toBe('`Device` STRING, `Index` BIGINT, `_corrupt_record` STRING');
    expect(p.inferred).toBe(true);
    expect(p.numRows).toBe(4);
    const table = tableFromIPC(p.ipc);
    expect(table.getChild('Index')?.toArray().slice(0, 3)).toEqual(
      BigInt64Array.from([1n, 2n, 3n]),
    );
    expect(p.corrupt).toEqual([
      expect.objectContaining({ file: 'part-1.json', line: 2, text: '{bad' }),
    ]);
  });

  it('a missing bucket is an S3 error naming the URI', async () => {
    await expect(
      previewSource(
        {
          path: 's3://no-such-preview/Iot/',
          format: 'json',
          schema: 'a INT',
          options: { ...options, 'fs.s3a.endpoint': moto.endpoint },
        },
        100,
        CONF,
      ),
    ).rejects.toThrow('[S3_ERROR.NoSuchBucket] ListObjectsV2 on s3://no-such-preview/Iot/ failed');
  });
});
