import { mkdtemp, mkdir, realpath, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { HostResponse, RequestBody } from '../../../engine/service/protocol';
import { BrowserDialogs } from '../../../main/dialogs';
import { createHostRouter } from '../../../main/host-setup';
import { startWebServer, type WebServer } from '../../../main/web/server';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function get(
  server: WebServer,
  path: string,
  headers: Record<string, string> = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, path, method: 'GET', headers },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** Resolves to the HTTP status the upgrade was refused with, or 101 when the socket opened. */
function upgrade(
  server: WebServer,
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; socket?: WebSocket }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}${path}`, { headers });
    ws.on('unexpected-response', (_req, res) => resolve({ status: res.statusCode ?? 0 }));
    ws.on('open', () => resolve({ status: 101, socket: ws }));
    ws.on('error', () => undefined);
  });
}

describe('browser-mode server (main/web/server.ts)', () => {
  let dir: string;
  let server: WebServer;
  const calls: RequestBody[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tidemark-web-'));
    await mkdir(join(dir, 'assets'));
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>Tidemark</title>');
    await writeFile(join(dir, 'assets', 'app.js'), 'export {};');
    await writeFile(join(tmpdir(), 'tidemark-outside.txt'), 'secret');
    server = await startWebServer({
      rendererDir: dir,
      backend: {
        async call(body: RequestBody): Promise<HostResponse> {
          calls.push(body);
          return { kind: 'response', id: 9999, ok: true, result: [] };
        },
      },
    });
  });

  afterAll(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
    await rm(join(tmpdir(), 'tidemark-outside.txt'), { force: true });
  });

  it('binds 127.0.0.1 on a random port and prints a tokenised URL', () => {
    expect(server.origin).toBe(`http://127.0.0.1:${server.port}`);
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
    expect(server.token.length).toBeGreaterThanOrEqual(40);
  });

  it('refuses a request without the token with 401', async () => {
    const r = await get(server, '/');
    expect(r.status).toBe(401);
    expect(r.body).not.toContain('Tidemark');
    expect((await get(server, '/assets/app.js')).status).toBe(401);
  });

  it('refuses a wrong token with 403', async () => {
    expect((await get(server, '/?token=not-the-token')).status).toBe(403);
    expect((await get(server, '/', { 'X-Tidemark-Token': 'nope' })).status).toBe(403);
    expect((await get(server, '/', { Cookie: `tidemark-token-${server.port}=nope` })).status).toBe(
      403,
    );
  });

  it('serves the page with the token, sets an HttpOnly cookie and a strict CSP', async () => {
    const r = await get(server, `/?token=${server.token}`);
    expect(r.status).toBe(200);
    expect(r.body).toContain('<title>Tidemark</title>');
    const cookie = String(r.headers['set-cookie']);
    expect(cookie).toContain(`tidemark-token-${server.port}=${server.token}`);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    const csp = String(r.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-eval');
    expect(r.headers['referrer-policy']).toBe('no-referrer');
  });

  it('serves assets with the cookie the page set', async () => {
    const r = await get(server, '/assets/app.js', {
      Cookie: `other=1; tidemark-token-${server.port}=${server.token}`,
    });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toContain('text/javascript');
  });

  it('refuses a foreign Host (DNS rebinding) and a foreign Origin even with the token', async () => {
    expect(
      (await get(server, `/?token=${server.token}`, { Host: `evil.example:${server.port}` }))
        .status,
    ).toBe(403);
    expect(
      (await get(server, `/?token=${server.token}`, { Origin: 'http://evil.example' })).status,
    ).toBe(403);
    expect((await get(server, `/?token=${server.token}`, { Origin: server.origin })).status).toBe(
      200,
    );
  });

  it('never serves files outside the renderer folder', async () => {
    const auth = { 'X-Tidemark-Token': server.token };
    expect((await get(server, '/../tidemark-outside.txt', auth)).status).toBe(404);
    expect((await get(server, '/..%2ftidemark-outside.txt', auth)).status).toBe(404);
    expect((await get(server, '/%2e%2e/tidemark-outside.txt', auth)).status).toBe(404);
    expect((await get(server, '/missing.js', auth)).status).toBe(404);
  });

  it('refuses WebSocket upgrades from a foreign Origin, without an Origin, or without the token', async () => {
    const tokenPath = `/api?token=${server.token}`;
    expect((await upgrade(server, tokenPath, { Origin: 'http://evil.example' })).status).toBe(403);
    expect(
      (await upgrade(server, tokenPath, { Origin: `http://127.0.0.1:${server.port + 1}` })).status,
    ).toBe(403);
    expect((await upgrade(server, tokenPath, {})).status).toBe(403);
    expect((await upgrade(server, '/api', { Origin: server.origin })).status).toBe(401);
    expect((await upgrade(server, '/api?token=wrong', { Origin: server.origin })).status).toBe(403);
  });

  it('relays requests under the tab’s ids and pushes events with Arrow bytes as binary frames', async () => {
    const { status, socket } = await upgrade(server, `/api?token=${server.token}`, {
      Origin: server.origin,
    });
    expect(status).toBe(101);
    const ws = socket!;
    const frames: (string | Buffer)[] = [];
    const got = (n: number) =>
      new Promise<void>((resolve) => {
        const check = (): void => void (frames.length >= n ? resolve() : setTimeout(check, 5));
        check();
      });
    ws.on('message', (data, isBinary) =>
      frames.push(isBinary ? (data as Buffer) : data.toString()),
    );

    ws.send(JSON.stringify({ id: 7, type: 'listQueries' }));
    await got(1);
    expect(JSON.parse(frames[0] as string)).toEqual({
      kind: 'response',
      id: 7,
      ok: true,
      result: [],
    });
    expect(calls).toEqual([{ type: 'listQueries' }]);

    ws.send(JSON.stringify({ id: 8, type: 'dropDatabase' }));
    await got(2);
    const refused = JSON.parse(frames[1] as string) as HostResponse;
    expect(refused.ok).toBe(false);
    expect(refused.id).toBe(8);
    expect(calls).toHaveLength(1);

    const ipc = new Uint8Array([1, 2, 3, 4]);
    server.broadcast({
      type: 'triggerResult',
      table: { queryId: 'q', batchId: 1, numRows: 2, changedRows: [0], ipc },
    });
    await got(4);
    const header = JSON.parse(frames[2] as string);
    expect(header.$binaries).toBe(1);
    expect(header.event.table.ipc).toEqual({ $binary: 0 });
    expect([...(frames[3] as Buffer)]).toEqual([1, 2, 3, 4]);
    ws.close();
  });
});

