/**
 * Default resource caps are a share of the heap this engine may use, so that on a small
 * machine (or a worker started with a small `resourceLimits.maxOldGenerationSizeMb`) a cap
 * is reached before V8's own heap limit, which would end the process rather than the query.
 */
import { getHeapStatistics } from 'node:v8';

/** `fraction` of this isolate's heap limit, capped at `atMost` bytes. */
export function heapLimitShare(fraction: number, atMost: number): number {
  return Math.min(atMost, Math.floor(getHeapStatistics().heap_size_limit * fraction));
}
