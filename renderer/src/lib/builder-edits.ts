/**
 * The builder's edits as workspace edits: each takes the workspace and returns the next one
 * (or the same object when nothing changed), so WorkspaceStore.edit records it for undo
 * with a label ("Undo Move Filter up"). The step reducers are in builder-pipeline.ts.
 */
import type { DraftStep, Workspace } from '../../../engine/service/protocol';
import { updateDraft } from './workspace-edits';

export function editSteps(
  ws: Workspace,
  queryId: string,
  change: (steps: readonly DraftStep[]) => readonly DraftStep[],
): Workspace {
  const query = ws.queries.find((q) => q.id === queryId);
  if (query === undefined) return ws;
  const next = change(query.draft.steps);
  if (next === query.draft.steps) return ws;
  return updateDraft(ws, queryId, (d) => ({ ...d, steps: next }));
}

/** The draft's steps replaced by those of a plan opened from code (draftFromPlan). */
export function openedSteps(
  ws: Workspace,
  queryId: string,
  steps: readonly DraftStep[],
): Workspace {
  return editSteps(ws, queryId, () => [...steps]);
}
