/**
 * The engine's analysis of the draft being edited (analyzeDraft), kept up to date as the
 * user types: asked ~250 ms after the last keystroke, answers to older drafts dropped. The
 * form reads everything it shows from here: schemas per step, errors and their positions,
 * which sinks / modes / triggers can run, and the code.
 */
import type { DraftAnalysis, QueryDraft } from '../../../engine/service/protocol';
import { LatestRequest } from './draft-requests';
import type { HostApi } from './host';

const ANALYSIS_DELAY_MS = 250;

export class DraftAnalysisState {
  analysis = $state.raw<DraftAnalysis | null>(null);
  /** The request itself failed (engine unreachable): not an error in the draft. */
  requestError = $state<string | null>(null);
  /** A newer draft than `analysis` waits for its answer. */
  stale = $state(false);
  private readonly request: LatestRequest<QueryDraft, DraftAnalysis>;
  private lastKey = '';

  constructor(host: HostApi) {
    this.request = new LatestRequest(
      (draft) => host.request({ type: 'analyzeDraft', draft }),
      (outcome) => {
        this.stale = false;
        if (outcome.ok) {
          this.analysis = outcome.value;
          this.requestError = null;
        } else {
          this.requestError = messageOf(outcome.error);
        }
      },
      ANALYSIS_DELAY_MS,
    );
  }

  /** Follows the draft; unchanged drafts are not sent again. */
  follow(draft: QueryDraft): void {
    const key = JSON.stringify(draft);
    if (key === this.lastKey) return;
    this.lastKey = key;
    this.stale = true;
    this.request.schedule(draft);
  }

  /** The analysis of exactly `draft`, asked now (Run must start what is on screen). */
  async now(draft: QueryDraft): Promise<DraftAnalysis> {
    this.lastKey = JSON.stringify(draft);
    this.stale = true;
    return this.request.now(draft);
  }

  stop(): void {
    this.request.cancel();
  }
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
