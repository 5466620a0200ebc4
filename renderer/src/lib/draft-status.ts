/**
 * A draft and the engine's queries: a draft runs as the query named after it (queryName is
 * the draft's name, as in the lab's `.queryName("activity_count")`), so its status is that
 * query's. Spark allows one active query per name in a session
 * (StreamingQueryManager.startQuery: "Cannot start query with name … as a query with that
 * name is already active"), which is why a name, not an id, ties the two together.
 */
import type { QueryInfo } from '../../../engine/service/protocol';

export type DraftRunState = 'running' | 'failed' | 'stopped' | 'not started';

export function activeQueryNamed(queries: readonly QueryInfo[], name: string): QueryInfo | null {
  return queries.find((q) => q.isActive && q.name === name) ?? null;
}

/** The active query of that name, else the last one that ran under it. */
export function latestQueryNamed(queries: readonly QueryInfo[], name: string): QueryInfo | null {
  const active = activeQueryNamed(queries, name);
  if (active !== null) return active;
  for (let i = queries.length - 1; i >= 0; i--) if (queries[i].name === name) return queries[i];
  return null;
}

export function runStateOf(query: QueryInfo | null): DraftRunState {
  if (query === null) return 'not started';
  if (query.exception !== null) return 'failed';
  return query.isActive ? 'running' : 'stopped';
}

/** What the form says instead of starting a second active query with the same name. */
export function duplicateNameMessage(name: string, running: QueryInfo): string {
  const what = running.isDemo ? 'the demo' : 'another query';
  return (
    `A query named “${name}” is already running (${what}, id ${running.id.slice(0, 8)}). ` +
    'Spark refuses to start a second active query with the same name: stop it first, or rename this query.'
  );
}
