/**
 * The UI's state of the engine's queries, fed by the host API's events (Svelte 5 runes).
 * The engine is the source of truth: on (re)connect or an engine restart the store asks for
 * `listQueries` and replaces what it had; between those, events update it.
 *
 * Result tables: the latest few arrive with `triggerResult` and are kept as Arrow bytes
 * (compact); any older trigger is fetched with `getTriggerTable` when the user clicks it.
 * Decoding happens once per table shown; the grid formats only the cells on screen.
 */
import type {
  EngineEvent,
  InputHealth,
  ProgressJSON,
  QueryInfo,
  TriggerInfo,
  TriggerTable,
} from '../../../engine/service/protocol';
import type { ConnectionState, HostApi } from './host';
import { decodeResultTable, type ResultTable } from './result-table';
import { rowChanges, type RowChanges } from './row-changes';

/** Trigger tables kept in the page per query (the engine holds the rest). */
const RECENT_TABLES = 20;

export interface ShownTable {
  readonly queryId: string;
  readonly batchId: number;
  readonly table: ResultTable;
  /** How each row changed since the previous trigger (added / updated). */
  readonly changes: RowChanges;
  /** Rows of the previous trigger's table whose key is gone; null when none. */
  readonly removed: ResultTable | null;
}

export class QueryStore {
  queries = $state.raw<readonly QueryInfo[]>([]);
  selectedId = $state<string | null>(null);
  /** The trigger the user picked, or null to follow the newest one live. */
  pinnedBatch = $state<number | null>(null);
  shown = $state.raw<ShownTable | null>(null);
  connection = $state<ConnectionState>('connecting');
  /** A message for the user (a failed request, an engine restart). */
  notice = $state<string | null>(null);

  readonly selected = $derived(this.queries.find((q) => q.id === this.selectedId) ?? null);
  /** The trigger whose table and numbers are on screen. */
  readonly shownTrigger: TriggerInfo | null = $derived.by(() => {
    const q = this.selected;
    if (q === null || q.triggers.length === 0) return null;
    if (this.pinnedBatch === null) return q.triggers[q.triggers.length - 1];
    return q.triggers.find((t) => t.batchId === this.pinnedBatch) ?? null;
  });

  private readonly recent = new Map<string, Map<number, TriggerTable>>();
  private loadSeq = 0;

  constructor(private readonly host: HostApi) {}

  /** Subscribes to the host; returns the unsubscribe. */
  start(): () => void {
    const offEvent = this.host.onEvent((e) => this.apply(e));
    const offConnection = this.host.onConnection((state) => {
      this.connection = state;
      if (state === 'open') void this.refresh();
    });
    return () => {
      offEvent();
      offConnection();
    };
  }

  async refresh(): Promise<void> {
    try {
      this.queries = await this.host.request({ type: 'listQueries' });
      if (this.selected === null) this.selectedId = this.preferredQuery()?.id ?? null;
      void this.showCurrent();
    } catch (e) {
      this.notice = messageOf(e);
    }
  }

  select(queryId: string): void {
    this.selectedId = queryId;
    this.pinnedBatch = null;
    void this.showCurrent();
  }

  /** Shows the table after `batchId`; null goes back to following the newest trigger. */
  selectTrigger(batchId: number | null): void {
    this.pinnedBatch = batchId;
    void this.showCurrent();
  }

  async startDemo(): Promise<void> {
    try {
      const demo = await this.host.request({ type: 'startDemo' });
      this.upsert(demo.query);
      this.select(demo.query.id);
    } catch (e) {
      this.notice = messageOf(e);
    }
  }

  async stopQuery(queryId: string): Promise<void> {
    try {
      this.upsert(await this.host.request({ type: 'stopQuery', queryId }));
    } catch (e) {
      this.notice = messageOf(e);
    }
  }

  private apply(event: EngineEvent): void {
    switch (event.type) {
      case 'queryStarted':
        this.upsert(event.query);
        if (this.selectedId === null) this.select(event.query.id);
        return;
      case 'progress':
        this.onProgress(event.queryId, event.progress, event.trigger, event.inputHealth);
        return;
      case 'triggerResult':
        this.remember(event.table);
        if (event.table.queryId === this.selectedId && this.pinnedBatch === null)
          this.display(event.table);
        return;
      case 'queryTerminated':
        this.update(event.queryId, (q) => ({ ...q, isActive: false, exception: event.error }));
        return;
      case 'engineRestarted':
        this.notice = `The engine stopped unexpectedly and was restarted (${event.reason}).`;
        this.recent.clear();
        this.shown = null;
        void this.refresh();
        return;
    }
  }

  private onProgress(queryId: string, progress: ProgressJSON, trigger: TriggerInfo, inputHealth: InputHealth): void {
    this.update(queryId, (q) => {
      const kept =
        q.triggers.length > 0 && q.triggers[q.triggers.length - 1].batchId === trigger.batchId
          ? q.triggers.slice(0, -1)
          : q.triggers;
      return { ...q, lastProgress: progress, triggers: [...kept, trigger], inputHealth };
    });
  }

  private async showCurrent(): Promise<void> {
    const q = this.selected;
    const trigger = this.shownTrigger;
    if (q === null || trigger === null || !q.hasResultTable) {
      this.shown = null;
      return;
    }
    const cached = this.recent.get(q.id)?.get(trigger.batchId);
    if (cached !== undefined) return this.display(cached);
    const seq = ++this.loadSeq;
    try {
      const table = await this.host.request({
        type: 'getTriggerTable',
        queryId: q.id,
        batchId: trigger.batchId,
      });
      if (seq !== this.loadSeq) return;
      this.remember(table);
      this.display(table);
    } catch (e) {
      if (seq === this.loadSeq) this.notice = messageOf(e);
    }
  }

  private display(t: TriggerTable): void {
    this.loadSeq++;
    this.shown = {
      queryId: t.queryId,
      batchId: t.batchId,
      table: decodeResultTable(t.ipc),
      changes: rowChanges(t),
      removed: t.diff?.removedIpc ? decodeResultTable(t.diff.removedIpc) : null,
    };
  }

  private remember(t: TriggerTable): void {
    let tables = this.recent.get(t.queryId);
    if (tables === undefined) this.recent.set(t.queryId, (tables = new Map()));
    tables.set(t.batchId, t);
    if (tables.size > RECENT_TABLES) tables.delete(tables.keys().next().value as number);
  }

  private upsert(query: QueryInfo): void {
    const i = this.queries.findIndex((q) => q.id === query.id);
    this.queries =
      i < 0 ? [...this.queries, query] : this.queries.map((q, j) => (j === i ? query : q));
  }

  private update(queryId: string, change: (q: QueryInfo) => QueryInfo): void {
    this.queries = this.queries.map((q) => (q.id === queryId ? change(q) : q));
  }

  /** On first load: the demo if it runs, else the first active query, else the first. */
  private preferredQuery(): QueryInfo | undefined {
    return (
      this.queries.find((q) => q.isDemo && q.isActive) ??
      this.queries.find((q) => q.isActive) ??
      this.queries[0]
    );
  }
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
