/**
 * S3 failures as errors a user can act on: the `s3://` URI, the operation, S3's error code
 * (NoSuchBucket, AccessDenied, …) and what to check. Hadoop's S3A raises FileNotFound /
 * UnknownStoreException / AccessDeniedException for these; Tidemark keeps S3's own code in
 * the error class (`S3_ERROR.NoSuchBucket`) so the message can be searched. Messages never
 * carry credentials: only the SDK's error code and message, which hold none.
 */
import { SparkRuntimeException } from '../../../errors';

const HINTS: Readonly<Record<string, string>> = {
  NoSuchBucket: 'Check the bucket name and the endpoint/region it lives in.',
  AccessDenied:
    "Check the credentials (profile, keys or the SDK's default chain) and the bucket policy; a requester-pays bucket also needs 'fs.s3.useRequesterPaysHeader' = true.",
  InvalidAccessKeyId: 'The access key is not known to this endpoint: check the credentials.',
  SignatureDoesNotMatch: 'The secret key does not match the access key: check the credentials.',
  ExpiredToken: 'The session token has expired: refresh the credentials.',
  PermanentRedirect: "The bucket is in another region: set 'fs.s3a.endpoint.region'.",
  AuthorizationHeaderMalformed: "The bucket is in another region: set 'fs.s3a.endpoint.region'.",
  CredentialsProviderError:
    "No AWS credentials were found: set a profile ('fs.s3a.profile' or AWS_PROFILE), keys, or anonymous access for a public bucket.",
};

const NETWORK_CODES = [
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNRESET',
  'ETIMEDOUT',
  'TimeoutError',
];

/** S3's error code for `e` (the SDK error name, or the network error code). */
export function s3ErrorCode(e: unknown): string {
  if (e === null || typeof e !== 'object') return 'Unknown';
  const x = e as {
    name?: unknown;
    code?: unknown;
    Code?: unknown;
    cause?: unknown;
    $metadata?: unknown;
  };
  if (typeof x.Code === 'string') return x.Code;
  if (typeof x.code === 'string' && x.code !== '') return x.code;
  if (typeof x.name === 'string' && x.name !== 'Error' && x.name !== 'AggregateError')
    return x.name;
  // Node's fetch/http errors keep the socket's code on a nested error.
  const errors = (e as { errors?: unknown }).errors;
  if (Array.isArray(errors) && errors.length > 0) return s3ErrorCode(errors[0]);
  if (x.cause !== undefined) return s3ErrorCode(x.cause);
  return 'Unknown';
}

export function s3Error(
  operation: string,
  uri: string,
  endpoint: string | undefined,
  e: unknown,
): SparkRuntimeException {
  const code = s3ErrorCode(e);
  const detail =
    e instanceof Error && e.message !== '' && e.message !== code ? ` (${e.message})` : '';
  const network = NETWORK_CODES.includes(code);
  const hint = network
    ? `The S3 endpoint ${endpoint ?? 'of AWS'} cannot be reached: check 'fs.s3a.endpoint' and the network.`
    : (HINTS[code] ?? '');
  return new SparkRuntimeException(
    `S3_ERROR.${code}`,
    `${operation} on ${uri} failed: ${code}${detail}.${hint === '' ? '' : ' ' + hint}`,
    { messageParameters: { path: uri, code, operation }, cause: e },
  );
}

/** A GetObject of a key that is gone: shaped like Node's ENOENT so readers report FILE_NOT_EXIST. */
export function isMissingKey(e: unknown): boolean {
  const code = s3ErrorCode(e);
  return code === 'NoSuchKey' || code === 'NotFound';
}
