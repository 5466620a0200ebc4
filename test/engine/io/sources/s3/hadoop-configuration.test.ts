/**
 * `spark.sparkContext.hadoopConfiguration()`: the lab's way to set S3 options, a view of
 * the session's `spark.hadoop.*` settings that the S3 source reads (readerConf().hadoopConf).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { Session } from '../../../../../engine/index';
import { parseS3Settings } from '../../../../../engine/io/sources/s3/s3-options';

const spark = Session.builder().appName('hadoop-configuration').getOrCreate();
afterAll(() => spark.stop());

describe('sparkContext.hadoopConfiguration()', () => {
  it('set(k, v) is spark.hadoop.<k> in the session conf, and reaches the S3 settings', () => {
    const hadoop = spark.sparkContext.hadoopConfiguration();
    hadoop.set('fs.s3.useRequesterPaysHeader', 'true');
    hadoop.set('fs.s3a.endpoint', 'minio.local:9000');
    try {
      expect(spark.conf.get('spark.hadoop.fs.s3.useRequesterPaysHeader')).toBe('true');
      expect(hadoop.get('fs.s3a.endpoint')).toBe('minio.local:9000');
      const settings = parseS3Settings({}, spark.readerConf().hadoopConf);
      expect(settings.requesterPays).toBe(true);
      expect(settings.endpoint).toBe('https://minio.local:9000');
    } finally {
      hadoop.unset('fs.s3.useRequesterPaysHeader');
      hadoop.unset('fs.s3a.endpoint');
    }
    expect(spark.readerConf().hadoopConf).toBeUndefined();
  });

  it('get of an unset name is null, or the default given (Configuration.get)', () => {
    const hadoop = spark.sparkContext.hadoopConfiguration();
    expect(hadoop.get('fs.s3a.profile')).toBeNull();
    expect(hadoop.get('fs.s3a.profile', 'lab')).toBe('lab');
  });

  it('a value set through spark.conf reads back through the view', () => {
    spark.conf.set('spark.hadoop.fs.s3a.path.style.access', 'true');
    try {
      expect(spark.sparkContext.hadoopConfiguration().get('fs.s3a.path.style.access')).toBe('true');
    } finally {
      spark.conf.unset('spark.hadoop.fs.s3a.path.style.access');
    }
  });
});
