/**
 * Tidemark's side of the throughput part: each query started with Trigger.AvailableNow over
 * the folder, awaited, and its input rows read back from the progress of every batch (as a
 * user would, StreamingQuery.recentProgress). A fresh checkpoint and output folder per run.
 */
import { Session } from '../../engine/index';
import type { BenchFolder, BenchWorkspace } from './bench-data';
import { throughputQuery, type ThroughputQuery } from './queries';

/** Session conf fixed by the lead for issue 8: threads decoding one batch's files (1 = the calling thread). */
export const PARSE_THREADS = 'spark.tidemark.source.parseThreads';

export async function runTidemark(
  query: ThroughputQuery,
  folder: BenchFolder,
  workspace: BenchWorkspace,
  parseThreads?: number,
): Promise<number> {
  const spark = Session.builder().appName('tidemark-bench').getOrCreate();
  // Every batch's progress is needed to count the rows read.
  spark.conf.set('spark.sql.streaming.numRecentProgressUpdates', 1_000_000);
  if (parseThreads === undefined) spark.conf.unset(PARSE_THREADS);
  else spark.conf.set(PARSE_THREADS, parseThreads);
  try {
    const q = throughputQuery(spark, query, {
      input: folder.dir,
      checkpoint: workspace.fresh(`${query}-checkpoint`),
      output: workspace.fresh(`${query}-output`),
    }).start();
    await q.awaitTermination();
    return q.recentProgress.reduce((n, p) => n + p.numInputRows, 0);
  } finally {
    spark.conf.unset(PARSE_THREADS);
  }
}
