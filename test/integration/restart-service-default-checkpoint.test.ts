/**
 * Issue 7 §1: checkpoints are on by default in the app. A query started through the engine
 * service without a checkpointLocation keeps one under the service's checkpointRoot, named
 * after the query, so starting it again continues its counts instead of starting over.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EngineService } from '../../engine/service/engine-service';
import type { HostResponse, QueryInfo } from '../../engine/service/protocol';
import { Session } from '../../engine/session';

const dir = mkdtempSync(join(tmpdir(), 'tidemark-service-checkpoint-'));
let service: EngineService | null = null;
afterEach(async () => {
  await service?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('EngineService with a checkpointRoot', () => {
  it('gives a memory query <root>/<queryName> and a restart resumes its state', async () => {
    const root = join(dir, 'checkpoints');
    const input = join(dir, 'in');
    mkdirSync(input, { recursive: true });
    writeFileSync(join(input, 'a.json'), '{"user":"ann"}\n{"user":"ann"}\n{"user":"bob"}\n');
    const session = Session.builder().appName('service-checkpoint-test').getOrCreate();
    service = new EngineService({ session, checkpointRoot: root, onEvent: () => undefined });
    let id = 1;
    const df = session.readStream.schema('user STRING').option('fileStableMs', '0').json(input).groupBy('user').count();
    const spec = { plan: df.plan, sink: df.writeStream.format('memory').queryName('activity').outputMode('complete').toSinkSpec() };
    const counts = async () =>
      (await session.sql('SELECT user, count FROM activity ORDER BY user').collect()).map((r) => `${String(r.user)}=${String(r.count)}`);

    const first = (await service.handle({ id: id++, type: 'startQuery', spec } as never)) as Extract<HostResponse, { ok: true }>;
    expect(first.ok).toBe(true);
    await expect.poll(counts, { timeout: 20_000 }).toEqual(['ann=2', 'bob=1']);
    await service.handle({ id: id++, type: 'stopQuery', queryId: (first.result as QueryInfo).id } as never);
    expect(readdirSync(join(root, 'activity')).sort()).toEqual(expect.arrayContaining(['commits', 'metadata', 'offsets', 'state']));

    writeFileSync(join(input, 'b.json'), '{"user":"ann"}\n');
    const second = (await service.handle({ id: id++, type: 'startQuery', spec } as never)) as Extract<HostResponse, { ok: true }>;
    expect(second.ok).toBe(true);
    // The same query id (from <root>/activity/metadata), and ann's count goes on from 2.
    expect((second.result as QueryInfo).id).toBe((first.result as QueryInfo).id);
    await expect.poll(counts, { timeout: 20_000 }).toEqual(['ann=3', 'bob=1']);
  });

  it('runs a memory query in update mode on a temporary checkpoint, so running it again starts afresh (Spark: no recovery for memory append/update)', async () => {
    const root = join(dir, 'checkpoints');
    const input = join(dir, 'in');
    mkdirSync(input, { recursive: true });
    writeFileSync(join(input, 'a.json'), '{"user":"ann"}\n{"user":"bob"}\n');
    const session = Session.builder().appName('service-checkpoint-update-test').getOrCreate();
    service = new EngineService({ session, checkpointRoot: root, onEvent: () => undefined });
    const df = session.readStream.schema('user STRING').option('fileStableMs', '0').json(input).groupBy('user').count();
    const spec = { plan: df.plan, sink: df.writeStream.format('memory').queryName('by_user').outputMode('update').toSinkSpec() };
    for (let run = 1; run <= 2; run++) {
      const started = await service.handle({ id: run * 10, type: 'startQuery', spec } as never);
      expect(started.ok, JSON.stringify(started)).toBe(true);
      const rows = async () => (await session.sql('SELECT count(1) AS n FROM by_user').collect())[0]?.n;
      await expect.poll(rows, { timeout: 20_000 }).toBe(2);
      await service.handle({ id: run * 10 + 1, type: 'stopQuery', queryId: ((started as Extract<HostResponse, { ok: true }>).result as QueryInfo).id } as never);
    }
    expect(readdirSync(dir)).not.toContain('checkpoints');
  });
});
