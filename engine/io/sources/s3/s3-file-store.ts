/**
 * An S3 bucket prefix as a FileStore (Spark's file source over S3A): each listing pages
 * through ListObjectsV2 with continuation tokens, Size is the size and LastModified the
 * mtime; bytes come from GetObject. Files are named by their `s3://bucket/key` URI, which
 * is also what the source log records (Spark logs S3A paths as URIs the same way), so a
 * restart re-reads exactly the logged objects. There is no watcher: the trigger's own
 * listing polls the bucket. With requester pays, every List and Get sends
 * `x-amz-request-payer: requester` (S3A's fs.s3a.requester.pays.enabled).
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { ListedFile, ListingRules } from '../file-listing';
import type { FileStore } from '../file-store';
import { createS3Client } from './s3-client';
import { s3Sdk } from './s3-sdk';
import { isMissingKey, s3Error } from './s3-errors';
import { keySelection } from './s3-key-selection';
import type { S3Settings } from './s3-options';
import { objectUri, parseS3Uri, type S3Location } from './s3-uri';

export class S3FileStore implements FileStore {
  readonly description: string;
  readonly watchable = false;
  readonly location: S3Location;
  readonly readBytes: (path: string) => Promise<Uint8Array>;
  private readonly settings: S3Settings;
  private readonly pageSize: number | undefined;
  private client: Promise<S3Client> | null = null;

  /** `pageSize`: keys per ListObjectsV2 page (S3's default, 1000, when undefined). */
  constructor(uri: string, settings: S3Settings, pageSize?: number) {
    this.location = parseS3Uri(uri);
    this.settings = settings;
    this.pageSize = pageSize;
    this.description = uri;
    this.readBytes = (path) => this.getObject(path);
  }

  async list(rules: ListingRules): Promise<ListedFile[]> {
    const selection = keySelection(this.location.key, rules);
    const out = await this.listPrefix(selection.listPrefix, selection.accepts, this.pageSize);
    const single = selection.singleObjectKey;
    if (out.length > 0 || single === undefined) return out;
    // Not a folder: the root may name one object. It sorts first among the keys it prefixes.
    return this.listPrefix(
      single,
      (key) => key === single && !rules.isIgnoredName(key.slice(key.lastIndexOf('/') + 1)),
      1,
      1,
    );
  }

  toLogPath(path: string): string {
    return path;
  }

  fromLogPath(uri: string): string {
    return uri;
  }

  /** Closes the client's sockets; the store can still be used (a new client is made). */
  close(): void {
    const c = this.client;
    this.client = null;
    if (c !== null)
      void c.then(
        (x) => x.destroy(),
        () => undefined,
      );
  }

  /** ListObjectsV2 pages under `prefix` (stopping after `maxPages` when given). */
  private async listPrefix(
    prefix: string,
    accepts: (key: string) => boolean,
    pageSize: number | undefined,
    maxPages = Infinity,
  ): Promise<ListedFile[]> {
    const client = await this.s3();
    const { ListObjectsV2Command } = await s3Sdk();
    const out: ListedFile[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      let page;
      try {
        page = await client.send(
          new ListObjectsV2Command({
            Bucket: this.location.bucket,
            Prefix: prefix,
            ContinuationToken: token,
            MaxKeys: pageSize,
            ...(this.settings.requesterPays ? { RequestPayer: 'requester' } : {}),
          }),
        );
      } catch (e) {
        throw s3Error('ListObjectsV2', this.description, this.settings.endpoint, e);
      }
      for (const o of page.Contents ?? []) {
        if (o.Key === undefined || !accepts(o.Key)) continue;
        out.push({
          path: objectUri(this.location, o.Key),
          size: o.Size ?? 0,
          mtimeMs: o.LastModified?.getTime() ?? 0,
        });
      }
      token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
    } while (token !== undefined && ++pages < maxPages);
    return out;
  }

  private async getObject(path: string): Promise<Uint8Array> {
    const where = parseS3Uri(path);
    const client = await this.s3();
    const { GetObjectCommand } = await s3Sdk();
    try {
      const res = await client.send(
        new GetObjectCommand({
          Bucket: where.bucket,
          Key: where.key,
          ...(this.settings.requesterPays ? { RequestPayer: 'requester' } : {}),
        }),
      );
      if (res.Body === undefined) return new Uint8Array(0);
      return await res.Body.transformToByteArray();
    } catch (e) {
      if (isMissingKey(e)) {
        // Shaped like Node's ENOENT: read-files.ts then reports FILE_NOT_EXIST (or skips
        // the object with ignoreMissingFiles), as for a local file deleted after listing.
        throw Object.assign(new Error(`No such object: ${path}`), { code: 'ENOENT' });
      }
      throw s3Error('GetObject', path, this.settings.endpoint, e);
    }
  }

  private s3(): Promise<S3Client> {
    if (this.client === null) {
      const made = createS3Client(this.settings);
      this.client = made;
      // A failed creation is retried at the next call rather than cached.
      made.catch(() => {
        if (this.client === made) this.client = null;
      });
    }
    return this.client;
  }
}
