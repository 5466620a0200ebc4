/**
 * Snapshot export through the host API (issue 5 §7): a windowed count with a watermark runs
 * into a memory sink over a temp folder; the table after a chosen trigger is exported from
 * the service's history (the query is not run again) and the file records that trigger's
 * batch id and watermark.
 */
import { tableFromIPC } from 'apache-arrow';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { col, count, window } from '../../../engine/index';
import { EngineService } from '../../../engine/service/engine-service';
import type {
  HostResponse,
  QueryInfo,
  RequestBody,
  SnapshotExportResult,
  TriggerInfo,
} from '../../../engine/service/protocol';
import type { SnapshotManifest } from '../../../engine/service/snapshot-manifest';
import { Session } from '../../../engine/session';

describe('EngineService: exportSnapshot / snapshotText of a trigger and of a SQL result', () => {
  let dir: string;
  let service: EngineService;
  let query: QueryInfo;
  let nextId = 1;
  const call = (body: RequestBody): Promise<HostResponse> =>
    service.handle({ ...body, id: nextId++ } as never);
  const ok = async <T>(body: RequestBody): Promise<T> => {
    const r = await call(body);
    if (!r.ok) throw new Error(r.error.message);
    return r.result as T;
  };
  const triggers = async (): Promise<readonly TriggerInfo[]> =>
    (await ok<QueryInfo[]>({ type: 'listQueries' })).find((q) => q.id === query.id)!.triggers;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tidemark-snapshot-service-'));
    const input = join(dir, 'input');
    mkdirSync(input);
    writeFileSync(
      join(input, 'part-0.json'),
      [10, 11, 12, 13, 14, 15].map((v) => `{"value":${v}}`).join('\n') + '\n',
    );
    service = new EngineService({
      session: Session.builder().appName('snapshot-export-service-test').getOrCreate(),
      onEvent: () => undefined,
    });
    const df = service.session.readStream
      .schema('value BIGINT')
      .json(input)
      .selectExpr('timestamp_seconds(value) AS eventTime')
      .withWatermark('eventTime', '10 seconds')
      .groupBy(window(col('eventTime'), '5 seconds'))
      .agg(count('*').alias('count'));
    const sink = df.writeStream
      .format('memory')
      .queryName('windowed')
      .outputMode('complete')
      .toSinkSpec();
    query = await ok<QueryInfo>({ type: 'startQuery', spec: { plan: df.plan, sink } });
    // Batch 0 reads 10…15 s under watermark 0; batch 1 reads 25 s under 15 s − 10 s.
    const ran = (batchId: number) =>
      vi.waitFor(
        async () => expect((await triggers()).some((t) => t.batchId === batchId)).toBe(true),
        {
          timeout: 20_000,
          interval: 50,
        },
      );
    await ran(0);
    writeFileSync(join(input, 'part-1.json'), '{"value":25}\n');
    await ran(1);
  });

  afterAll(async () => {
    await service.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('parquet of trigger 1: its rows, with the query, batch id and watermark in the key-value metadata', async () => {
    const path = join(dir, 'windowed-1.parquet');
    const result = await ok<SnapshotExportResult>({
      type: 'exportSnapshot',
      source: { kind: 'trigger', queryId: query.id, batchId: 1 },
      format: 'parquet',
      path,
    });
    const trigger = (await triggers()).find((t) => t.batchId === 1)!;
    expect(trigger.watermark).toBe('1970-01-01T00:00:05.000Z');

    const file = readFileSync(path);
    const buffer = file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength);
    const kv = Object.fromEntries(
      (parquetMetadata(buffer).key_value_metadata ?? []).map((e) => [e.key, e.value]),
    );
    expect(kv).toMatchObject({
      'tidemark.queryId': query.id,
      'tidemark.queryName': 'windowed',
      'tidemark.batchId': '1',
      'tidemark.outputMode': 'complete',
      'tidemark.watermark': '1970-01-01T00:00:05.000Z',
      'tidemark.triggerTimestamp': trigger.timestamp,
    });
    expect(result).toMatchObject({ path, format: 'parquet', numRows: 3, bytes: file.byteLength });
    expect(result.metadata['tidemark.watermark']).toBe('1970-01-01T00:00:05.000Z');

    const rows = await parquetReadObjects({
      file: buffer,
      parsers: { timestampFromMicroseconds: (us: bigint) => Number(us) / 1e6 },
    });
    const windows = rows
      .map((r) => [(r.window as { start: number }).start, Number(r.count)])
      .sort((a, b) => a[0] - b[0]);
    expect(windows).toEqual([
      [10, 5],
      [15, 1],
      [25, 1],
    ]);
  });

  it('arrow of trigger 0: the watermark then in force (0) is recorded in the schema metadata', async () => {
    const path = join(dir, 'windowed-0.arrow');
    await ok<SnapshotExportResult>({
      type: 'exportSnapshot',
      source: { kind: 'trigger', queryId: query.id, batchId: 0 },
      format: 'arrow',
      path,
    });
    const table = tableFromIPC(readFileSync(path));
    expect(table.schema.metadata.get('tidemark.batchId')).toBe('0');
    expect(table.schema.metadata.get('tidemark.watermark')).toBe('1970-01-01T00:00:00.000Z');
    expect(table.numRows).toBe(2);
  });

  it('a SQL result as CSV: the statement is recorded in the manifest', async () => {
    const path = join(dir, 'sql.csv');
    const text = 'SELECT count FROM windowed ORDER BY count';
    const result = await ok<SnapshotExportResult>({
      type: 'exportSnapshot',
      source: { kind: 'sql', text },
      format: 'csv',
      path,
    });
    expect(readFileSync(path, 'utf8')).toBe('count\n1\n1\n5\n');
    const manifest = JSON.parse(readFileSync(`${path}.meta.json`, 'utf8')) as SnapshotManifest;
    expect(manifest).toMatchObject({
      numRows: 3,
      schema: 'count BIGINT NOT NULL',
      metadata: { 'tidemark.sql': text },
    });
    expect(result.metadata['tidemark.sql']).toBe(text);
  });

  it('snapshotText: the trigger table as TSV for the clipboard', async () => {
    const r = await ok<{ text: string; numRows: number }>({
      type: 'snapshotText',
      source: { kind: 'trigger', queryId: query.id, batchId: 1 },
    });
    expect(r.numRows).toBe(3);
    const lines = r.text.split('\n');
    expect(lines[0]).toBe('window\tcount');
    expect(lines.slice(1).sort()).toEqual([
      '{1970-01-01 00:00:10, 1970-01-01 00:00:15}\t5',
      '{1970-01-01 00:00:15, 1970-01-01 00:00:20}\t1',
      '{1970-01-01 00:00:25, 1970-01-01 00:00:30}\t1',
    ]);
  });

  it('a trigger whose table is not held is refused, and nothing is written', async () => {
    const path = join(dir, 'missing.arrow');
    const r = await call({
      type: 'exportSnapshot',
      source: { kind: 'trigger', queryId: query.id, batchId: 99_999 },
      format: 'arrow',
      path,
    });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.message).toContain('No result table for batch 99999');
    expect(() => readFileSync(path)).toThrow();
  });
});
