/** What the campaign tells a crash worker (passed as JSON in argv), and the worker's end line. */
import type { CrashQueryName, QueryPaths } from './crash-queries';
import type { ProbeConfig } from './phase-probe';

export interface WorkerConfig extends QueryPaths {
  readonly query: CrashQueryName;
  readonly trigger: 'continuous' | 'availableNow';
  /** Phase announcements and holds (continuous runs only). */
  readonly probe?: Pick<ProbeConfig, 'holdMs' | 'seed'>;
}

/** Printed by an availableNow worker once its query has processed everything. */
export const DONE_LINE = '@done';
