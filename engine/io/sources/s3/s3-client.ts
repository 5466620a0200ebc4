/**
 * Builds the AWS SDK v3 client for a source's S3Settings. The region falls back as S3A's
 * does when nothing names one: the SDK's own lookup (AWS_REGION, the profile's `region`)
 * first, then us-east-1, so a custom endpoint (MinIO, moto) works with no region set.
 */
import type { S3Client, S3ClientConfig } from '@aws-sdk/client-s3';
import type { S3Settings } from './s3-options';
import { credentialProviders, s3Sdk, type CredentialProviders } from './s3-sdk';

/** Connection and request time limits: an unreachable endpoint fails in seconds, not minutes. */
const CONNECTION_TIMEOUT_MS = 5_000;
const REQUEST_TIMEOUT_MS = 60_000;

export async function createS3Client(settings: S3Settings): Promise<S3Client> {
  const { S3Client } = await s3Sdk();
  const base = clientConfig(settings, settings.credentials.kind === 'chain' ? await credentialProviders() : undefined);
  const client = new S3Client(base);
  if (settings.region !== undefined) return client;
  try {
    await client.config.region();
    return client;
  } catch {
    client.destroy();
    return new S3Client({ ...base, region: 'us-east-1' });
  }
}

function clientConfig(settings: S3Settings, providers: CredentialProviders | undefined): S3ClientConfig {
  const c = settings.credentials;
  const profile = c.kind === 'chain' ? c.profile : undefined;
  return {
    ...(settings.region !== undefined ? { region: settings.region } : {}),
    ...(settings.endpoint !== undefined ? { endpoint: settings.endpoint } : {}),
    ...(profile !== undefined ? { profile } : {}),
    forcePathStyle: settings.pathStyle,
    requestHandler: {
      connectionTimeout: CONNECTION_TIMEOUT_MS,
      requestTimeout: REQUEST_TIMEOUT_MS,
    },
    credentials:
      c.kind === 'anonymous'
        ? { accessKeyId: '', secretAccessKey: '' }
        : c.kind === 'static'
          ? {
              accessKeyId: c.accessKeyId,
              secretAccessKey: c.secretAccessKey,
              ...(c.sessionToken !== undefined ? { sessionToken: c.sessionToken } : {}),
            }
          : providers!.fromNodeProviderChain(profile !== undefined ? { profile } : {}),
    // Anonymous access (S3A's AnonymousAWSCredentialsProvider): requests go unsigned.
    ...(c.kind === 'anonymous' ? { signer: { sign: (request) => Promise.resolve(request) } } : {}),
  };
}
