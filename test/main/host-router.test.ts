import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HostInfo, RequestBody } from '../../engine/service/protocol';
import type { HostRouter } from '../../main/host-router';
import { createHostRouter } from '../../main/host-setup';
import { workspaceText } from '../../main/workspace';
import { draft, errorOf, FakeEngine, ScriptedDialogs, setup, spec } from './helpers/router-fakes';
import { sampleWorkspace } from './helpers/workspace-fixture';

describe('HostRouter: host-side requests and folder grants', () => {
  let base: string;
  let granted: string;
  let outside: string;
  let dataDir: string;
  let engine: FakeEngine;
  let dialogs: ScriptedDialogs;
  let router: HostRouter;

  beforeEach(async () => {
    base = realpathSync(mkdtempSync(join(tmpdir(), 'tidemark-router-')));
    granted = join(base, 'granted');
    outside = join(base, 'outside');
    dataDir = join(base, 'data');
    for (const d of [granted, outside, join(base, 'granted-other')]) mkdirSync(d);
    writeFileSync(join(outside, 'secret.json'), '{}');
    symlinkSync(outside, join(granted, 'link'));
    engine = new FakeEngine();
    dialogs = new ScriptedDialogs();
    router = await createHostRouter({
      engine,
      dialogs,
      kind: 'electron',
      dataDir,
      demoDir: join(dataDir, 'demo', 'sensors'),
      documentsDir: join(base, 'docs'),
    });
  });

  afterEach(() => rmSync(base, { recursive: true, force: true }));

  async function pickFolder(path: string): Promise<void> {
    dialogs.answers.push(path);
    const answer = await router.call({ type: 'pickFolder', purpose: 'source' });
    expect(answer).toEqual({ kind: 'response', ok: true, result: { path } });
  }

  it('answers hostInfo with the host kind, dialogs and the folders granted at start', async () => {
    const answer = await router.call({ type: 'hostInfo' });
    expect(answer).toEqual({
      kind: 'response',
      ok: true,
      result: {
        kind: 'electron',
        nativeDialogs: true,
        demoDir: join(dataDir, 'demo', 'sensors'),
        documentsDir: join(base, 'docs'),
        grantedFolders: [
          join(dataDir, 'checkpoints'),
          join(dataDir, 'autosave'),
          join(dataDir, 'demo', 'sensors'),
        ],
      },
    });
    expect(existsSync(join(dataDir, 'checkpoints'))).toBe(true);
    expect(engine.calls).toEqual([]);
  });

  it('refuses a path outside every grant with SecurityException, naming it and the fix', async () => {
    const error = errorOf(
      await router.call({ type: 'previewSource', setup: setup(join(granted, 'in')) }),
    );
    expect(error.name).toBe('SecurityException');
    expect(error.message).toContain(join(granted, 'in'));
    expect(error.message).toContain('previewSource: setup.path');
    expect(error.message).toContain('folder dialog');
    expect(error.context).toEqual({ file: join(granted, 'in') });
    expect(engine.calls).toEqual([]);
  });

  it('relays a request inside a picked folder to the engine unchanged', async () => {
    await pickFolder(granted);
    const body: RequestBody = {
      type: 'previewSource',
      setup: setup(join(granted, 'new', 'deeper')),
    };
    expect(await router.call(body)).toEqual({
      kind: 'response',
      ok: true,
      result: { relayed: 'previewSource' },
    });
    expect(await router.call({ type: 'previewSource', setup: setup(granted) })).toMatchObject({
      ok: true,
    });
    expect(engine.calls).toEqual([body, { type: 'previewSource', setup: setup(granted) }]);
  });

  it('sees through `..`, sibling prefixes and symlinks that lead out of a grant', async () => {
    await pickFolder(granted);
    for (const path of [
      `${granted}/../outside`,
      `${granted}/sub/../../outside/secret.json`,
      `${granted}-other`,
      join(base, 'granted-other', 'x.json'),
      join(granted, 'link'),
      join(granted, 'link', 'secret.json'),
      join(granted, 'link', 'not-yet', 'deeper'),
      base,
      '/',
    ]) {
      const answer = await router.call({ type: 'previewSource', setup: setup(path) });
      expect(errorOf(answer).name, path).toBe('SecurityException');
    }
    expect(engine.calls).toEqual([]);
  });

  it('checks analyzeDraft, startQuery, exportSnapshot and the workspace requests', async () => {
    await pickFolder(granted);
    const inside = join(granted, 'data');
    const out = join(outside, 'x');
    const refused: [RequestBody, string][] = [
      [{ type: 'analyzeDraft', draft: draft(out) }, 'analyzeDraft: draft.source.path'],
      [
        {
          type: 'analyzeDraft',
          draft: { ...draft(inside), source: { ...setup(inside), options: { PATH: out } } },
        },
        'analyzeDraft: draft.source.options PATH',
      ],
      [{ type: 'startQuery', spec: spec(out) }, "startQuery: spec.plan source 'left' path"],
      [
        { type: 'startQuery', spec: spec(inside, { options: { Path: out } }) },
        'startQuery: sink option Path',
      ],
      [
        { type: 'startQuery', spec: spec(inside, { checkpointLocation: out }) },
        'startQuery: sink checkpointLocation',
      ],
      [
        { type: 'startQuery', spec: spec(inside, { options: { checkpointlocation: out } }) },
        'startQuery: sink option checkpointlocation',
      ],
      [
        {
          type: 'exportSnapshot',
          source: { kind: 'sql', text: 'SELECT 1' },
          format: 'csv',
          path: join(out, 'a.csv'),
        },
        'exportSnapshot: path',
      ],
      [{ type: 'openWorkspace', path: join(out, 'w.tidemark.json') }, 'openWorkspace: path'],
      [
        {
          type: 'saveWorkspace',
          path: join(out, 'w.tidemark.json'),
          workspace: sampleWorkspace(inside),
        },
        'saveWorkspace: path',
      ],
      [
        {
          type: 'autosaveWorkspace',
          path: join(out, 'w.tidemark.json'),
          workspace: sampleWorkspace(inside),
        },
        'autosaveWorkspace: path',
      ],
    ];
    for (const [body, what] of refused) {
      const error = errorOf(await router.call(body));
      expect(error.name, what).toBe('SecurityException');
      expect(error.message, what).toContain(`${what}: Tidemark may not use ${out}`);
    }
    // The right-hand source of the join alone is outside: found however deep it sits.
    const rightOnly = spec(inside);
    const plan = rightOnly.plan as unknown as { right: { path: string } };
    plan.right = { ...plan.right, path: out };
    expect(errorOf(await router.call({ type: 'startQuery', spec: rightOnly })).message).toContain(
      "startQuery: spec.plan source 'right' path",
    );
    expect(engine.calls).toEqual([]);

    const allowed: RequestBody[] = [
      { type: 'analyzeDraft', draft: draft(inside) },
      {
        type: 'startQuery',
        spec: spec(inside, {
          format: 'json',
          options: { path: join(granted, 'out') },
          checkpointLocation: join(dataDir, 'checkpoints', 'q1'),
        }),
      },
      {
        type: 'exportSnapshot',
        source: { kind: 'trigger', queryId: 'q', batchId: 1 },
        format: 'parquet',
        path: join(granted, 'snap.parquet'),
      },
      { type: 'listQueries' },
      { type: 'sql', text: 'SELECT 1' },
    ];
    for (const body of allowed) expect((await router.call(body)).ok).toBe(true);
    expect(engine.calls).toEqual(allowed);
  });

  it('runOnSpark: local and file:// paths need a grant, cluster storage URIs do not', async () => {
    const remote = spec('s3a://bucket/iot', { checkpointLocation: 'hdfs://nn:8020/ckpt' });
    expect(await router.call({ type: 'runOnSpark', spec: remote, target: 'yarn' })).toMatchObject({
      ok: true,
    });
    const local = spec(`file://${join(outside, 'iot')}`);
    const error = errorOf(
      await router.call({ type: 'runOnSpark', spec: local, target: 'local[*]' }),
    );
    expect(error.name).toBe('SecurityException');
    expect(error.message).toContain(join(outside, 'iot'));
    const plain = spec(join(outside, 'iot'));
    expect(
      errorOf(await router.call({ type: 'runOnSpark', spec: plain, target: 'local[*]' })).name,
    ).toBe('SecurityException');
    expect(engine.calls.map((c) => c.type)).toEqual(['runOnSpark']);
  });

  it('passes the engine’s own errors through', async () => {
    const answer = await router.call({ type: 'stopQuery', queryId: 'nope' });
    expect(errorOf(answer).message).toBe('No such query');
    expect(engine.calls).toEqual([{ type: 'stopQuery', queryId: 'nope' }]);
  });

  it('grants nothing when a dialog is cancelled', async () => {
    dialogs.answers.push(null);
    expect(await router.call({ type: 'pickFolder', purpose: 'output' })).toEqual({
      kind: 'response',
      ok: true,
      result: null,
    });
    const info = await router.call({ type: 'hostInfo' });
    expect(info.ok && (info.result as HostInfo).grantedFolders).toHaveLength(3);
  });

  it('grants a save file’s folder and an opened file alone', async () => {
    const exports = join(base, 'exports');
    mkdirSync(exports);
    dialogs.answers.push(join(exports, 'counts.csv'));
    expect(
      await router.call({ type: 'pickSaveFile', purpose: 'export', defaultName: 'counts.csv' }),
    ).toMatchObject({ ok: true, result: { path: join(exports, 'counts.csv') } });
    const exportTo = (path: string): RequestBody => ({
      type: 'exportSnapshot',
      source: { kind: 'sql', text: 'SELECT 1' },
      format: 'csv',
      path,
    });
    expect((await router.call(exportTo(join(exports, 'other.csv')))).ok).toBe(true);

    const file = join(outside, 'w.tidemark.json');
    writeFileSync(file, workspaceText(sampleWorkspace(granted)));
    dialogs.answers.push(file);
    expect(await router.call({ type: 'pickOpenFile', purpose: 'workspace' })).toMatchObject({
      ok: true,
      result: { path: file },
    });
    // The file, not its folder.
    expect(errorOf(await router.call(exportTo(join(outside, 'secret.csv')))).name).toBe(
      'SecurityException',
    );
  });

  it('opening a picked workspace grants its source folders and lists it as recent', async () => {
    const sensors = join(base, 'sensors');
    const file = join(outside, 'monitor.tidemark.json');
    writeFileSync(file, workspaceText(sampleWorkspace(sensors, 'Monitor')));
    expect(errorOf(await router.call({ type: 'previewSource', setup: setup(sensors) })).name).toBe(
      'SecurityException',
    );

    dialogs.answers.push(file);
    await router.call({ type: 'pickOpenFile', purpose: 'workspace' });
    const opened = await router.call({ type: 'openWorkspace', path: file });
    expect(opened).toEqual({
      kind: 'response',
      ok: true,
      result: { path: file, workspace: sampleWorkspace(sensors, 'Monitor'), recovered: false },
    });
    expect((await router.call({ type: 'previewSource', setup: setup(sensors) })).ok).toBe(true);
    const recent = await router.call({ type: 'recentWorkspaces' });
    expect(recent.ok && recent.result).toMatchObject([{ path: file, name: 'Monitor' }]);
  });

  it('lets a later session reopen a recent workspace without a new pick', async () => {
    const file = join(granted, 'monitor.tidemark.json');
    await pickFolder(granted);
    const saved = await router.call({
      type: 'saveWorkspace',
      path: file,
      workspace: sampleWorkspace(join(granted, 'sensors')),
    });
    expect(saved).toMatchObject({ ok: true, result: { path: file } });

    const nextSession = await createHostRouter({
      engine,
      dialogs,
      kind: 'electron',
      dataDir,
      demoDir: null,
      documentsDir: base,
    });
    expect(await nextSession.call({ type: 'openWorkspace', path: file })).toMatchObject({
      ok: true,
      result: { path: file, recovered: false },
    });
    // …and its sources came with it.
    const preview = { type: 'previewSource', setup: setup(join(granted, 'sensors')) } as const;
    expect((await nextSession.call(preview)).ok).toBe(true);
    // A file never opened or saved is still refused.
    const other = join(granted, 'other.tidemark.json');
    writeFileSync(other, workspaceText(sampleWorkspace(join(granted, 'sensors'))));
    expect(errorOf(await nextSession.call({ type: 'openWorkspace', path: other })).name).toBe(
      'SecurityException',
    );
  });

  it('refuses to save a workspace naming a folder that was never granted (no laundering)', async () => {
    await pickFolder(granted);
    const file = join(granted, 'w.tidemark.json');
    const body: RequestBody = {
      type: 'saveWorkspace',
      path: file,
      workspace: sampleWorkspace(join(outside)),
    };
    const error = errorOf(await router.call(body));
    expect(error.name).toBe('SecurityException');
    expect(error.message).toContain('saveWorkspace: workspace sources[0].setup.path');
    expect(existsSync(file)).toBe(false);
    const autosave = await router.call({
      type: 'autosaveWorkspace',
      path: null,
      workspace: sampleWorkspace(outside),
    });
    expect(errorOf(autosave).name).toBe('SecurityException');
  });

  it('refuses a malformed workspace to save with the field at fault', async () => {
    await pickFolder(granted);
    const workspace = { ...sampleWorkspace(granted), sources: 'none' } as never;
    const error = errorOf(
      await router.call({
        type: 'saveWorkspace',
        path: join(granted, 'w.tidemark.json'),
        workspace,
      }),
    );
    expect(error.name).toBe('InvalidWorkspaceException');
    expect(error.message).toContain('sources must be an array');
  });

  it('answers newWorkspace with an empty workspace, then with the untitled autosave', async () => {
    expect(await router.call({ type: 'newWorkspace' })).toMatchObject({
      ok: true,
      result: { path: null, recovered: false, workspace: { name: 'Untitled', sources: [] } },
    });
    await pickFolder(granted);
    const workspace = sampleWorkspace(join(granted, 'sensors'), 'Draft');
    const autosaved = await router.call({ type: 'autosaveWorkspace', path: null, workspace });
    expect(autosaved).toMatchObject({
      ok: true,
      result: { path: join(dataDir, 'autosave', 'untitled.json') },
    });
    expect(await router.call({ type: 'newWorkspace' })).toEqual({
      kind: 'response',
      ok: true,
      result: { path: null, workspace, recovered: true },
    });
  });
});
