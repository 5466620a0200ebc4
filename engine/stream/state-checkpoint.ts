/**
 * Operator state on disk, after Spark's HDFSBackedStateStoreProvider, in its layout:
 *
 *   <checkpoint>/state/<operatorId>/<partition>/<version>.delta        the default store
 *   <checkpoint>/state/<operatorId>/<partition>/<storeName>/<version>.delta   named stores
 *   … and <version>.snapshot beside them
 *
 * Version V is the state after batch V−1 (a batch loads version B and commits B+1, as
 * StateStoreRDD does). Every committed batch writes a delta with only the keys it changed,
 * even an empty one; every `minDeltasForSnapshot` versions (spark.sql.streaming.stateStore.
 * minDeltasForSnapshot, 10) a snapshot of the whole store, after which files no longer
 * needed to rebuild the newest `minBatchesToRetain` versions (spark.sql.streaming.
 * minBatchesToRetain, 100) are deleted (doMaintenance → doSnapshot, cleanup). Spark does the
 * maintenance on a background thread; here it follows the delta write, since one engine
 * worker has no executor to spare. Tidemark runs one partition per operator: partition 0.
 *
 * Restoring version V reads the newest snapshot at or below V and replays the deltas after
 * it, in order (loadMap). A re-run batch overwrites its delta, as Spark's overwrite of an
 * uncommitted version does. The file text is state-file-format.ts; every file is written
 * atomically (temp file, fsync, rename).
 */
import { readFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { SparkRuntimeException } from '../errors';
import type { StatefulOperatorEntry } from '../exec/physical-plan';
import type { RestoredStores, StateChange } from '../exec/state/operator-state';
import { applyStateChanges, parseStateChanges, writeStateChanges } from '../exec/state/state-file-format';
import { writeBytesAtomically } from '../io/atomic-file';
import { JsonByteBuffer } from '../io/formats/json-write-buffer';

export interface StateCheckpointConf {
  readonly minDeltasForSnapshot: number;
  readonly minBatchesToRetain: number;
}

/** Tidemark runs every stateful operator as one partition. */
export const STATE_PARTITION = 0;

interface StateFile {
  readonly version: number;
  readonly kind: 'delta' | 'snapshot';
  readonly name: string;
}

/** A file buffer larger than this (a snapshot of a large state) is not kept for the next batch. */
const KEPT_BUFFER_BYTES = 4 * 1024 * 1024;

export class StateCheckpoint {
  /** Per store folder, the version of its newest snapshot (0: none yet). */
  private readonly lastSnapshot = new Map<string, number>();
  /** Where each file's bytes are written, reused from file to file (files are written one at a time). */
  private buffer = new JsonByteBuffer();

  constructor(
    /** `<checkpoint>/state`. */
    readonly root: string,
    private readonly conf: StateCheckpointConf,
  ) {}

  /** The folder of one store: Spark's default store has no sub-folder of its own. */
  storeDir(operatorId: number, storeName: string): string {
    const partition = join(this.root, String(operatorId), String(STATE_PARTITION));
    return storeName === 'default' ? partition : join(partition, storeName);
  }

  /** After batch `version − 1` ran: a delta per store, then snapshot and cleanup where due. */
  async commit(operators: readonly StatefulOperatorEntry[], version: number): Promise<void> {
    for (const { operatorId, operator } of operators) {
      for (const [name, store] of operator.stateStores()) {
        const dir = this.storeDir(operatorId, name);
        await this.write(join(dir, `${version}.delta`), store.lastCommittedChanges());
        const last = this.lastSnapshot.get(dir) ?? 0;
        if (version - last >= this.conf.minDeltasForSnapshot) {
          await this.write(join(dir, `${version}.snapshot`), store.committedRows());
          this.lastSnapshot.set(dir, version);
          await this.cleanup(dir, version);
        }
      }
    }
  }

  private async write(path: string, changes: Iterable<StateChange>): Promise<void> {
    try {
      await writeBytesAtomically(path, writeStateChanges(changes, this.buffer));
    } finally {
      if (this.buffer.bytes.length > KEPT_BUFFER_BYTES) this.buffer = new JsonByteBuffer();
    }
  }

  /** Loads `version` into every operator (version 0: the empty state of a new query). */
  async restore(operators: readonly StatefulOperatorEntry[], version: number): Promise<void> {
    for (const { operatorId, operator } of operators) {
      const stores = new Map<string, (readonly [string, unknown])[]>();
      for (const name of operator.stateStores().keys()) {
        const rows = version === 0 ? new Map<string, unknown>() : await this.load(this.storeDir(operatorId, name), version);
        stores.set(name, [...rows]);
      }
      operator.restoreState(stores as RestoredStores, version);
    }
  }

  /** HDFSBackedStateStoreProvider.loadMap: the newest snapshot <= version, then the deltas after it. */
  private async load(dir: string, version: number): Promise<Map<string, unknown>> {
    const files = await listStateFiles(dir);
    let base = 0;
    for (const f of files) if (f.kind === 'snapshot' && f.version <= version && f.version > base) base = f.version;
    const rows = new Map<string, unknown>();
    if (base > 0) applyStateChanges(rows, await readStateFile(join(dir, `${base}.snapshot`)));
    this.lastSnapshot.set(dir, base);
    for (let v = base + 1; v <= version; v++) {
      const path = join(dir, `${v}.delta`);
      if (!files.some((f) => f.kind === 'delta' && f.version === v)) throw deltaFileMissing(path, dir);
      applyStateChanges(rows, await readStateFile(path));
    }
    return rows;
  }

  /**
   * HDFSBackedStateStoreProvider.cleanup: keep what rebuilds the newest minBatchesToRetain
   * versions — the newest snapshot at or below the oldest of them, and everything after it.
   */
  private async cleanup(dir: string, latestVersion: number): Promise<void> {
    const earliestVersionToRetain = latestVersion - this.conf.minBatchesToRetain;
    if (earliestVersionToRetain <= 0) return;
    const files = await listStateFiles(dir);
    let keepFrom = 0;
    for (const f of files) {
      if (f.kind === 'snapshot' && f.version <= earliestVersionToRetain && f.version > keepFrom) keepFrom = f.version;
    }
    for (const f of files) if (f.version < keepFrom) await rm(join(dir, f.name), { force: true });
  }
}

async function listStateFiles(dir: string): Promise<StateFile[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  const out: StateFile[] = [];
  for (const name of names) {
    // Hidden temp files a crash left behind are never state (CheckpointFileManager's rule).
    const m = /^(\d+)\.(delta|snapshot)$/.exec(name);
    if (m) out.push({ version: Number(m[1]), kind: m[2] as StateFile['kind'], name });
  }
  return out.sort((a, b) => a.version - b.version);
}

async function readStateFile(path: string) {
  return parseStateChanges(await readFile(path, 'utf8'), path);
}

/** QueryExecutionErrors.failedToReadDeltaFileNotExistsError. */
function deltaFileMissing(path: string, dir: string): SparkRuntimeException {
  return new SparkRuntimeException(
    'CANNOT_LOAD_STATE_STORE.CANNOT_READ_DELTA_FILE_NOT_EXISTS',
    `Error reading delta file ${path} of HDFSStateStoreProvider[dir = ${dir}]: ${path} does not exist. ` +
      'The checkpoint has lost part of its state; restart the query with a new checkpoint location.',
    { messageParameters: { fileToRead: path, clazz: `HDFSStateStoreProvider[dir = ${dir}]` } },
  );
}
