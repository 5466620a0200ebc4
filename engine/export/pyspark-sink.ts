/**
 * The DataStreamWriter part of an exported script:
 * `df.writeStream.format(..).outputMode(..).queryName(..).option("checkpointLocation", ..)
 * .trigger(..).start()`, then `query.awaitTermination()`.
 *
 * Tidemark's `foreachBatch` and `foreach` sinks run TypeScript functions, which Python cannot
 * call. The script gets a Python function in their place that does what is observable from
 * outside: `write_batch` writes each micro-batch as JSON lines to `<path>/batch-NNNNN/`
 * (overwritten when Spark re-runs a batch after a restart, like Tidemark's idempotent sinks),
 * and `process_row` prints each row as a JSON line.
 */
import type { SinkSpec, TriggerSpec } from '../plan/logical-plan';
import { noteKafka } from './kafka-export';
import { pyStr } from './python-literals';
import { commentLines, type PySparkScript } from './pyspark-script';

export interface SinkExportOptions {
  /** Folder `write_batch` writes micro-batches into (default: the sink's `path` option, else `<queryName>-batches`). */
  readonly foreachBatchPath?: string;
}

function triggerCall(t: TriggerSpec): string | null {
  switch (t.kind) {
    case 'default':
      return null;
    case 'processingTime':
      return `.trigger(processingTime=${pyStr(t.interval)})`;
    case 'once':
      return '.trigger(once=True)';
    case 'availableNow':
      return '.trigger(availableNow=True)';
  }
}

/** Writes the sink statements reading from DataFrame variable `df`. */
export function writeSink(
  df: string,
  sink: SinkSpec,
  script: PySparkScript,
  options: SinkExportOptions,
): void {
  const steps = [`${df}.writeStream`];
  const base = sink.queryName ?? 'query';
  const pathKey = Object.keys(sink.options).find((k) => k.toLowerCase() === 'path');

  if (sink.format === 'foreachBatch') {
    const folder =
      options.foreachBatchPath ??
      (pathKey !== undefined ? sink.options[pathKey] : `${base}-batches`);
    const folderVar = script.names.take(`${base}_batches_path`).toUpperCase();
    const fn = script.names.take('write_batch');
    script.stdImports.add('import os');
    script.addBlock([
      ...commentLines(
        'Tidemark: foreachBatch ran a TypeScript function on each micro-batch, which Python cannot call. ' +
          `${fn} stands in for it: it writes every micro-batch as JSON lines to ${folderVar}/batch-NNNNN/ ` +
          '(replaced if Spark re-runs that batch after a restart). Put your own code here.',
      ),
      `${folderVar} = ${pyStr(folder)}`,
      '',
      '',
      `def ${fn}(batch_df, batch_id):`,
      `    batch_df.write.mode("overwrite").json(os.path.join(${folderVar}, "batch-%05d" % batch_id))`,
    ]);
    steps.push(`.foreachBatch(${fn})`);
  } else if (sink.format === 'foreach') {
    const fn = script.names.take('process_row');
    script.stdImports.add('import json');
    script.addBlock([
      ...commentLines(
        'Tidemark: foreach ran a TypeScript function on each row, which Python cannot call. ' +
          `${fn} stands in for it and prints each row as a JSON line. Put your own code here.`,
      ),
      `def ${fn}(row):`,
      '    print(json.dumps(row.asDict(recursive=True), default=str))',
    ]);
    steps.push(`.foreach(${fn})`);
  } else {
    if (sink.format.toLowerCase() === 'kafka') noteKafka(script, 'sink');
    steps.push(`.format(${pyStr(sink.format)})`);
  }

  steps.push(`.outputMode(${pyStr(sink.outputMode)})`);
  if (sink.queryName !== undefined) steps.push(`.queryName(${pyStr(sink.queryName)})`);
  const foreachLike = sink.format === 'foreachBatch' || sink.format === 'foreach';
  for (const [key, value] of Object.entries(sink.options)) {
    if (key.toLowerCase() === 'checkpointlocation' || (foreachLike && key === pathKey)) continue;
    steps.push(`.option(${pyStr(key)}, ${pyStr(value)})`);
  }
  const checkpointKey = Object.keys(sink.options).find(
    (k) => k.toLowerCase() === 'checkpointlocation',
  );
  const checkpoint =
    sink.checkpointLocation ??
    (checkpointKey !== undefined ? sink.options[checkpointKey] : undefined);
  if (checkpoint !== undefined) steps.push(`.option("checkpointLocation", ${pyStr(checkpoint)})`);
  const trigger = triggerCall(sink.trigger);
  if (trigger !== null) steps.push(trigger);
  steps.push('.start()');

  const queryVar = script.names.take(
    sink.queryName !== undefined ? `${sink.queryName}_query` : 'query',
  );
  script.addChain(
    queryVar,
    steps[0],
    steps.slice(1),
    sink.trigger.kind === 'once'
      ? commentLines('Trigger.Once is deprecated in Spark 4; availableNow=True is its successor.')
      : [],
  );
  const closing: string[] = [];
  if (sink.format === 'memory' && sink.queryName !== undefined) {
    closing.push(
      ...commentLines(
        `The memory sink's table, while the query runs: spark.sql(${pyStr(`SELECT * FROM ${sink.queryName}`)}).show()`,
      ),
    );
  }
  closing.push(`${queryVar}.awaitTermination()`);
  script.addBlock(closing);
}
