// The socket source against a real TCP server on 127.0.0.1 (an ephemeral port): lines in,
// rows out, line-number offsets, the "not fault tolerant" warning, no replay on restart,
// and Spark's option errors.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AnalysisException } from '../../../../engine/errors';
import {
  SocketSource,
  SOCKET_NOT_FAULT_TOLERANT,
} from '../../../../engine/io/sources/socket-source';

/** A line server: every connection is kept so a test can write to the newest one. */
class LineServer {
  readonly clients: Socket[] = [];
  private readonly server: Server = createServer((c) => {
    this.clients.push(c);
    for (const w of this.waiters.splice(0)) w();
  });
  private waiters: (() => void)[] = [];
  port = 0;

  async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
  }
  async connection(n: number): Promise<Socket> {
    while (this.clients.length < n) await new Promise<void>((r) => this.waiters.push(r));
    return this.clients[n - 1];
  }
  async close(): Promise<void> {
    for (const c of this.clients) c.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** Polls latestOffset until it reaches `offset` (lines arrive asynchronously). */
async function offsetReaching(source: SocketSource, offset: number): Promise<number> {
  for (;;) {
    const got = await source.latestOffset();
    if (got !== null && (got as number) >= offset) return got as number;
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('socket source (TextSocketSourceProvider)', () => {
  let server: LineServer;
  let dir = '';
  const sources: SocketSource[] = [];
  beforeEach(async () => {
    server = new LineServer();
    await server.listen();
    dir = mkdtempSync(join(tmpdir(), 'tidemark-socket-'));
  });
  afterEach(async () => {
    for (const s of sources.splice(0)) await s.stop();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const open = (options: Record<string, string>, metadataPath?: string): SocketSource => {
    const s = new SocketSource({
      options: { host: '127.0.0.1', port: String(server.port), ...options },
      metadataPath,
    });
    sources.push(s);
    return s;
  };

  it('makes one value row per line; offsets are line numbers; the first batch carries the warning', async () => {
    const source = open({});
    expect(source.schema.toDDL()).toBe('`value` STRING');
    expect(source.description).toBe(`TextSocketV2[host: 127.0.0.1, port: ${server.port}]`);
    expect(await source.latestOffset()).toBeNull();
    const client = await server.connection(1);
    client.write('hello world\r\nsecond li');
    client.write('ne\nthird\n');
    const end = await offsetReaching(source, 2);
    expect(end).toBe(2);
    const first = await source.getBatch(null, 1);
    expect(first.batch.toArrays()).toEqual([['hello world'], ['second line']]);
    expect(first.warnings?.map((w) => w.message)).toEqual([SOCKET_NOT_FAULT_TOLERANT]);
    await source.commit(1);
    const second = await source.getBatch(1, 2);
    expect(second.batch.toArrays()).toEqual([['third']]);
    expect(second.warnings).toEqual([]);
  });

  it('adds the arrival timestamp with includeTimestamp, and reads a last unterminated line at close', async () => {
    const source = open({ includeTimestamp: 'TRUE' });
    expect(source.schema.toDDL()).toBe('`value` STRING, `timestamp` TIMESTAMP');
    const before = Date.now();
    const client = await server.connection(1);
    client.end('a\nlast');
    await offsetReaching(source, 1);
    const rows = (await source.getBatch(null, 1)).batch.toArrays();
    expect(rows.map((r) => r[0])).toEqual(['a', 'last']);
    for (const r of rows) expect(Number(r[1]) / 1000).toBeGreaterThanOrEqual(before);
  });

  it('does not replay after a restart: new lines are numbered after the old offsets', async () => {
    const first = open({}, dir);
    (await server.connection(1)).write('x\ny\n');
    await offsetReaching(first, 1);
    await first.getBatch(null, 1);
    await first.stop();
    // Restarted from the same checkpoint: the batch (−1, 1] re-run has nothing to give back.
    const restarted = open({}, dir);
    const rerun = await restarted.getBatch(null, 1);
    expect(rerun.batch.numRows).toBe(0);
    expect(rerun.warnings?.map((w) => w.code)).toContain('SOCKET_SOURCE_LINES_LOST');
    (await server.connection(2)).write('z\n');
    expect(await offsetReaching(restarted, 2)).toBe(2);
    expect((await restarted.getBatch(1, 2)).batch.toArrays()).toEqual([['z']]);
  });

  it('fails the query when nothing listens on the port', async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const freePort = (probe.address() as { port: number }).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const source = new SocketSource({ options: { host: '127.0.0.1', port: String(freePort) } });
    sources.push(source);
    await expect(source.latestOffset()).rejects.toThrow(
      /Cannot read from 127\.0\.0\.1:\d+: connect ECONNREFUSED/,
    );
  });

  it('checks options with Spark’s messages', () => {
    const make = (options: Record<string, string>) => () => new SocketSource({ options });
    expect(make({ port: '9' })).toThrow(AnalysisException);
    expect(make({ port: '9' })).toThrow('Set a host to read from with option("host", ...).');
    expect(make({ host: 'localhost' })).toThrow(
      'Set a port to read from with option("port", ...).',
    );
    expect(make({ host: 'localhost', port: '9', includeTimestamp: 'yes' })).toThrow(
      'includeTimestamp must be set to either "true" or "false"',
    );
  });
});
