/**
 * The app's view of queries running on a real Spark (issue 4 §2): which Spark the engine
 * found, and each run's state, log tail and progress, kept current from the host's
 * `sparkRun*` events. The engine owns the runs; this only mirrors them.
 */
import type { QuerySpec } from '../../../engine/plan/logical-plan';
import type { EngineEvent, SparkRunInfo, SparkStatus } from '../../../engine/service/protocol';
import type { HostApi } from './host';
import { applySparkEvent, upsertRun } from './spark-run-events';

export class SparkRunsState {
  status = $state.raw<SparkStatus | null>(null);
  runs = $state.raw<readonly SparkRunInfo[]>([]);
  error = $state<string | null>(null);

  constructor(private readonly host: HostApi) {}

  /** Loads the status and the runs, then follows events; returns the unsubscribe. */
  start(): () => void {
    const off = this.host.onEvent((e) => this.apply(e));
    void this.refresh();
    return off;
  }

  async refresh(): Promise<void> {
    try {
      const [status, runs] = await Promise.all([
        this.host.request({ type: 'sparkStatus' }),
        this.host.request({ type: 'listSparkRuns' }),
      ]);
      this.status = status;
      this.runs = runs;
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
    }
  }

  async run(spec: QuerySpec, target: string): Promise<SparkRunInfo | null> {
    this.error = null;
    try {
      const info = await this.host.request({ type: 'runOnSpark', spec, target });
      this.upsert(info);
      return info;
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
      return null;
    }
  }

  async stop(runId: string): Promise<void> {
    try {
      this.upsert(await this.host.request({ type: 'stopSparkRun', runId }));
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
    }
  }

  apply(event: EngineEvent): void {
    if (event.type === 'engineRestarted') void this.refresh();
    else this.runs = applySparkEvent(this.runs, event);
  }

  private upsert(run: SparkRunInfo): void {
    this.runs = upsertRun(this.runs, run);
  }
}
