/** CONTRACT STUB — being implemented (issue 5 §5). */
import type { Session } from '../session';
import type { DraftAnalysis, QueryDraft } from './protocol';

export function analyzeDraft(session: Session, draft: QueryDraft): DraftAnalysis {
  throw new Error(`analyzeDraft(${session.conf.get('spark.app.name')}, ${draft.name}) is not implemented yet`);
}
