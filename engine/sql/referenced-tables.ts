/**
 * The temp views and memory tables a plan reads by name — what a UI lists as a query's
 * inputs, and what a caller checks against the catalog before running (the analyzer
 * raises TABLE_OR_VIEW_NOT_FOUND for the first one missing). Views are not expanded:
 * the names are those written in the plan, first spelling kept, in reading order.
 */
import { inputsOf, type LogicalPlan } from '../plan/logical-plan';

export function referencedTables(plan: LogicalPlan): string[] {
  const seen = new Set<string>();
  const names: string[] = [];
  const visit = (p: LogicalPlan): void => {
    if (p.op === 'table' && !seen.has(p.name.toLowerCase())) {
      seen.add(p.name.toLowerCase());
      names.push(p.name);
    }
    for (const child of inputsOf(p)) visit(child);
  };
  visit(plan);
  return names;
}
