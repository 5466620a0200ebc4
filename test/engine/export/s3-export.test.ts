/**
 * S3 sources in the exports: PySpark reads `s3a://…` with the S3A settings on the session
 * builder (`spark.hadoop.fs.s3a.*`, Hadoop 3.3+ names) and a hadoop-aws note, as a lab user
 * would write it; credentials never appear in either export.
 */
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { toPySpark } from '../../../engine/export/to-pyspark';
import { toTypeScript } from '../../../engine/export/to-typescript';
import type { QuerySpec } from '../../../engine/plan/logical-plan';
import { Session } from '../../../engine/session';

const spark = Session.builder().appName('s3-export').getOrCreate();
const SECRET = 'wJalrXUtnFEMI-do-not-export';

function spec(options: Record<string, string>, path = 's3://spark-lab-input-data/Iot/'): QuerySpec {
  let reader = spark.readStream.schema('Device STRING, x DOUBLE');
  for (const [k, v] of Object.entries(options)) reader = reader.option(k, v);
  return {
    plan: reader.json(path).plan,
    sink: {
      format: 'memory',
      outputMode: 'append',
      queryName: 'iot_stream',
      options: {},
      trigger: { kind: 'default' },
    },
  };
}

describe('PySpark export of an S3 source', () => {
  it('reads s3a:// with requester pays, endpoint, path style and region on the builder', () => {
    const py = toPySpark(
      spec({
        'fs.s3.useRequesterPaysHeader': 'true',
        'fs.s3a.endpoint': 'http://127.0.0.1:9000',
        'fs.s3a.path.style.access': 'true',
        'fs.s3a.endpoint.region': 'eu-west-3',
        maxFilesPerTrigger: '1',
      }),
    );
    expect(py).toContain('.json("s3a://spark-lab-input-data/Iot/")');
    expect(py).toContain('.option("maxFilesPerTrigger", "1")');
    expect(py).not.toContain('.option("fs.');
    for (const line of [
      '    .config("spark.hadoop.fs.s3a.endpoint", "http://127.0.0.1:9000")',
      '    .config("spark.hadoop.fs.s3a.endpoint.region", "eu-west-3")',
      '    .config("spark.hadoop.fs.s3a.path.style.access", "true")',
      '    .config("spark.hadoop.fs.s3a.requester.pays.enabled", "true")',
    ])
      expect(py).toContain(line);
    expect(py).toContain(
      '# Tidemark: this reads S3 through Hadoop S3A; the cluster needs the hadoop-aws',
    );
    // The builder comes before the reads that need it.
    expect(py.indexOf('spark.hadoop.fs.s3a.requester.pays.enabled')).toBeLessThan(
      py.indexOf('spark.readStream'),
    );
  });

  it("takes the lab's session setting (spark.hadoop.fs.s3.useRequesterPaysHeader) as S3A's key", () => {
    const py = toPySpark(spec({}), {
      conf: {
        'spark.hadoop.fs.s3.useRequesterPaysHeader': 'true',
        'spark.sql.shuffle.partitions': '5',
      },
    });
    expect(py).toContain('.config("spark.hadoop.fs.s3a.requester.pays.enabled", "true")');
    expect(py).toContain('.config("spark.sql.shuffle.partitions", "5")');
    expect(py).not.toContain('useRequesterPaysHeader');
  });

  it('never writes credentials: keys become an environment note, a profile an AWS_PROFILE note, anonymous a provider', () => {
    const py = toPySpark(
      spec({
        'fs.s3a.access.key': 'AKIAEXAMPLE',
        'fs.s3a.secret.key': SECRET,
        'fs.s3a.profile': 'lab',
      }),
      { conf: { 'spark.hadoop.fs.s3a.session.token': SECRET } },
    );
    expect(py).not.toContain(SECRET);
    expect(py).not.toContain('AKIAEXAMPLE');
    expect(py).toContain('AWS_ACCESS_KEY_ID');
    expect(py).toContain("AWS profile 'lab'; run with AWS_PROFILE=lab");
    const anonymous = toPySpark(
      spec({
        'fs.s3a.aws.credentials.provider':
          'org.apache.hadoop.fs.s3a.AnonymousAWSCredentialsProvider',
      }),
    );
    expect(anonymous).toContain(
      '.config("spark.hadoop.fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.AnonymousAWSCredentialsProvider")',
    );
  });

  it('leaves local sources as they were (no S3 settings, no note)', () => {
    const py = toPySpark(spec({ maxFilesPerTrigger: '1' }, tmpdir()));
    expect(py).toContain(`.json(${JSON.stringify(tmpdir())})`);
    expect(py).not.toContain('hadoop');
  });

  const python = spawnSync('python3', ['--version']).status === 0 ? 'python3' : null;
  it.skipIf(python === null)('is valid Python (ast.parse)', () => {
    const py = toPySpark(
      spec({
        'fs.s3.useRequesterPaysHeader': 'true',
        'fs.s3a.secret.key': SECRET,
        'fs.s3a.access.key': 'k',
      }),
    );
    const check = spawnSync(
      python as string,
      ['-c', 'import ast, sys; ast.parse(sys.stdin.read())'],
      {
        input: py,
        encoding: 'utf8',
      },
    );
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });
});

describe('TypeScript export of an S3 source', () => {
  it('keeps the s3:// path and settings, and leaves keys to the environment', () => {
    const ts = toTypeScript(
      spec({
        'fs.s3.useRequesterPaysHeader': 'true',
        'fs.s3a.access.key': 'AKIAEXAMPLE',
        'fs.s3a.secret.key': SECRET,
      }),
      {
        conf: {
          'spark.hadoop.fs.s3a.secret.key': SECRET,
          'spark.hadoop.fs.s3a.endpoint': 'http://x:9000',
        },
      },
    );
    expect(ts).toContain(".json('s3://spark-lab-input-data/Iot/')");
    expect(ts).toContain(".option('fs.s3.useRequesterPaysHeader', 'true')");
    expect(ts).toContain(".config('spark.hadoop.fs.s3a.endpoint', 'http://x:9000')");
    expect(ts).not.toContain(SECRET);
    expect(ts).not.toContain('AKIAEXAMPLE');
    expect(ts).toContain('AWS_SECRET_ACCESS_KEY');
  });
});
