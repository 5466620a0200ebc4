/**
 * The exported PySpark script (toPySpark) made ready for `runOnSpark`:
 *  - for Spark Connect, `.remote("sc://…")` joins the SparkSession builder chain;
 *  - the closing `query.awaitTermination()` becomes a loop that prints every
 *    StreamingQueryProgress as one `TIDEMARK_PROGRESS {json}` line, then waits the same way.
 *
 * Progress is polled from `query.recentProgress` rather than pushed by a
 * StreamingQueryListener: with Spark Connect a listener runs on the server, so its prints
 * would never reach this process; `recentProgress` (StreamingQuery.recentProgress, the last
 * spark.sql.streaming.numRecentProgressUpdates events) works the same in classic and Connect.
 */
import { IllegalArgumentException } from '../errors';
import { pyStr } from './python-literals';

export const PROGRESS_PREFIX = 'TIDEMARK_PROGRESS ';

/** The Python that replaces `<query>.awaitTermination()`; `{query}` is the query variable. */
const FOLLOW_FUNCTION = [
  '# Tidemark (run on Spark): print each StreamingQueryProgress as one JSON line prefixed with',
  `# ${JSON.stringify(PROGRESS_PREFIX)}, then wait for the query like awaitTermination() does.`,
  'def _tidemark_follow(query, poll_seconds=0.5):',
  '    import json as _json',
  '    import signal as _signal',
  '',
  '    def field(progress, name):',
  '        return getattr(progress, name) if hasattr(progress, name) else progress[name]',
  '',
  '    def as_json(progress):',
  "        # pyspark 4.1's StreamingQueryProgress is also a dict (holding UUIDs): prefer .json.",
  '        return progress.json if hasattr(progress, "json") else _json.dumps(progress, default=str)',
  '',
  '    last = None',
  '',
  '    def print_new():',
  '        nonlocal last',
  '        for progress in query.recentProgress:',
  '            key = (field(progress, "timestamp"), field(progress, "batchId"))',
  '            if last is None or key > last:',
  '                last = key',
  `                print(${pyStr(PROGRESS_PREFIX)} + as_json(progress), flush=True)`,
  '',
  '    # runOnSpark stops a run with SIGTERM. The query is stopped here first: with Spark Connect',
  '    # it runs on the server and would outlive this client otherwise.',
  '    def on_term(signum, frame):',
  '        raise SystemExit(128 + signum)',
  '',
  '    _signal.signal(_signal.SIGTERM, on_term)',
  '    try:',
  '        while not query.awaitTermination(poll_seconds):',
  '            print_new()',
  '        print_new()',
  '    except (SystemExit, KeyboardInterrupt):',
  '        try:',
  '            print_new()',
  '            query.stop()',
  '            print("Tidemark: streaming query stopped", flush=True)',
  '        except Exception as e:  # classic Spark: the JVM may already be going down',
  '            print(f"Tidemark: stopping the query failed: {e}", flush=True)',
  '        raise',
];

/** `script` (from toPySpark) with progress reporting and, when `connect` is set, `.remote(connect)`. */
export function prepareRunScript(script: string, connect?: string): string {
  const lines = script.split('\n');
  if (connect !== undefined) {
    const builder = lines.findIndex((l) => l.trim() === 'SparkSession.builder');
    if (builder < 0)
      throw new IllegalArgumentException(
        'the exported script has no SparkSession.builder chain to add .remote(...) to',
      );
    lines.splice(builder + 1, 0, `    .remote(${pyStr(connect)})`);
  }
  let waits = -1;
  for (let i = lines.length - 1; i >= 0; i--) {
    if (/^\w+\.awaitTermination\(\)$/.test(lines[i])) {
      waits = i;
      break;
    }
  }
  if (waits < 0)
    throw new IllegalArgumentException(
      'the exported script starts no streaming query (no awaitTermination() line)',
    );
  const queryVar = lines[waits].slice(0, lines[waits].indexOf('.'));
  lines[waits] = `_tidemark_follow(${queryVar})`;
  // Defined before the session block's first statement after the imports, so the call can use it.
  const session = lines.findIndex((l) => l.startsWith('spark = '));
  lines.splice(session < 0 ? 0 : session, 0, ...FOLLOW_FUNCTION, '', '');
  return lines.join('\n');
}

/** The progress object of a `TIDEMARK_PROGRESS {json}` line, or null for any other line. */
export function parseProgressLine(line: string): Record<string, unknown> | null {
  if (!line.startsWith(PROGRESS_PREFIX)) return null;
  try {
    const value: unknown = JSON.parse(line.slice(PROGRESS_PREFIX.length));
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? withDerivedTotals(value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/**
 * Classic PySpark's progress JSON has the query-wide `numInputRows`, `inputRowsPerSecond`
 * and `processedRowsPerSecond`; the Spark Connect client's (pyspark.sql.connect, 4.1) leaves
 * them out and keeps only the per-source values. They are derived here the way Spark's
 * StreamingQueryProgress defines them (the sums over `sources`), so both look the same.
 */
function withDerivedTotals(progress: Record<string, unknown>): Record<string, unknown> {
  const sources = Array.isArray(progress.sources) ? (progress.sources as unknown[]) : null;
  if (sources === null) return progress;
  const sum = (field: string): number | undefined => {
    let total = 0;
    for (const s of sources) {
      const v = (s as Record<string, unknown> | null)?.[field];
      if (typeof v !== 'number' || !Number.isFinite(v)) return undefined;
      total += v;
    }
    return total;
  };
  const out = { ...progress };
  for (const field of ['numInputRows', 'inputRowsPerSecond', 'processedRowsPerSecond']) {
    if (out[field] === undefined) {
      const total = sum(field);
      if (total !== undefined) out[field] = total;
    }
  }
  return out;
}
