import { describe, expect, it } from 'vitest';
import { labDemoWorkspace, newSource } from '../../../renderer/src/lib/draft-defaults';
import {
  addSource,
  draftForEngine,
  removeQuery,
  removeSource,
  renameWorkspace,
  updateDraft,
  updateSetup,
  withPlans,
  workspaceFileName,
  workspaceForSave,
} from '../../../renderer/src/lib/workspace-edits';

const demo = () => labDemoWorkspace('/data/sensors', { source: 's', query: 'q' });

describe('workspace edits', () => {
  it('changes a copy and leaves the old version for undo', () => {
    const before = demo();
    const after = renameWorkspace(addSource(before, newSource('s2', '/data/other')), 'Lab');
    expect(after.name).toBe('Lab');
    expect(after.sources.map((s) => s.id)).toEqual(['s', 's2']);
    expect(before.sources.length).toBe(1);
    expect(before.name).toBe('Activity count (lab demo)');
  });

  it('gives the engine the source’s current setup and steps without blank entries', () => {
    let ws = updateSetup(demo(), 's', (setup) => ({
      ...setup,
      options: { mode: 'DROPMALFORMED' },
    }));
    ws = updateDraft(ws, 'q', (d) => ({
      ...d,
      steps: [{ kind: 'groupBy', keys: ['gt', ' '], aggs: ['', 'avg(x) AS avg_x'] }],
    }));
    const draft = draftForEngine(ws, ws.queries[0]);
    expect(draft.source.options).toEqual({ mode: 'DROPMALFORMED' });
    expect(draft.steps).toEqual([{ kind: 'groupBy', keys: ['gt'], aggs: ['avg(x) AS avg_x'] }]);
    // Saved drafts carry the same, so tools reading the file need no workspace logic.
    expect(workspaceForSave(ws).queries[0].draft).toEqual(draft);
    // A removed source leaves the draft its own copy.
    expect(draftForEngine(removeSource(ws, 's'), ws.queries[0]).source).toEqual(
      ws.queries[0].draft.source,
    );
  });

  it('forgets the selection of a removed query', () => {
    const ws = removeQuery(demo(), 'q');
    expect(ws.queries).toEqual([]);
    expect(ws.layout.selectedQueryId).toBeNull();
  });

  it('proposes a file name for Save As', () => {
    expect(workspaceFileName('Sensor lab')).toBe('Sensor lab.tidemark.json');
    expect(workspaceFileName('a/b: c?')).toBe('a-b- c-.tidemark.json');
    expect(workspaceFileName('  ')).toBe('Untitled.tidemark.json');
  });

  it('records each analysed draft’s plan as plan JSON, and none for a draft that fails', () => {
    let ws = demo();
    ws = { ...ws, queries: [...ws.queries, { ...ws.queries[0], id: 'q2' }] };
    const plan = { version: 1, plan: { op: 'aggregate' } };
    const saved = withPlans(ws, [plan, null]);
    expect(saved.queries[0].plan).toEqual(plan);
    expect(saved.queries[1].plan).toBeNull();
    expect(ws.queries[0].plan).toBeNull();
  });
});
