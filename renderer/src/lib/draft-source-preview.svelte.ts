/**
 * The live preview of the source being set up (previewSource): the first rows as the
 * current options and schema read them, the records that failed to parse, and the fixes the
 * engine suggests. Asked ~400 ms after the last change; an error (missing folder, unknown
 * type) is kept and shown, never dropped.
 */
import type { SourcePreview, SourceSetup } from '../../../engine/service/protocol';
import { LatestRequest } from './draft-requests';
import type { HostApi } from './host';
import { readsNoFolder } from './kafka-source-fields';

const PREVIEW_DELAY_MS = 400;
const PREVIEW_ROWS = 50;

export class SourcePreviewState {
  preview = $state.raw<SourcePreview | null>(null);
  error = $state<string | null>(null);
  loading = $state(false);
  private readonly request: LatestRequest<SourceSetup, SourcePreview>;
  private lastKey = '';

  constructor(private readonly host: HostApi) {
    this.request = new LatestRequest(
      (setup) => host.request({ type: 'previewSource', setup, maxRows: PREVIEW_ROWS }),
      (outcome) => {
        this.loading = false;
        if (outcome.ok) {
          this.preview = outcome.value;
          this.error = null;
        } else {
          this.preview = null;
          this.error = messageOf(outcome.error);
        }
      },
      PREVIEW_DELAY_MS,
    );
  }

  follow(setup: SourceSetup): void {
    const key = JSON.stringify(setup);
    if (key === this.lastKey) return;
    this.lastKey = key;
    // A file source without a folder has nothing to read yet; kafka, rate and socket read no
    // folder and are previewed from their options (the engine says what it shows and why).
    if (setup.path === '' && !readsNoFolder(setup.format)) {
      this.request.cancel();
      this.preview = null;
      this.error = null;
      this.loading = false;
      return;
    }
    this.loading = true;
    this.request.schedule(setup);
  }

  /** The schema the engine infers from a sample of the folder (the lab's "quick way"). */
  async infer(setup: SourceSetup): Promise<SourcePreview> {
    return this.host.request({
      type: 'previewSource',
      setup: { ...setup, schema: null },
      maxRows: PREVIEW_ROWS,
    });
  }

  stop(): void {
    this.request.cancel();
  }
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
