/**
 * A real S3-compatible server for the S3 source tests: moto's standalone server from the
 * pinned venv that scripts/s3-env.sh prepares (installed from PyPI on first use), started on
 * a free 127.0.0.1 port. Without python3/pip the tests fail with the script's message rather
 * than skip. `recordingProxy` sits between the client and moto and keeps each request's
 * method, URL and headers, to prove what went over the wire (moto ignores requester pays).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { join } from 'node:path';
import {
  CreateBucketCommand,
  PutObjectCommand,
  S3Client,
  type PutObjectCommandInput,
} from '@aws-sdk/client-s3';

const ROOT = join(import.meta.dirname, '..', '..');

export const MOTO_ACCESS_KEY = 'testing-access-key';
export const MOTO_SECRET_KEY = 'testing-secret-key-do-not-print';

export interface MotoServer {
  readonly endpoint: string;
  readonly port: number;
  /** A client with fixed test credentials, for setting up buckets and objects. */
  readonly admin: S3Client;
  stop(): Promise<void>;
}

/** The venv's python (installs moto on first use; minutes at most). */
export function motoPython(): string {
  const env = spawnSync('bash', [join(ROOT, 'scripts/s3-env.sh')], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 600_000,
  });
  if (env.status !== 0) {
    throw new Error(
      `scripts/s3-env.sh failed (${env.status ?? env.signal}); the S3 tests need Python 3.9+ with venv and pip to run moto:\n${env.stderr}${env.error?.message ?? ''}`,
    );
  }
  return env.stdout.trim().split('\n').pop() ?? '';
}

export async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise((r) => server.close(r));
  return port;
}

export async function startMoto(): Promise<MotoServer> {
  const python = motoPython();
  const port = await freePort();
  const child = spawn(python, ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await waitUntilAnswering(endpoint, child, () => stderr);
  } catch (e) {
    child.kill('SIGKILL');
    throw e;
  }
  const admin = new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: MOTO_ACCESS_KEY, secretAccessKey: MOTO_SECRET_KEY },
  });
  return {
    endpoint,
    port,
    admin,
    stop: async () => {
      admin.destroy();
      await stopChild(child);
    },
  };
}

async function waitUntilAnswering(
  endpoint: string,
  child: ChildProcess,
  stderr: () => string,
): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) {
      throw new Error(`moto.server exited with ${child.exitCode}:\n${stderr()}`);
    }
    try {
      const res = await fetch(`${endpoint}/moto-api/`);
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`moto.server did not answer on ${endpoint} within 30 s:\n${stderr()}`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

export async function createBucket(moto: MotoServer, bucket: string): Promise<void> {
  await moto.admin.send(new CreateBucketCommand({ Bucket: bucket }));
}

export async function putObject(
  moto: MotoServer,
  bucket: string,
  key: string,
  body: string,
  extra: Partial<PutObjectCommandInput> = {},
): Promise<void> {
  await moto.admin.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ...extra }));
}

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
}

export interface RecordingProxy {
  readonly endpoint: string;
  readonly requests: RecordedRequest[];
  stop(): Promise<void>;
}

/** An HTTP pass-through to `target` that records every request it forwards. */
export async function recordingProxy(target: string): Promise<RecordingProxy> {
  const to = new URL(target);
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    const upstream = request(
      {
        host: to.hostname,
        port: to.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    stop: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
