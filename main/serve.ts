/**
 * Browser mode: `tsx main/serve.ts [--demo] [--port N] [--data DIR] [--open]` (what
 * `npm run serve` runs, with --demo). Starts the engine worker, serves the built renderer
 * and the host API on 127.0.0.1, and prints the URL with its access token. Nothing is
 * opened unless --open is given.
 *
 * --demo creates <data>/demo/sensors, where a sensor simulator writes a file every ~2 s,
 * and starts the lab's activity-count query over it, so the page is live within seconds.
 * <data> defaults to ~/.tidemark (or a temp folder when the home folder is not writable);
 * workspace autosaves, the recent list and default checkpoints live under it too.
 *
 * A browser cannot show this machine's file dialogs, so the page asks for a typed path
 * and the host takes it as the user's pick (main/dialogs.ts BrowserDialogs explains why
 * that is safe: only the token holder, the local user, reaches the API).
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, mkdirSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { BrowserDialogs } from './dialogs';
import { EngineHost } from './engine-host';
import type { HostRouter } from './host-router';
import { checkpointsDir, createHostRouter } from './host-setup';
import { ensureRendererBuilt, rendererOutDir } from './web/renderer-build';
import { startWebServer, type WebServer } from './web/server';

export interface ServeOptions {
  readonly demo: boolean;
  /** 0: a free port. */
  readonly port: number;
  readonly dataDir: string;
  readonly log?: (line: string) => void;
}

export interface ServeHandle {
  readonly server: WebServer;
  readonly host: EngineHost;
  /** Answers the page's requests: grants, typed-path dialogs, workspaces, then the engine. */
  readonly router: HostRouter;
  readonly demoDir: string | undefined;
  close(): Promise<void>;
}

const projectRoot = fileURLToPath(new URL('..', import.meta.url));

export async function serve(options: ServeOptions): Promise<ServeHandle> {
  const log = options.log ?? ((line: string) => console.log(line));
  ensureRendererBuilt(projectRoot, log);
  const demoDir = options.demo ? join(options.dataDir, 'demo', 'sensors') : undefined;
  let server: WebServer | null = null;
  const host = new EngineHost({
    config: {
      startDemo: options.demo,
      checkpointRoot: checkpointsDir(options.dataDir),
      ...(demoDir !== undefined ? { demo: { dir: demoDir } } : {}),
    },
    onEvent: (event) => {
      if (event.type === 'engineRestarted')
        log(`tidemark: ${event.reason}; engine restarted (${event.restarts}).`);
      server?.broadcast(event);
    },
  });
  host.start();
  let router: HostRouter;
  try {
    router = await createHostRouter({
      engine: host,
      dialogs: new BrowserDialogs(),
      kind: 'browser',
      dataDir: options.dataDir,
      demoDir: demoDir ?? null,
      documentsDir: homedir(),
    });
    server = await startWebServer({
      backend: router,
      rendererDir: rendererOutDir(projectRoot),
      port: options.port,
    });
  } catch (e) {
    await host.stop();
    throw e;
  }
  const running = server;
  return {
    server: running,
    host,
    router,
    demoDir,
    async close() {
      await running.close();
      await host.stop();
    },
  };
}

/** ~/.tidemark when it can be written, else <tmp>/tidemark. */
export function defaultDataDir(): string {
  const home = join(homedir(), '.tidemark');
  try {
    mkdirSync(home, { recursive: true });
    accessSync(home, constants.W_OK);
    return home;
  } catch {
    return join(tmpdir(), 'tidemark');
  }
}

function openInBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url]]
        : ['xdg-open', [url]];
  spawn(command, args, { stdio: 'ignore', detached: true })
    .on('error', () => undefined)
    .unref();
}

export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      demo: { type: 'boolean', default: false },
      port: { type: 'string', default: '0' },
      data: { type: 'string' },
      open: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log('Usage: tidemark serve [--demo] [--port N] [--data DIR] [--open]');
    return 0;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(
      `serve: --port expects a port number (0 for any free port), got '${values.port}'`,
    );
    return 2;
  }
  const handle = await serve({
    demo: values.demo,
    port,
    dataDir: values.data === undefined ? defaultDataDir() : resolve(values.data),
  });
  if (handle.demoDir !== undefined)
    console.log(
      `Demo: a sensor simulator writes into ${handle.demoDir}; the activity_count query runs on it.`,
    );
  console.log(`Tidemark is running at ${handle.server.url}`);
  console.log('Open that URL in your browser (it carries this run’s access token). Ctrl+C stops.');
  if (values.open) openInBrowser(handle.server.url);
  await new Promise<void>((done) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void handle.close().finally(done);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return 0;
}

// Run only as the entry point (`tsx main/serve.ts`), not when a test imports serve().
if (
  process.argv[1] !== undefined &&
  import.meta.url === pathToFileURL(resolve(process.argv[1])).href
) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      const usage = (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') === true;
      console.error(
        usage
          ? `serve: ${(e as Error).message}`
          : e instanceof Error
            ? (e.stack ?? e.message)
            : String(e),
      );
      process.exitCode = usage ? 2 : 1;
    },
  );
}
