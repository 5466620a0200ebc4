/**
 * saveExportFile (issue 6 §4): the page's PNG and CSV exports written by the engine to the
 * file the user picked, atomically, through the host API as the renderer sends them.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineService } from '../../../engine/service/engine-service';
import { exportBytes } from '../../../engine/service/export-file';
import type { HostResponse, RequestBody } from '../../../engine/service/protocol';
import { requestProblem } from '../../../engine/service/validate-request';
import { Session } from '../../../engine/session';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

describe('saveExportFile', () => {
  let dir: string;
  let service: EngineService;
  let nextId = 1;
  const call = (body: RequestBody): Promise<HostResponse> =>
    service.handle({ ...body, id: nextId++ } as never);

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tidemark-export-file-'));
    service = new EngineService({
      session: Session.builder().appName('export-file-test').getOrCreate(),
      onEvent: () => undefined,
    });
  });

  afterAll(async () => {
    await service.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes CSV text as UTF-8 and reports the bytes written', async () => {
    const path = join(dir, 'input-rate.csv');
    const text = 'batchId,Input rate (rows/s)\n0,\n1,12.5\n2,"1,5"\n';
    const r = await call({ type: 'saveExportFile', path, content: { encoding: 'utf8', text } });
    expect(r).toMatchObject({ ok: true, result: { path, bytes: Buffer.byteLength(text) } });
    expect(readFileSync(path, 'utf8')).toBe(text);
  });

  it('writes binary (a PNG) sent as base64 byte for byte, replacing an older file whole', async () => {
    const path = join(dir, 'chart.png');
    const first = Uint8Array.from([...PNG_SIGNATURE, 1, 2, 3]);
    const second = Uint8Array.from([
      ...PNG_SIGNATURE,
      ...Array.from({ length: 300 }, (_, i) => i % 256),
    ]);
    for (const bytes of [first, second]) {
      const base64 = Buffer.from(bytes).toString('base64');
      const r = await call({
        type: 'saveExportFile',
        path,
        content: { encoding: 'base64', base64 },
      });
      expect(r.ok).toBe(true);
    }
    expect(new Uint8Array(readFileSync(path))).toEqual(second);
    // No temp file is left beside it.
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('refuses corrupt base64 instead of writing a broken picture', async () => {
    const path = join(dir, 'broken.png');
    const r = await call({
      type: 'saveExportFile',
      path,
      content: { encoding: 'base64', base64: 'iVBO!!==' },
    });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.message).toContain('not base64');
    expect(existsSync(path)).toBe(false);
    expect(() => exportBytes({ encoding: 'base64', base64: 'abc' })).toThrow(/not base64/);
  });

  it('names the folder and what to do when the folder does not exist', async () => {
    const path = join(dir, 'missing', 'chart.csv');
    const r = await call({
      type: 'saveExportFile',
      path,
      content: { encoding: 'utf8', text: 'a\n' },
    });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.message).toContain(`the folder ${join(dir, 'missing')} does not exist`);
  });

  it('is validated like every request: an absolute path and a content of a known encoding', () => {
    expect(
      requestProblem({
        id: 1,
        type: 'saveExportFile',
        path: '/tmp/a.csv',
        content: { encoding: 'utf8', text: '' },
      }),
    ).toBeNull();
    expect(
      requestProblem({
        id: 1,
        type: 'saveExportFile',
        path: 'a.csv',
        content: { encoding: 'utf8', text: '' },
      }),
    ).toContain('absolute `path`');
    expect(
      requestProblem({
        id: 1,
        type: 'saveExportFile',
        path: '/tmp/a.png',
        content: { encoding: 'binary', bytes: [] },
      }),
    ).toContain('needs `content`');
    expect(
      requestProblem({
        id: 1,
        type: 'saveExportFile',
        path: '/tmp/a.png',
        content: { encoding: 'base64', base64: 7 },
      }),
    ).toContain('needs `content`');
  });
});
