/**
 * The builder's live preview: the first rows after every node (the engine's previewDraft,
 * which reads the first files of the source as a static batch). Asked only while the
 * builder is open, ~600 ms after the last edit (a preview reads files; the analysis does
 * not), and answers to older drafts are dropped.
 */
import type { DraftPreview, QueryDraft, StepPreview } from '../../../engine/service/protocol';
import { LatestRequest } from './draft-requests';
import type { HostApi } from './host';

const PREVIEW_DELAY_MS = 600;
export const PREVIEW_ROWS = 5;

export class BuilderPreviewState {
  preview = $state.raw<DraftPreview | null>(null);
  requestError = $state<string | null>(null);
  private readonly request: LatestRequest<QueryDraft, DraftPreview>;
  private lastKey = '';

  constructor(host: HostApi) {
    this.request = new LatestRequest(
      (draft) => host.request({ type: 'previewDraft', draft, maxRows: PREVIEW_ROWS }),
      (outcome) => {
        if (outcome.ok) {
          this.preview = outcome.value;
          this.requestError = null;
        } else {
          this.requestError =
            outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
        }
      },
      PREVIEW_DELAY_MS,
    );
  }

  follow(draft: QueryDraft): void {
    const key = JSON.stringify(draft);
    if (key === this.lastKey) return;
    this.lastKey = key;
    this.request.schedule(draft);
  }

  /** The preview after node `index` (−1: the source). */
  step(index: number): StepPreview | null {
    return this.preview?.steps.find((s) => s.index === index) ?? null;
  }

  stop(): void {
    this.request.cancel();
  }
}
