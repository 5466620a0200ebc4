/**
 * The DataStreamWriter part of an exported program: `df.writeStream.format(..)
 * .outputMode(..).queryName(..).option(..).trigger({...}).start()`, then
 * `await query.awaitTermination()`.
 *
 * A foreachBatch or foreach query ran a TypeScript function that is not part of its plan,
 * so the program gets one in its place that shows what reached the sink (each micro-batch,
 * each row); the user puts their own code there.
 */
import type { SinkSpec, TriggerSpec } from '../plan/logical-plan';
import { tsStr } from './typescript-literals';
import { call, commentLines, type MethodCall, type TypeScriptProgram } from './typescript-program';

function triggerCall(t: TriggerSpec): MethodCall | null {
  switch (t.kind) {
    case 'default':
      return null;
    case 'processingTime':
      return call('trigger', `{ processingTime: ${tsStr(t.interval)} }`);
    case 'once':
      return call('trigger', '{ once: true }');
    case 'availableNow':
      return call('trigger', '{ availableNow: true }');
  }
}

function sinkCall(format: string): MethodCall {
  if (format === 'foreachBatch') {
    return {
      ...call(
        'foreachBatch',
        'async (batch, batchId) => { console.log(`batch ${batchId}`); await batch.show(); }',
      ),
      comment:
        'Tidemark: this query ran a TypeScript function on each micro-batch; it is not part of the plan, so this one prints each batch. Put your own code here.',
    };
  }
  if (format === 'foreach') {
    return {
      ...call('foreach', '(row) => console.log(row)'),
      comment:
        'Tidemark: this query ran a TypeScript function on each row; it is not part of the plan, so this one prints each row. Put your own code here.',
    };
  }
  return call('format', tsStr(format));
}

/** Writes the sink statements reading from DataFrame variable `df`. */
export function writeSink(df: string, sink: SinkSpec, program: TypeScriptProgram): void {
  const calls: MethodCall[] = [sinkCall(sink.format), call('outputMode', tsStr(sink.outputMode))];
  if (sink.queryName !== undefined) calls.push(call('queryName', tsStr(sink.queryName)));
  const checkpointKey = Object.keys(sink.options).find(
    (k) => k.toLowerCase() === 'checkpointlocation',
  );
  for (const [key, value] of Object.entries(sink.options))
    if (key !== checkpointKey) calls.push(call('option', tsStr(key), tsStr(value)));
  const checkpoint =
    sink.checkpointLocation ??
    (checkpointKey !== undefined ? sink.options[checkpointKey] : undefined);
  if (checkpoint !== undefined)
    calls.push(call('option', tsStr('checkpointLocation'), tsStr(checkpoint)));
  const trigger = triggerCall(sink.trigger);
  if (trigger !== null) calls.push(trigger);
  calls.push(call('start'));

  const query = program.names.take(
    sink.queryName !== undefined ? `${sink.queryName} query` : 'query',
  );
  program.addChain(
    query,
    `${df}.writeStream`,
    calls,
    sink.trigger.kind === 'once'
      ? commentLines('Trigger.Once is deprecated in Spark 4; availableNow is its successor.')
      : [],
  );
  const closing = [`await ${query}.awaitTermination();`];
  if (sink.format === 'memory' && sink.queryName !== undefined) {
    const table = `spark.table(${tsStr(sink.queryName)})`;
    // Only a query that stops by itself gets past awaitTermination.
    if (sink.trigger.kind === 'availableNow' || sink.trigger.kind === 'once')
      closing.push(`await ${table}.show();`);
    else
      closing.unshift(
        ...commentLines(`The memory sink's table, while the query runs: await ${table}.show();`),
      );
  }
  program.addBlock(closing);
}
