/**
 * saveExportFile (issue 6 §4) passes the host's folder grants as exportSnapshot does: a
 * chart or table export may be written only where the user picked a save file.
 */
import { mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RequestBody } from '../../engine/service/protocol';
import type { HostRouter } from '../../main/host-router';
import { createHostRouter } from '../../main/host-setup';
import { pathsOfRequest } from '../../main/request-paths';
import { errorOf, FakeEngine, ScriptedDialogs } from './helpers/router-fakes';

describe('saveExportFile and the folder grants', () => {
  let base: string;
  let engine: FakeEngine;
  let dialogs: ScriptedDialogs;
  let router: HostRouter;

  beforeEach(async () => {
    base = realpathSync(mkdtempSync(join(tmpdir(), 'tidemark-save-export-')));
    mkdirSync(join(base, 'exports'));
    mkdirSync(join(base, 'outside'));
    engine = new FakeEngine();
    dialogs = new ScriptedDialogs();
    router = await createHostRouter({
      engine,
      dialogs,
      kind: 'browser',
      dataDir: join(base, 'data'),
      demoDir: null,
      documentsDir: join(base, 'docs'),
    });
  });

  afterEach(() => rmSync(base, { recursive: true, force: true }));

  const save = (path: string): RequestBody => ({
    type: 'saveExportFile',
    path,
    content: { encoding: 'utf8', text: 'batchId\n0\n' },
  });

  it('names the path it writes', () => {
    expect(pathsOfRequest(save('/x/chart.csv'))).toEqual([
      { path: '/x/chart.csv', what: 'saveExportFile: path' },
    ]);
  });

  it('is refused outside every grant and relayed once the user picked the file', async () => {
    const target = join(base, 'exports', 'input-rate.png');
    const refused = await router.call(save(target));
    expect(errorOf(refused).name).toBe('SecurityException');
    expect(errorOf(refused).message).toContain('saveExportFile: path');
    expect(engine.calls).toEqual([]);

    dialogs.answers.push(target);
    expect(
      await router.call({ type: 'pickSaveFile', purpose: 'export', defaultName: 'input-rate.png' }),
    ).toMatchObject({
      ok: true,
      result: { path: target },
    });
    expect((await router.call(save(target))).ok).toBe(true);
    expect(engine.calls.map((c) => c.type)).toEqual(['saveExportFile']);
    expect(errorOf(await router.call(save(join(base, 'outside', 'x.csv')))).name).toBe(
      'SecurityException',
    );
  });
});
