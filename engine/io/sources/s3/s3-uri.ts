/**
 * `s3://bucket/key` URIs. Hadoop knows S3 under three schemes (`s3a` is S3AFileSystem; EMR
 * and the lab spell it `s3`; `s3n` is the retired native client); all name the same object,
 * so Tidemark accepts each and keeps the scheme the user gave in logs and messages.
 */
import { IllegalArgumentException } from '../../../errors';

export interface S3Location {
  /** `s3`, `s3a` or `s3n`, lower case. */
  readonly scheme: string;
  readonly bucket: string;
  /** The key or key prefix after the bucket, without a leading `/` (may be empty). */
  readonly key: string;
}

const S3_URI = /^(s3|s3a|s3n):\/\//i;

/** True for `s3://`, `s3a://` and `s3n://` paths. */
export function isS3Path(path: string): boolean {
  return S3_URI.test(path);
}

export function parseS3Uri(uri: string): S3Location {
  const m = S3_URI.exec(uri);
  if (m === null) throw new IllegalArgumentException(`Not an S3 URI: ${uri}`);
  const rest = uri.slice(m[0].length);
  const slash = rest.indexOf('/');
  const bucket = slash < 0 ? rest : rest.slice(0, slash);
  // Bucket naming rules (lower case, digits, dots, hyphens, 3–63 characters).
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    throw new IllegalArgumentException(
      `Invalid S3 bucket name '${bucket}' in ${uri}: expected s3://bucket/prefix/ with a bucket of 3–63 lower-case letters, digits, dots or hyphens.`,
    );
  }
  return { scheme: m[1].toLowerCase(), bucket, key: slash < 0 ? '' : rest.slice(slash + 1) };
}

/** The URI of one object of the bucket, in the scheme the source was given. */
export function objectUri(location: S3Location, key: string): string {
  return `${location.scheme}://${location.bucket}/${key}`;
}
