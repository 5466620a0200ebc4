/**
 * spark.tidemark.source.parseThreads: how many threads decode the files of one batch. Unset,
 * every core the process may use (os.availableParallelism()); 1, the calling thread only, as
 * Spark's local[1]. A batch never uses more threads than it has files, and small batches stay
 * in the calling thread (read-files.ts). Read when a query starts (Session.readerConf).
 */
import { IllegalArgumentException } from '../../errors';

export const PARSE_THREADS_KEY = 'spark.tidemark.source.parseThreads';

/** The part of RuntimeConfig this needs. */
interface ConfGetter {
  get(key: string, defaultValue?: string | null): string | null;
}

/** The setting as a count, or undefined when unset (the default applies where it is used). */
export function readParseThreads(conf: ConfGetter): number | undefined {
  const text = conf.get(PARSE_THREADS_KEY, null);
  if (text === null || text.trim() === '') return undefined;
  const n = Number(text.trim());
  if (!Number.isInteger(n) || n < 1) {
    throw new IllegalArgumentException(`${PARSE_THREADS_KEY} must be a whole number of threads (1 or more), got ${text}`);
  }
  return n;
}
