/**
 * What the decode pool and its workers say to each other: one task per file, one reply per
 * task. Everything here survives structured clone (no class instances): the reader travels as
 * its descriptor, the schema as its JSON text, the batch and errors through their codecs.
 */
import type { ReaderDescriptor } from '../formats/format';
import type { SourceWarning } from '../source';
import type { EncodedBatch } from './batch-codec';
import type { EncodedError } from './error-codec';
import type { FileReadRules } from './read-one-file';

export interface DecodeTask {
  readonly id: number;
  readonly path: string;
  /**
   * The file's bytes when the caller fetched them (object stores), on a SharedArrayBuffer;
   * absent, the worker reads the file.
   */
  readonly data?: Uint8Array;
  readonly reader: ReaderDescriptor;
  /** The declared schema, `StructType.json()`. */
  readonly schema: string;
  readonly rules: FileReadRules;
}

export interface EncodedReadResult {
  readonly batch: EncodedBatch;
  readonly numCorruptRecords: number;
  readonly warnings: readonly SourceWarning[];
}

export type DecodeReply =
  | {
      readonly id: number;
      readonly ok: true;
      /** null: the file was skipped (ignoreMissingFiles / ignoreCorruptFiles), see `warnings`. */
      readonly result: EncodedReadResult | null;
      readonly warnings: SourceWarning[];
    }
  | { readonly id: number; readonly ok: false; readonly error: EncodedError };
