import { tableFromIPC } from 'apache-arrow';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../engine/service/protocol';
import type { EngineWorkerConfig } from '../../engine/service/worker-messages';
import { EngineHost, EngineRequestError } from '../../main/engine-host';

/**
 * A stand-in engine worker speaking the host's worker messages: answers listQueries with
 * [], crashes (exit code 3) on startDemo, and acknowledges shutdown.
 */
const FAKE_ENGINE = `
const { parentPort, workerData } = require('node:worker_threads');
parentPort.on('message', (m) => {
  if (m.kind === 'shutdown') return parentPort.postMessage({ kind: 'stopped' });
  if (m.request.type === 'startDemo') process.exit(3);
  if (m.request.type === 'stopQuery') return parentPort.postMessage({ kind: 'response', id: m.request.id, ok: false, error: { name: 'Error', errorClass: null, sqlState: null, message: 'No query with id ' + m.request.queryId } });
  parentPort.postMessage({ kind: 'event', event: { type: 'queryTerminated', queryId: String(workerData.startDemo), error: null } });
  parentPort.postMessage({ kind: 'response', id: m.request.id, ok: true, result: [] });
});
`;

describe('EngineHost: the engine worker, supervised', () => {
  const hosts: EngineHost[] = [];
  afterEach(async () => {
    await Promise.all(hosts.splice(0).map((h) => h.stop()));
  });

  function fakeHost(events: EngineEvent[], workers: Worker[] = []): EngineHost {
    const host = new EngineHost({
      config: { startDemo: false },
      onEvent: (e) => events.push(e),
      createWorker: (config: EngineWorkerConfig) => {
        const w = new Worker(FAKE_ENGINE, { eval: true, workerData: config });
        workers.push(w);
        return w;
      },
    });
    hosts.push(host);
    host.start();
    return host;
  }

  it('relays requests to the worker, with host-wide ids, and its events back', async () => {
    const events: EngineEvent[] = [];
    const host = fakeHost(events);
    const a = await host.call({ type: 'listQueries' });
    const b = await host.call({ type: 'listQueries' });
    expect(a).toEqual({ kind: 'response', id: 1, ok: true, result: [] });
    expect(b.id).toBe(2);
    expect(await host.request({ type: 'listQueries' })).toEqual([]);
    expect(events[0]).toEqual({ type: 'queryTerminated', queryId: 'false', error: null });
    await expect(host.request({ type: 'stopQuery', queryId: 'nope' })).rejects.toThrow(
      new EngineRequestError({
        name: 'Error',
        errorClass: null,
        sqlState: null,
        message: 'No query with id nope',
      }),
    );
  });

  it('answers requests in flight when the worker dies, restarts it and reports engineRestarted', async () => {
    const events: EngineEvent[] = [];
    const workers: Worker[] = [];
    const host = fakeHost(events, workers);
    const crashed = await host.call({ type: 'startDemo' });
    expect(crashed.ok).toBe(false);
    expect(!crashed.ok && crashed.error.message).toBe('the engine exited with code 3');
    await expect
      .poll(() => events.filter((e) => e.type === 'engineRestarted'))
      .toEqual([{ type: 'engineRestarted', reason: 'the engine exited with code 3', restarts: 1 }]);
    expect(host.restartCount).toBe(1);
    expect(workers).toHaveLength(2);
    expect((await host.call({ type: 'listQueries' })).ok).toBe(true);
  });

  it('stops without restarting', async () => {
    const events: EngineEvent[] = [];
    const workers: Worker[] = [];
    const host = fakeHost(events, workers);
    await host.stop();
    const after = await host.call({ type: 'listQueries' });
    expect(after.ok).toBe(false);
    await new Promise((r) => setTimeout(r, 50));
    expect(workers).toHaveLength(1);
    expect(events.some((e) => e.type === 'engineRestarted')).toBe(false);
  });

  it('runs the real engine worker from TypeScript sources: the demo streams Arrow result tables', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tidemark-host-'));
    const events: EngineEvent[] = [];
    const host = new EngineHost({
      config: {
        startDemo: true,
        demo: { dir: join(dir, 'sensors'), filesPerSecond: 4, rowsPerFile: 10 },
      },
      onEvent: (e) => events.push(e),
    });
    hosts.push(host);
    host.start();
    try {
      await expect
        .poll(() => events.filter((e) => e.type === 'triggerResult').length, { timeout: 30_000 })
        .toBeGreaterThanOrEqual(2);
      const first = events.find((e) => e.type === 'triggerResult');
      const table = first?.type === 'triggerResult' ? tableFromIPC(first.table.ipc) : null;
      expect(table?.schema.fields.map((f) => f.name)).toEqual(['gt', 'count']);
      const queries = await host.request({ type: 'listQueries' });
      expect(queries.map((q) => q.name)).toEqual(['activity_count']);
    } finally {
      await host.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
