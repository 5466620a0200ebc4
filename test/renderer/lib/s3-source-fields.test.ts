import { describe, expect, it } from 'vitest';
import {
  ANONYMOUS_PROVIDER,
  isChecked,
  isS3Uri,
  S3_CHECK_FIELDS,
  toFolder,
  toS3,
  withCheck,
} from '../../../renderer/src/lib/s3-source-fields';
import { withOptionText } from '../../../renderer/src/lib/draft-reader-options';

const field = (label: string) => S3_CHECK_FIELDS.find((f) => f.label === label)!;

describe('the S3 choice of the source setup', () => {
  it('recognises s3://, s3a:// and s3n:// URIs only', () => {
    expect(['s3://b/p/', 'S3A://b/', 's3n://b'].map(isS3Uri)).toEqual([true, true, true]);
    expect(['/data/s3', 'file:///s3://x', 's3x://b', ''].map(isS3Uri)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });

  it('switches between a folder and a bucket: the URI starts empty, S3 options go with it', () => {
    const folder = { path: '/data/iot', format: 'json', options: { multiLine: 'true' } };
    const s3 = toS3(folder);
    expect(s3).toEqual({ ...folder, path: 's3://' });
    expect(toS3({ ...folder, path: 's3://lab/Iot/' }).path).toBe('s3://lab/Iot/');
    const configured = {
      ...s3,
      path: 's3://lab/Iot/',
      options: {
        multiLine: 'true',
        'FS.S3.useRequesterPaysHeader': 'true',
        'fs.s3a.endpoint': 'http://x',
      },
    };
    expect(toFolder(configured)).toEqual({ ...folder, path: '', options: { multiLine: 'true' } });
    expect(toFolder(folder)).toBe(folder);
  });

  it('maps checkboxes and text fields to the Spark option names, case-insensitively', () => {
    let options: Record<string, string> = { 'FS.S3.USEREQUESTERPAYSHEADER': 'TRUE' };
    expect(isChecked(options, field('Requester pays'))).toBe(true);
    options = withCheck(options, field('Requester pays'), false);
    expect(options).toEqual({});
    options = withCheck(options, field('Anonymous'), true);
    expect(options).toEqual({ 'fs.s3a.aws.credentials.provider': ANONYMOUS_PROVIDER });
    expect(isChecked(options, field('Anonymous'))).toBe(true);
    expect(isChecked(options, field('Path-style URLs'))).toBe(false);
    options = withOptionText(options, 'fs.s3a.endpoint', ' http://127.0.0.1:9000 ');
    expect(options['fs.s3a.endpoint']).toBe('http://127.0.0.1:9000');
    expect(withOptionText(options, 'fs.s3a.endpoint', '  ')).toEqual({
      'fs.s3a.aws.credentials.provider': ANONYMOUS_PROVIDER,
    });
  });
});
