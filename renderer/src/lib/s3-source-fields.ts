/**
 * The S3 choice of the source setup ("S3 bucket" beside "Folder"): the source's path is an
 * `s3://bucket/prefix/` URI and the connector's settings are reader options under the names
 * a Spark user types (Hadoop S3A's `fs.s3a.*`, EMR's `fs.s3.useRequesterPaysHeader` that the
 * lab sets). The engine reads them (engine/io/sources/s3/s3-options.ts) and reports errors;
 * this only maps fields to options. Keys and secrets have no field: credentials come from a
 * profile or the AWS SDK's standard chain, so they are never stored in a workspace.
 */
import { optionValue, withOption, withoutOption } from './draft-reader-options';

export const ANONYMOUS_PROVIDER = 'org.apache.hadoop.fs.s3a.AnonymousAWSCredentialsProvider';
const PROVIDER_KEY = 'fs.s3a.aws.credentials.provider';

export interface S3TextField {
  readonly key: string;
  readonly label: string;
  readonly placeholder: string;
  readonly description: string;
}

export interface S3CheckField {
  readonly key: string;
  readonly label: string;
  readonly description: string;
  /** The option value when checked (unchecked removes the option). */
  readonly value: string;
}

export const S3_TEXT_FIELDS: readonly S3TextField[] = [
  {
    key: 'fs.s3a.endpoint',
    label: 'Endpoint',
    placeholder: 'AWS',
    description: 'For MinIO and other S3-compatible stores, e.g. http://127.0.0.1:9000.',
  },
  {
    key: 'fs.s3a.endpoint.region',
    label: 'Region',
    placeholder: 'AWS_REGION, the profile’s, else us-east-1',
    description: 'The bucket’s region, e.g. eu-west-3.',
  },
  {
    key: 'fs.s3a.profile',
    label: 'AWS profile',
    placeholder: 'AWS_PROFILE, else default',
    description: 'A profile of ~/.aws/config and ~/.aws/credentials (SSO profiles too).',
  },
];

export const S3_CHECK_FIELDS: readonly S3CheckField[] = [
  {
    key: 'fs.s3.useRequesterPaysHeader',
    label: 'Requester pays',
    description: 'You pay for the transfer (the lab’s bucket needs it).',
    value: 'true',
  },
  {
    key: PROVIDER_KEY,
    label: 'Anonymous',
    description: 'Unsigned requests, for public buckets.',
    value: ANONYMOUS_PROVIDER,
  },
  {
    key: 'fs.s3a.path.style.access',
    label: 'Path-style URLs',
    description: 'endpoint/bucket/key instead of bucket.endpoint/key (MinIO, moto).',
    value: 'true',
  },
];

/** Every option this panel sets; switching back to a folder removes them. */
const S3_KEYS = [...S3_TEXT_FIELDS, ...S3_CHECK_FIELDS].map((f) => f.key.toLowerCase());

export function isS3Uri(path: string): boolean {
  return /^s3[an]?:\/\//i.test(path);
}

/** Whether a check field is on: requester pays / path style when `true`, anonymous by provider. */
export function isChecked(options: Readonly<Record<string, string>>, field: S3CheckField): boolean {
  const v = optionValue(options, field.key);
  if (v === undefined) return false;
  return field.key === PROVIDER_KEY ? v.includes(field.value) : v.trim().toLowerCase() === 'true';
}

export function withCheck(
  options: Readonly<Record<string, string>>,
  field: S3CheckField,
  checked: boolean,
): Record<string, string> {
  return checked ? withOption(options, field.key, field.value) : withoutOption(options, field.key);
}

/** The setup after picking "S3 bucket": a URI to fill in (the folder path does not carry over). */
export function toS3<S extends { path: string }>(setup: S): S {
  return isS3Uri(setup.path) ? setup : { ...setup, path: 's3://' };
}

/** The setup after picking "Folder": no path yet, and none of the S3 options. */
export function toFolder<S extends { path: string; options: Readonly<Record<string, string>> }>(
  setup: S,
): S {
  if (!isS3Uri(setup.path)) return setup;
  const options = Object.fromEntries(
    Object.entries(setup.options).filter(([k]) => !S3_KEYS.includes(k.toLowerCase())),
  );
  return { ...setup, path: '', options };
}
