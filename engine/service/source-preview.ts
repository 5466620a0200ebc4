/** CONTRACT STUB — being implemented (issue 5 §4). */
import type { SourcePreview, SourceSetup } from './protocol';

export async function previewSource(setup: SourceSetup, maxRows: number): Promise<SourcePreview> {
  throw new Error(`previewSource(${setup.path}, ${maxRows}) is not implemented yet`);
}
