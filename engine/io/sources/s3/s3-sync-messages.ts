/**
 * What the calling thread and the S3 inference worker (s3-sync-worker.ts) say to each other
 * over their MessagePort: a listing of the source's prefix, then the bytes of the listed
 * objects a few at a time. Every reply is either the result or the worker's error, encoded
 * so that it comes back as the same class and message (engine/io/parallel/error-codec.ts).
 */
import type { MessagePort } from 'node:worker_threads';
import type { EncodedError } from '../../parallel/error-codec';
import type { S3Settings } from './s3-options';

/** The listing options of a file source, as strings (the worker compiles them). */
export interface S3SyncListingOptions {
  readonly recursiveFileLookup: boolean;
  readonly pathGlobFilter?: string;
  readonly ignoreFilePatterns?: string;
}

export type S3SyncRequest =
  | {
      readonly id: number;
      readonly op: 'list';
      readonly uri: string;
      readonly settings: S3Settings;
      readonly listing: S3SyncListingOptions;
    }
  | {
      readonly id: number;
      readonly op: 'get';
      readonly paths: readonly string[];
      readonly ignoreMissingFiles: boolean;
    };

export interface S3SyncListed {
  readonly path: string;
  readonly size: number;
}

/** An object's bytes; null when it was gone and `ignoreMissingFiles` skipped it. */
export interface S3SyncObject {
  readonly path: string;
  readonly data: Uint8Array | null;
}

/** What a request's op answers with. */
export type S3SyncResult<Op extends S3SyncRequest['op']> = Op extends 'list'
  ? { readonly listed: readonly S3SyncListed[] }
  : { readonly objects: readonly S3SyncObject[] };

export type S3SyncReply =
  | ({ readonly id: number; readonly ok: true } & (S3SyncResult<'list'> | S3SyncResult<'get'>))
  | { readonly id: number; readonly ok: false; readonly error: EncodedError };

/** The worker's startup data: the reply port and the counter it bumps after each reply. */
export interface S3SyncWorkerData {
  readonly port: MessagePort;
  readonly signal: SharedArrayBuffer;
}
