/** What memory-child.ts prints for memory-runs.ts: one line, this prefix, then JSON. */
export const RESULT_PREFIX = 'BENCH_MEMORY_RESULT ';

export interface MemoryTracePoint {
  readonly batchId: number;
  readonly stateRows: number;
  readonly rssMb: number;
  readonly heapUsedMb: number;
  readonly externalMb: number;
  /** V8's reserved heap (RSS counts it, not heapUsed) and ArrayBuffer bytes (file buffers). */
  readonly heapTotalMb?: number;
  readonly arrayBuffersMb?: number;
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
  readonly usageBefore?: Record<string, number>;
  readonly usageAfter: Record<string, number>;
  /** process.memoryUsage() (MB) at the sample with the peak RSS: what the peak is made of. */
  readonly usageAtPeak?: Record<string, number>;
  readonly trace: MemoryTracePoint[];
}
