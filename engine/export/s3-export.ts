/**
 * S3 sources in exported code. On Spark an S3 prefix is read through Hadoop's S3A
 * connector: the path becomes `s3a://bucket/prefix/` and the connector's settings are
 * Hadoop conf, set on the session builder as `spark.hadoop.fs.s3a.*` (Hadoop 3.3+ names:
 * requester.pays.enabled, endpoint, path.style.access, endpoint.region,
 * aws.credentials.provider). EMR's `fs.s3.useRequesterPaysHeader`, which the lab sets, is
 * written as S3A's requester-pays key. Credentials are never written out: keys come from the
 * environment (AWS_ACCESS_KEY_ID …) or a profile (AWS_PROFILE), as S3A's default chain reads them.
 */
import { isS3Path } from '../io/sources/s3/s3-uri';
import { isSecretS3Option, S3_OPTION } from '../io/sources/s3/s3-options';

/** Hadoop key (lower case) → the S3A key the export sets; null: handled by a comment. */
const TO_S3A: Readonly<Record<string, string | null>> = {
  [S3_OPTION.requesterPays.toLowerCase()]: 'fs.s3a.requester.pays.enabled',
  [S3_OPTION.requesterPaysS3a]: 'fs.s3a.requester.pays.enabled',
  [S3_OPTION.endpoint]: 'fs.s3a.endpoint',
  [S3_OPTION.pathStyle]: 'fs.s3a.path.style.access',
  [S3_OPTION.region]: 'fs.s3a.endpoint.region',
  [S3_OPTION.provider]: 'fs.s3a.aws.credentials.provider',
  [S3_OPTION.profile]: null,
  [S3_OPTION.accessKey]: null,
  [S3_OPTION.secretKey]: null,
  [S3_OPTION.sessionToken]: null,
};

export const HADOOP_AWS_COMMENT =
  'Tidemark: this reads S3 through Hadoop S3A; the cluster needs the hadoop-aws package matching ' +
  "Spark's Hadoop version, e.g. spark-submit --packages org.apache.hadoop:hadoop-aws:3.4.1.";

export const CREDENTIALS_COMMENT =
  'Tidemark: S3 access keys are not exported; set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY ' +
  '(and AWS_SESSION_TOKEN) in the environment, where the default credential chain reads them.';

/** True for S3 connector settings (given as reader options or `spark.hadoop.*` conf). */
export function isS3Setting(key: string): boolean {
  return hadoopKey(key) in TO_S3A;
}

/** True for settings whose values are secrets (keys, tokens), with or without `spark.hadoop.`. */
export function isSecretSetting(key: string): boolean {
  return isSecretS3Option(hadoopKey(key));
}

function hadoopKey(key: string): string {
  const lower = key.toLowerCase();
  return lower.startsWith('spark.hadoop.') ? lower.slice('spark.hadoop.'.length) : lower;
}

/** `s3://b/p/` (or s3n) as Spark's S3A path `s3a://b/p/`; other paths unchanged. */
export function sparkS3Path(path: string): string {
  return isS3Path(path) ? path.replace(/^[a-z0-9]+:/i, 's3a:') : path;
}

export interface S3SessionSettings {
  /** `spark.hadoop.fs.s3a.*` → value, for `.config(...)` on the builder. */
  readonly conf: Record<string, string>;
  /** Comment texts (no `#`). */
  readonly comments: string[];
}

/**
 * The builder settings and comments for S3 connector settings found in reader options or
 * session conf (`settings`: key → value). Secrets are dropped with a comment.
 */
export function s3SessionSettings(settings: Readonly<Record<string, string>>): S3SessionSettings {
  const conf: Record<string, string> = {};
  const comments: string[] = [];
  let secrets = false;
  for (const [key, value] of Object.entries(settings)) {
    const k = hadoopKey(key);
    if (!(k in TO_S3A)) continue;
    const target = TO_S3A[k];
    if (target !== null) {
      // Both requester-pays spellings map to one key: any `true` wins.
      const previous = conf[`spark.hadoop.${target}`];
      if (previous === undefined || previous.toLowerCase() !== 'true')
        conf[`spark.hadoop.${target}`] = value;
    } else if (k === S3_OPTION.profile) {
      comments.push(
        `Tidemark: S3 credentials came from the AWS profile '${value}'; run with AWS_PROFILE=${value} in the environment.`,
      );
    } else {
      secrets = true;
    }
  }
  if (secrets) comments.push(CREDENTIALS_COMMENT);
  return { conf, comments };
}
