/**
 * The S3 settings of one source, under the names a Spark user already types: Hadoop S3A's
 * `fs.s3a.*` keys, and EMR's `fs.s3.useRequesterPaysHeader` that the lab sets. Each is read
 * from the reader options (case-insensitive, as Spark's CaseInsensitiveMap) and else from
 * the session conf as `spark.hadoop.<name>` (how Spark passes Hadoop settings; the lab's
 * `hadoopConfiguration().set(...)` is the same setting).
 *
 * Credentials, as S3A's provider chain:
 * - `fs.s3a.aws.credentials.provider` = `org.apache.hadoop.fs.s3a.AnonymousAWSCredentialsProvider`
 *   sends unsigned requests (public buckets);
 * - `fs.s3a.access.key` + `fs.s3a.secret.key` (+ `fs.s3a.session.token`) are used as given
 *   (SimpleAWSCredentialsProvider / TemporaryAWSCredentialsProvider);
 * - otherwise the AWS SDK's standard chain (environment, shared config and credentials files,
 *   SSO, web identity, container and instance metadata) with the profile `fs.s3a.profile`
 *   (Tidemark's name; else AWS_PROFILE, else `default`).
 */
import { IllegalArgumentException } from '../../../errors';
import { booleanOption } from '../file-stream-options';

export const ANONYMOUS_PROVIDER = 'org.apache.hadoop.fs.s3a.AnonymousAWSCredentialsProvider';
const SIMPLE_PROVIDERS = [
  'org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider',
  'org.apache.hadoop.fs.s3a.TemporaryAWSCredentialsProvider',
];

/** The option names, for the export, the UI and the docs. */
export const S3_OPTION = {
  requesterPays: 'fs.s3.useRequesterPaysHeader',
  requesterPaysS3a: 'fs.s3a.requester.pays.enabled',
  endpoint: 'fs.s3a.endpoint',
  pathStyle: 'fs.s3a.path.style.access',
  region: 'fs.s3a.endpoint.region',
  profile: 'fs.s3a.profile',
  provider: 'fs.s3a.aws.credentials.provider',
  accessKey: 'fs.s3a.access.key',
  secretKey: 'fs.s3a.secret.key',
  sessionToken: 'fs.s3a.session.token',
} as const;

/** Settings whose values are secrets: never echoed in messages, progress or exports. */
export const SECRET_S3_OPTIONS: readonly string[] = [
  S3_OPTION.accessKey,
  S3_OPTION.secretKey,
  S3_OPTION.sessionToken,
];

export type S3Credentials =
  | { readonly kind: 'anonymous' }
  | {
      readonly kind: 'static';
      readonly accessKeyId: string;
      readonly secretAccessKey: string;
      readonly sessionToken?: string;
    }
  | { readonly kind: 'chain'; readonly profile?: string };

export interface S3Settings {
  readonly requesterPays: boolean;
  /** `https://…` / `http://…`; undefined: AWS's endpoint for the region. */
  readonly endpoint?: string;
  readonly pathStyle: boolean;
  /** undefined: AWS_REGION, the profile's region, else us-east-1. */
  readonly region?: string;
  readonly credentials: S3Credentials;
}

/**
 * `options` are the source's reader options; `hadoopConf` the session's `spark.hadoop.*`
 * settings with the prefix removed. Options win over the session conf.
 */
export function parseS3Settings(
  options: Readonly<Record<string, string>>,
  hadoopConf: Readonly<Record<string, string>> = {},
): S3Settings {
  const p = new Map<string, string>();
  for (const [k, v] of Object.entries(hadoopConf)) p.set(k.toLowerCase(), v);
  for (const [k, v] of Object.entries(options)) p.set(k.toLowerCase(), v);
  const get = (name: string): string | undefined => {
    const v = p.get(name.toLowerCase())?.trim();
    return v === undefined || v === '' ? undefined : v;
  };
  const requesterPays =
    booleanOption(p, S3_OPTION.requesterPays, false) ||
    booleanOption(p, S3_OPTION.requesterPaysS3a, false);
  const endpoint = get(S3_OPTION.endpoint);
  return {
    requesterPays,
    // S3A takes a bare host name too and adds the scheme (fs.s3a.connection.ssl.enabled).
    endpoint:
      endpoint === undefined || /^https?:\/\//i.test(endpoint) ? endpoint : `https://${endpoint}`,
    pathStyle: booleanOption(p, S3_OPTION.pathStyle, false),
    region: get(S3_OPTION.region),
    credentials: parseCredentials(get),
  };
}

function parseCredentials(get: (name: string) => string | undefined): S3Credentials {
  const providers = (get(S3_OPTION.provider) ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (providers.includes(ANONYMOUS_PROVIDER)) return { kind: 'anonymous' };
  const accessKeyId = get(S3_OPTION.accessKey);
  const secretAccessKey = get(S3_OPTION.secretKey);
  if ((accessKeyId === undefined) !== (secretAccessKey === undefined)) {
    throw new IllegalArgumentException(
      `Set both '${S3_OPTION.accessKey}' and '${S3_OPTION.secretKey}', or neither (then the AWS SDK's standard credential chain is used).`,
    );
  }
  if (accessKeyId !== undefined && secretAccessKey !== undefined) {
    const sessionToken = get(S3_OPTION.sessionToken);
    return {
      kind: 'static',
      accessKeyId,
      secretAccessKey,
      ...(sessionToken ? { sessionToken } : {}),
    };
  }
  if (providers.some((x) => SIMPLE_PROVIDERS.includes(x))) {
    throw new IllegalArgumentException(
      `'${S3_OPTION.provider}' names ${providers.join(', ')}, which needs '${S3_OPTION.accessKey}' and '${S3_OPTION.secretKey}'.`,
    );
  }
  const profile = get(S3_OPTION.profile);
  return profile === undefined ? { kind: 'chain' } : { kind: 'chain', profile };
}

/** True when `name` (any case) is an S3 setting whose value must not be shown. */
export function isSecretS3Option(name: string): boolean {
  return SECRET_S3_OPTIONS.some((s) => s.toLowerCase() === name.toLowerCase());
}
