/**
 * The AWS SDK, loaded when a query first touches a bucket. Importing it with the engine put
 * ~4.4 MB on every process's heap (and ~20 MB of RSS) whether or not it read S3; V8 then
 * sizes its first old-generation limit from that larger live heap, so a folder-only query's
 * memory grew by several times as much before its first full collection.
 */
export type S3Sdk = typeof import('@aws-sdk/client-s3');
export type CredentialProviders = typeof import('@aws-sdk/credential-providers');

let sdk: Promise<S3Sdk> | undefined;
let providers: Promise<CredentialProviders> | undefined;

export function s3Sdk(): Promise<S3Sdk> {
  sdk ??= import('@aws-sdk/client-s3');
  return sdk;
}

export function credentialProviders(): Promise<CredentialProviders> {
  providers ??= import('@aws-sdk/credential-providers');
  return providers;
}
