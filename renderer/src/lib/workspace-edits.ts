/**
 * Every change the UI makes to a workspace, as a pure function Workspace → Workspace, so the
 * store can keep each version for undo (ui-anchors c7: one command-based history) and
 * tests can check edits without a DOM.
 */
import type {
  QueryDraft,
  SourceSetup,
  Workspace,
  WorkspaceLayout,
  WorkspaceQuery,
  WorkspaceSource,
} from '../../../engine/service/protocol';
import { stepForEngine } from './draft-steps';

export function renameWorkspace(ws: Workspace, name: string): Workspace {
  return { ...ws, name };
}

export function addSource(ws: Workspace, source: WorkspaceSource): Workspace {
  return { ...ws, sources: [...ws.sources, source] };
}

export function updateSource(
  ws: Workspace,
  sourceId: string,
  change: (s: WorkspaceSource) => WorkspaceSource,
): Workspace {
  return { ...ws, sources: ws.sources.map((s) => (s.id === sourceId ? change(s) : s)) };
}

export function updateSetup(
  ws: Workspace,
  sourceId: string,
  change: (setup: SourceSetup) => SourceSetup,
): Workspace {
  return updateSource(ws, sourceId, (s) => ({ ...s, setup: change(s.setup) }));
}

/** Removes a source; queries that read it stay (their draft keeps a copy of its setup). */
export function removeSource(ws: Workspace, sourceId: string): Workspace {
  return { ...ws, sources: ws.sources.filter((s) => s.id !== sourceId) };
}

export function addQuery(ws: Workspace, query: WorkspaceQuery): Workspace {
  return { ...ws, queries: [...ws.queries, query] };
}

export function updateQuery(
  ws: Workspace,
  queryId: string,
  change: (q: WorkspaceQuery) => WorkspaceQuery,
): Workspace {
  return { ...ws, queries: ws.queries.map((q) => (q.id === queryId ? change(q) : q)) };
}

export function updateDraft(
  ws: Workspace,
  queryId: string,
  change: (draft: QueryDraft) => QueryDraft,
): Workspace {
  return updateQuery(ws, queryId, (q) => ({ ...q, draft: change(q.draft) }));
}

export function removeQuery(ws: Workspace, queryId: string): Workspace {
  const layout =
    ws.layout.selectedQueryId === queryId ? { ...ws.layout, selectedQueryId: null } : ws.layout;
  return { ...ws, queries: ws.queries.filter((q) => q.id !== queryId), layout };
}

export function withLayout(ws: Workspace, patch: Partial<WorkspaceLayout>): Workspace {
  return { ...ws, layout: { ...ws.layout, ...patch } };
}

/**
 * The draft as the engine takes it: the current setup of the source it reads (the draft's
 * own copy when that source was removed) and its steps without blank list entries.
 */
export function draftForEngine(ws: Workspace, query: WorkspaceQuery): QueryDraft {
  const source = ws.sources.find((s) => s.id === query.sourceId);
  return {
    ...query.draft,
    source: source?.setup ?? query.draft.source,
    steps: query.draft.steps.map(stepForEngine),
  };
}

/** The workspace as written to its file: each draft carries its source's current setup. */
export function workspaceForSave(ws: Workspace): Workspace {
  return { ...ws, queries: ws.queries.map((q) => ({ ...q, draft: draftForEngine(ws, q) })) };
}

/** The workspace with each query's plan JSON from the engine's analysis of its draft (same order). */
export function withPlans(ws: Workspace, plans: readonly WorkspaceQuery['plan'][]): Workspace {
  return { ...ws, queries: ws.queries.map((q, i) => ({ ...q, plan: plans[i] ?? null })) };
}

/** `Sensor lab` → `Sensor lab.tidemark.json`, with characters no file system takes replaced. */
export function workspaceFileName(name: string): string {
  const safe = name.replace(/[\\/:*?"<>|]+/g, '-').trim();
  return `${safe === '' ? 'Untitled' : safe}.tidemark.json`;
}

export function queryNames(ws: Workspace): string[] {
  return ws.queries.map((q) => q.draft.name);
}

export function sourceNames(ws: Workspace): string[] {
  return ws.sources.map((s) => s.name);
}
