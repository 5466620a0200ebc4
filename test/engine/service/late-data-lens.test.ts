/**
 * The late-data lens through the host API (issue 6 §2): a windowed count by user with a
 * 10-second watermark reads a folder one file per trigger, with rows we know to be late.
 * The trace must give each row's fate and agree with the engine's own
 * numRowsDroppedByWatermark; the replay must run the same files on the same trigger
 * boundaries, reproduce the run exactly with the query's delay, and keep nothing out
 * without a watermark — whose state then grows while the watermarked state stays bounded.
 */
import { tableFromIPC } from 'apache-arrow';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { col, count, window } from '../../../engine/index';
import { DROPPED, LATE_ACCEPTED, ON_TIME } from '../../../engine/exec/late-data-recorder';
import { EngineService } from '../../../engine/service/engine-service';
import type {
  EngineEvent,
  HostResponse,
  LateDataTrace,
  LateRowExplanation,
  QueryInfo,
  RequestBody,
  WatermarkReplay,
} from '../../../engine/service/protocol';
import { Session } from '../../../engine/session';

/** (seconds, user) per file; one file per trigger. */
const FILES: readonly (readonly [number, string][])[] = [
  [
    [10, 'a'],
    [11, 'a'],
    [15, 'b'],
  ],
  // 12 is older than 15 but its window [10, 15) ends above the watermark (5 s): late, accepted.
  [
    [25, 'a'],
    [12, 'b'],
  ],
  // Watermark for late events 15 s: [10, 15) and [0, 5) are closed. Two of the three dropped
  // rows share a key and window, so Spark counts 2 dropped (partial aggregate) rows.
  [
    [14, 'a'],
    [13, 'a'],
    [4, 'b'],
    [30, 'c'],
  ],
];

/** Later files: 10 s of rows each, always on time, so windows keep opening. */
function laterFile(k: number): [number, string][] {
  return Array.from(
    { length: 10 },
    (_, i) => [40 + 10 * k + i, i % 2 === 0 ? 'a' : 'b'] as [number, string],
  );
}

