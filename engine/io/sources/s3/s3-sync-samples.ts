/**
 * The files schema inference reads from an S3 prefix, fetched synchronously through the S3
 * inference worker (s3-sync-bridge.ts): the prefix is listed with the rules `spark.read`
 * lists it with (static-files.ts: hidden keys, folder markers, partitions, glob roots,
 * pathGlobFilter, recursiveFileLookup, ignoreFilePatterns), then every listed object is read,
 * in path order, as the local inference reads every file of a folder (Spark's JSON and CSV
 * inference read all files unless `samplingRatio`). GETs go a few objects per call, so each
 * call has its own time limit rather than one for the whole prefix.
 */
import type { ReaderConf } from '../../formats/format';
import { booleanOption, caseInsensitive } from '../file-stream-options';
import { S3SyncBridge, S3_SYNC_TIMEOUT_MS } from './s3-sync-bridge';
import type { S3SyncListed, S3SyncListingOptions } from './s3-sync-messages';
import { parseS3Settings } from './s3-options';

/** Objects per GET call (readStaticFiles reads 8 files at a time too)… */
const OBJECTS_PER_CALL = 8;
/** …and listed bytes per call, so one call's time limit fits its downloads. */
const BYTES_PER_CALL = 32 * 1024 * 1024;

export interface S3Sample {
  readonly path: string;
  readonly data: Uint8Array;
}

/**
 * Every object the source path `uri` lists, with its bytes. Errors are the S3 source's
 * (S3_ERROR.NoSuchBucket, S3_ERROR.ECONNREFUSED, S3_ERROR.TimeoutError…, FAILED_READ_FILE.*).
 */
export function readS3SamplesSync(
  uri: string,
  options: Readonly<Record<string, string>>,
  conf: ReaderConf,
  timeoutMs = S3_SYNC_TIMEOUT_MS,
): S3Sample[] {
  // Settings errors (half a key pair) are raised here, before any thread starts.
  const settings = parseS3Settings(options, conf.hadoopConf);
  const o = caseInsensitive(options);
  const listing: S3SyncListingOptions = {
    recursiveFileLookup: booleanOption(o, 'recursiveFileLookup', false),
    ...(o.has('pathglobfilter') ? { pathGlobFilter: o.get('pathglobfilter')! } : {}),
    ...(o.has('ignorefilepatterns') ? { ignoreFilePatterns: o.get('ignorefilepatterns')! } : {}),
  };
  const ignoreMissingFiles = booleanOption(o, 'ignoreMissingFiles', false);
  const bridge = new S3SyncBridge(settings.endpoint, timeoutMs);
  try {
    const { listed } = bridge.call({ op: 'list', uri, settings, listing }, 'ListObjectsV2', uri);
    const samples: S3Sample[] = [];
    for (const group of callGroups(
      [...listed].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    )) {
      const { objects } = bridge.call(
        { op: 'get', paths: group.map((f) => f.path), ignoreMissingFiles },
        'GetObject',
        group[0].path,
      );
      for (const x of objects) if (x.data !== null) samples.push({ path: x.path, data: x.data });
    }
    return samples;
  } finally {
    bridge.close();
  }
}

/** Listed objects in runs of at most OBJECTS_PER_CALL and BYTES_PER_CALL (a larger object alone). */
function callGroups(listed: readonly S3SyncListed[]): S3SyncListed[][] {
  const groups: S3SyncListed[][] = [];
  let current: S3SyncListed[] = [];
  let bytes = 0;
  for (const f of listed) {
    if (
      current.length > 0 &&
      (current.length === OBJECTS_PER_CALL || bytes + f.size > BYTES_PER_CALL)
    ) {
      groups.push(current);
      current = [];
      bytes = 0;
    }
    current.push(f);
    bytes += f.size;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}
