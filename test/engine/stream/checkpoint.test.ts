import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCommit, parseOffsetSeq, serializeOffsetSeq } from '../../../engine/stream/checkpoint';
import { MetadataLog } from '../../../engine/stream/metadata-log';
import {
  MemoryStream,
  passThroughPlan,
  RecordingSink,
  startTestQuery,
  type TestQuery,
} from './stream-fixtures';

let dir: string;
const running: TestQuery[] = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tidemark-checkpoint-'));
});
afterEach(async () => {
  for (const t of running.splice(0)) await t.query.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('checkpoint logs in Spark formats (OffsetSeqLog, CommitLog, StreamMetadata)', () => {
  it('serializes offsets as v1, metadata line, one line per source ("-" for none)', () => {
    const text = serializeOffsetSeq({
      offsets: [{ logOffset: 3 }, null],
      metadata: {
        batchWatermarkMs: 5000,
        batchTimestampMs: 1700000000000,
        conf: { 'spark.sql.streaming.multipleWatermarkPolicy': 'min' },
      },
    });
    expect(text).toBe(
      'v1\n{"batchWatermarkMs":5000,"batchTimestampMs":1700000000000,"conf":{"spark.sql.streaming.multipleWatermarkPolicy":"min"}}\n{"logOffset":3}\n-',
    );
    expect(parseOffsetSeq(text).offsets).toEqual([{ logOffset: 3 }, null]);
  });

  it('MetadataLog.add is write-once and ignores hidden temp files', async () => {
    const log = new MetadataLog(join(dir, 'offsets'));
    expect(await log.add(0, 'a')).toBe(true);
    expect(await log.add(0, 'b')).toBe(false);
    await writeFile(join(dir, 'offsets', '.1.abc.tmp'), 'partial');
    expect(await log.batchIds()).toEqual([0]);
    expect(await log.getLatest()).toEqual({ batchId: 0, text: 'a' });
    await log.add(1, 'c');
    await log.purge(1);
    expect(await log.batchIds()).toEqual([1]);
  });

  it('a query writes metadata, offsets/N before and commits/N after each batch', async () => {
    const source = new MemoryStream();
    const t = startTestQuery({
      plan: passThroughPlan(),
      source,
      sink: new RecordingSink(),
      checkpointLocation: dir,
    });
    running.push(t);
    source.addData([{ value: 1 }]);
    await t.query.processAllAvailable();
    expect(JSON.parse(await readFile(join(dir, 'metadata'), 'utf8'))).toEqual({ id: t.query.id });
    const offsets = parseOffsetSeq(await readFile(join(dir, 'offsets', '0'), 'utf8'));
    expect(offsets.offsets).toEqual([{ offset: 0 }]);
    expect(offsets.metadata.batchWatermarkMs).toBe(0);
    expect(offsets.metadata.conf['spark.sql.streaming.multipleWatermarkPolicy']).toBe('min');
    expect(parseCommit(await readFile(join(dir, 'commits', '0'), 'utf8'))).toEqual({
      nextBatchWatermarkMs: 0,
    });
    expect((await readdir(join(dir, 'offsets'))).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('a restart keeps the query id, gets a new runId and continues after the last committed batch', async () => {
    const source = new MemoryStream();
    const first = startTestQuery({
      plan: passThroughPlan(),
      source,
      sink: new RecordingSink(),
      checkpointLocation: dir,
    });
    source.addData([{ value: 1 }]);
    await first.query.processAllAvailable();
    await first.query.stop();

    source.addData([{ value: 2 }]);
    const sink = new RecordingSink();
    const second = startTestQuery({
      plan: passThroughPlan(),
      source,
      sink,
      checkpointLocation: dir,
    });
    running.push(second);
    await second.query.processAllAvailable();
    expect(second.query.id).toBe(first.query.id);
    expect(second.query.runId).not.toBe(first.query.runId);
    expect(sink.calls.map((c) => [c.batchId, c.rows.map((r) => r.value)])).toEqual([[1, [2]]]);
  });

  it('re-runs a batch whose offsets were logged without a commit, with exactly those offsets (recovery)', async () => {
    const source = new MemoryStream();
    source.addData([{ value: 1 }]);
    source.addData([{ value: 2 }]);
    const failing = new RecordingSink();
    failing.failOnBatch = 0;
    const first = startTestQuery({
      plan: passThroughPlan(),
      source,
      sink: failing,
      checkpointLocation: dir,
    });
    await expect(first.query.awaitTermination()).rejects.toThrow('sink refused batch 0');
    expect(await readdir(join(dir, 'commits')).catch(() => [])).toEqual([]);

    source.addData([{ value: 3 }]);
    const sink = new RecordingSink();
    const second = startTestQuery({
      plan: passThroughPlan(),
      source,
      sink,
      checkpointLocation: dir,
    });
    running.push(second);
    await second.query.processAllAvailable();
    expect(sink.calls.map((c) => [c.batchId, c.rows.map((r) => r.value)])).toEqual([
      [0, [1, 2]],
      [1, [3]],
    ]);
  });
});