describe('browser-mode server with the host router: typed-path picks grant folders', () => {
  let base: string;
  let server: WebServer;
  const relayed: RequestBody[] = [];

  beforeAll(async () => {
    base = await realpath(await mkdtemp(join(tmpdir(), 'tidemark-web-grants-')));
    await mkdir(join(base, 'renderer'));
    await writeFile(join(base, 'renderer', 'index.html'), '<!doctype html><title>Tidemark</title>');
    await mkdir(join(base, 'sensors'));
    await mkdir(join(base, 'private'));
    const router = await createHostRouter({
      engine: {
        async call(body) {
          relayed.push(body);
          return { kind: 'response', ok: true, result: [] };
        },
      },
      dialogs: new BrowserDialogs(),
      kind: 'browser',
      dataDir: join(base, 'data'),
      demoDir: null,
      documentsDir: base,
    });
    server = await startWebServer({ rendererDir: join(base, 'renderer'), backend: router });
  });

  afterAll(async () => {
    await server.close();
    await rm(base, { recursive: true, force: true });
  });

  it('grants the folder a pickFolder typedPath names, and only that folder', async () => {
    const { status, socket } = await upgrade(server, `/api?token=${server.token}`, {
      Origin: server.origin,
    });
    expect(status).toBe(101);
    const ws = socket!;
    const responses = new Map<number, HostResponse>();
    ws.on('message', (data) => {
      const message = JSON.parse(data.toString()) as HostResponse;
      responses.set(message.id, message);
    });
    const ask = async (id: number, body: RequestBody): Promise<HostResponse> => {
      ws.send(JSON.stringify({ ...body, id }));
      await expect.poll(() => responses.has(id)).toBe(true);
      return responses.get(id)!;
    };
    const preview = (path: string): RequestBody => ({
      type: 'previewSource',
      setup: { path, format: 'json', schema: null, options: {} },
    });

    const before = await ask(1, preview(join(base, 'sensors')));
    expect(before.ok).toBe(false);
    expect(!before.ok && before.error.name).toBe('SecurityException');

    const info = await ask(2, { type: 'hostInfo' });
    expect(info).toMatchObject({
      id: 2,
      ok: true,
      result: { kind: 'browser', nativeDialogs: false },
    });

    const noTyped = await ask(3, { type: 'pickFolder', purpose: 'source' });
    expect(!noTyped.ok && noTyped.error.message).toContain('browser mode needs typedPath');

    const picked = await ask(4, {
      type: 'pickFolder',
      purpose: 'source',
      typedPath: join(base, 'sensors'),
    });
    expect(picked).toEqual({
      kind: 'response',
      id: 4,
      ok: true,
      result: { path: join(base, 'sensors') },
    });

    const inside = await ask(5, preview(join(base, 'sensors', 'day-1')));
    expect(inside).toEqual({ kind: 'response', id: 5, ok: true, result: [] });
    expect(relayed).toEqual([preview(join(base, 'sensors', 'day-1'))]);

    const outside = await ask(6, preview(join(base, 'private')));
    expect(outside.ok).toBe(false);
    expect(!outside.ok && outside.error.name).toBe('SecurityException');
    expect(!outside.ok && outside.error.message).toContain(join(base, 'private'));
    const tricked = await ask(7, preview(`${join(base, 'sensors')}/../private`));
    expect(!tricked.ok && tricked.error.name).toBe('SecurityException');
    expect(relayed).toHaveLength(1);
    ws.close();
  });
});
