/** What memory-child.ts prints for memory-runs.ts: one line, this prefix, then JSON. */
export const RESULT_PREFIX = 'BENCH_MEMORY_RESULT ';

export interface MemoryTracePoint {
  readonly batchId: number;
  readonly stateRows: number;
  readonly rssMb: number;
  readonly heapUsedMb: number;
  readonly externalMb: number;
}

export interface MemoryChildResult {
  readonly watermark: boolean;
  readonly rows: number;
  readonly batches: number;
  readonly peakStateRows: number;
  readonly finalStateRows: number;
  readonly rssBeforeMb: number;
  readonly peakRssMb: number;
  readonly rssAfterMb: number;
  readonly seconds: number;
  readonly usageAfter: Record<string, number>;
  readonly trace: MemoryTracePoint[];
}