describe('EngineService: late-data trace and watermark replay', () => {
  let dir: string;
  let input: string;
  let service: EngineService;
  let query: QueryInfo;
  const events: EngineEvent[] = [];
  let nextId = 1;
  const call = (body: RequestBody): Promise<HostResponse> =>
    service.handle({ ...body, id: nextId++ } as never);
  const ok = async <T>(body: RequestBody): Promise<T> => {
    const r = await call(body);
    if (!r.ok) throw new Error(`${r.error.name}: ${r.error.message}`);
    return r.result as T;
  };
  const files: string[] = [];
  const write = async (rows: readonly (readonly [number, string])[]): Promise<void> => {
    const path = join(input, `part-${String(files.length).padStart(3, '0')}.json`);
    writeFileSync(path, rows.map(([v, u]) => `{"value":${v},"user":"${u}"}`).join('\n') + '\n');
    files.push(path);
    await service.session.streams.get(query.id)!.processAllAvailable();
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tidemark-late-data-lens-'));
    input = join(dir, 'input');
    mkdirSync(input);
    service = new EngineService({
      session: Session.builder().appName('late-data-lens-test').getOrCreate(),
      onEvent: (e) => events.push(e),
    });
    const df = service.session.readStream
      .schema('value BIGINT, user STRING')
      .json(input)
      .selectExpr('timestamp_seconds(value) AS eventTime', 'user')
      .withWatermark('eventTime', '10 seconds')
      .groupBy(window(col('eventTime'), '5 seconds'), col('user'))
      .agg(count('*').alias('count'));
    const sink = df.writeStream
      .format('memory')
      .queryName('late_counts')
      .outputMode('append')
      .toSinkSpec();
    query = await ok<QueryInfo>({ type: 'startQuery', spec: { plan: df.plan, sink } });
    for (const f of FILES) await write(f);
    for (let k = 0; k < 6; k++) await write(laterFile(k));
  }, 60_000);

  afterAll(async () => {
    await service.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('traces every row: fates, windows, and the engine’s own dropped counts', async () => {
    const trace = await ok<LateDataTrace>({ type: 'lateDataTrace', queryId: query.id });
    expect(trace.operatorName).toBe('stateStoreSave');
    const withRows = trace.triggers.filter((t) => t.numRows > 0);
    expect(withRows.map((t) => t.files)).toEqual(files.map((f) => [f]));

    const rows = tableFromIPC(trace.rowsIpc);
    const batch = (id: number) => {
      const ids = rows.getChild('batchId')!.toArray() as Int32Array;
      const pick = (name: string) =>
        Array.from(rows.getChild(name)!.toArray() as ArrayLike<number>).filter(
          (_, i) => ids[i] === id,
        );
      return {
        eventTimeUs: pick('eventTimeUs'),
        fate: pick('fate'),
        windowStartUs: pick('windowStartUs'),
      };
    };
    expect(batch(withRows[0].batchId)).toEqual({
      eventTimeUs: [10e6, 11e6, 15e6],
      fate: [ON_TIME, ON_TIME, ON_TIME],
      windowStartUs: [10e6, 10e6, 15e6],
    });
    expect(batch(withRows[1].batchId).fate).toEqual([ON_TIME, LATE_ACCEPTED]);
    expect(batch(withRows[2].batchId).fate).toEqual([DROPPED, DROPPED, DROPPED, ON_TIME]);
    expect(withRows[2].lateEventsWatermarkUs).toBe(15e6);

    // Rows dropped vs Spark's count of dropped partial aggregates, per trigger, from progress.
    expect(withRows[2].numDropped).toBe(3);
    expect(withRows[2].numRowsDroppedByWatermark).toBe(2);
    const progressDropped = service.session.streams
      .get(query.id)!
      .recentProgress.map((p) => [
        p.batchId,
        p.stateOperators.reduce((s, o) => s + o.numRowsDroppedByWatermark, 0),
      ]);
    for (const t of trace.triggers) {
      const reported = progressDropped.filter(([id]) => id === t.batchId).pop();
      if (reported !== undefined) expect(t.numRowsDroppedByWatermark).toBe(reported[1]);
    }
    expect(trace.triggers.reduce((s, t) => s + t.numDropped, 0)).toBe(3);

    // The window summary: [10, 15) took rows then was finalised and evicted, then refused rows.
    const windows = tableFromIPC(trace.windowsIpc)
      .toArray()
      .map((r) => r.toJSON() as Record<string, number>);
    const w1015 = windows.filter((w) => w.startUs === 10e6);
    expect(w1015.reduce((s, w) => s + w.accepted, 0)).toBe(3);
    expect(w1015.some((w) => w.finalised === 1 && w.evicted === 1)).toBe(true);
    expect(w1015.reduce((s, w) => s + w.dropped, 0)).toBe(2);

    // Incremental: from a batch on, only the later triggers.
    const since = await ok<LateDataTrace>({
      type: 'lateDataTrace',
      queryId: query.id,
      sinceBatch: withRows[3].batchId,
    });
    expect(since.triggers[0].batchId).toBe(withRows[3].batchId);
    expect(events.some((e) => e.type === 'lateData' && e.queryId === query.id)).toBe(true);
  });

  it('explains a dropped row: file, line, the watermark in force and by how much it missed', async () => {
    const trace = await ok<LateDataTrace>({ type: 'lateDataTrace', queryId: query.id });
    const dropping = trace.triggers.filter((t) => t.numRows > 0)[2];
    const why = await ok<LateRowExplanation>({
      type: 'explainLateRow',
      queryId: query.id,
      batchId: dropping.batchId,
      row: 2,
    });
    expect(why).toMatchObject({
      fate: DROPPED,
      eventTimeUs: 4e6,
      watermarkUs: 15e6,
      windowStartUs: 0,
      windowEndUs: 5e6,
      missedByUs: 10e6,
      file: files[2],
      record: 3,
      line: 3,
    });
  });

  it('replays the same files on the same trigger boundaries: the query’s delay reproduces the run exactly', async () => {
    const trace = await ok<LateDataTrace>({ type: 'lateDataTrace', queryId: query.id });
    const replay = await ok<WatermarkReplay>({
      type: 'replayWatermark',
      queryId: query.id,
      variants: [
        { label: 'A', delay: '10 seconds' },
        { label: 'B', delay: null },
      ],
    });
    expect(replay.batchIds).toEqual(trace.triggers.map((t) => t.batchId));
    const [a, b] = replay.variants;
    expect(a.triggers.map((t) => t.numRowsDroppedByWatermark)).toEqual(
      trace.triggers.map((t) => t.numRowsDroppedByWatermark),
    );
    expect(a.triggers.map((t) => t.numDroppedRows)).toEqual(
      trace.triggers.map((t) => t.numDropped),
    );
    expect(a.triggers.map((t) => t.numStateRows)).toEqual(
      trace.triggers.map((t) => t.numStateRows),
    );
    expect(a.triggers.map((t) => t.watermarkAfterUs)).toEqual(
      trace.triggers.map((t) => t.watermarkAfterUs),
    );
    const fates = (ipc: Uint8Array) =>
      Array.from(tableFromIPC(ipc).getChild('fate')!.toArray() as Uint8Array);
    expect(fates(a.rowsIpc)).toEqual(fates(trace.rowsIpc));

    // Without a watermark nothing is dropped; append cannot run, so it runs in update mode.
    expect(b.outputMode).toBe('update');
    expect(b.note).toContain('update mode');
    expect(
      b.triggers.every((t) => t.numRowsDroppedByWatermark === 0 && t.numDroppedRows === 0),
    ).toBe(true);
    expect(fates(b.rowsIpc).includes(DROPPED)).toBe(false);

    // State: unbounded without a watermark, bounded with one.
    const dataTriggers = (v: typeof a) =>
      v.triggers.filter((t) => t.numInputRows > 0).map((t) => t.numStateRows);
    const grown = dataTriggers(b);
    for (let i = 1; i < grown.length; i++) expect(grown[i]).toBeGreaterThan(grown[i - 1]);
    // At most the windows within the delay of the newest row: 2 users × 3 open 5-second windows per 10 s.
    expect(Math.max(...dataTriggers(a))).toBeLessThanOrEqual(12);
    expect(grown[grown.length - 1]).toBeGreaterThan(2 * Math.max(...dataTriggers(a)));

    // The answers that differ: user a's [10, 15) counts 2 rows with the watermark, 4 without.
    const d = replay.difference;
    expect(d.keyColumns).toEqual(['window', 'user']);
    expect(d.numKeptOnlyByB).toBe(3);
    expect(d.numKeptOnlyByA).toBe(0);
    const row = d.rows.find((r) => r.windowStartUs === 10e6 && r.key.includes('user=a'));
    expect(row).toMatchObject({ a: 'count=2', b: 'count=4' });
    // Windows still open at the end have no final row with the watermark, but one without.
    expect(d.rows.some((r) => r.a === null && r.b !== null)).toBe(true);

    const out = tableFromIPC(a.outputIpc);
    expect(out.schema.fields[0].name).toBe('_batchId');
    expect(out.numRows).toBe(a.triggers.reduce((s, t) => s + t.numOutputRows, 0));
  });

  it('a newer replay of the same query cancels the one still running', async () => {
    const variants = [
      { label: 'A', delay: '5 seconds' },
      { label: 'B', delay: null },
    ] as const;
    const first = call({ type: 'replayWatermark', queryId: query.id, variants });
    const second = call({
      type: 'replayWatermark',
      queryId: query.id,
      variants: [{ label: 'A', delay: '0 seconds' }, variants[1]],
    });
    const [r1, r2] = await Promise.all([first, second]);
    expect(r1.ok).toBe(false);
    if (!r1.ok) expect(r1.error.name).toBe('ReplaySupersededException');
    expect(r2.ok).toBe(true);
  });

  it('refuses a bad delay with Spark’s message, and two replays without a watermark', async () => {
    const bad = await call({
      type: 'replayWatermark',
      queryId: query.id,
      variants: [
        { label: 'A', delay: 'ten seconds' },
        { label: 'B', delay: null },
      ],
    });
    expect(bad.ok).toBe(false);
    const none = await call({
      type: 'replayWatermark',
      queryId: query.id,
      variants: [
        { label: 'A', delay: null },
        { label: 'B', delay: null },
      ],
    });
    expect(none.ok).toBe(false);
    if (!none.ok) expect(none.error.message).toContain('needs a watermark delay');
  });
});
