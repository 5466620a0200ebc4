/**
 * The UI's state of the engine's queries, fed by the host API's events (Svelte 5 runes).
 * The engine is the source of truth: on (re)connect or an engine restart the store asks for
 * `listQueries` and replaces what it had; between those, events update it.
 *
 * Result tables: the latest few arrive with `triggerResult` and are kept as Arrow bytes
 * (compact, within a byte budget); any older trigger is fetched with `getTriggerTable` when
 * the user clicks it. Decoding happens once per table shown, only while a results view is
 * on screen (watchTables), one column per task, and while the engine catches up faster than
 * the page decodes, intermediate tables are skipped for the newest: a 1M-row catch-up then
 * never holds the main thread for long (issue 8: no task over 50 ms). The grid formats only
 * the cells on screen.
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
import { decodeResultTable, decodeResultTableInSlices, type ResultTable } from './result-table';
import { rowChanges, type RowChanges } from './row-changes';

/** Trigger tables kept in the page per query (the engine holds the rest)… */
const RECENT_TABLES = 20;
/**
 * …and at most this many bytes of them per query (the newest is always kept): twenty
 * tables of a 1M-row append query would be 2 GB, and the collector's pauses long tasks.
 */
const RECENT_BYTES = 64 * 1024 * 1024;
/**
 * Result tables of more rows are not pushed by the engine with each trigger (the host API's
 * setTablePushLimit): while a results view follows a query live, the page fetches the newest
 * one with getTriggerTable, one request at a time, so a catch-up's growing table crosses to
 * the page only as often as the page can take it, and not at all while no view shows it.
 */
export const TABLE_PUSH_LIMIT_ROWS = 50_000;
/** Tables up to this size are decoded at once: that takes well under a frame. */
const SMALL_TABLE_BYTES = 256 * 1024;

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
  /** The table the page should show next (decoded when a results view watches). */
  private wanted: TriggerTable | null = null;
  /** The table `shown` was decoded from. */
  private shownFrom: TriggerTable | null = null;
  private watchers = 0;
  private decoding = false;
  private fetching = false;

  constructor(private readonly host: HostApi) {}

  /** Subscribes to the host; returns the unsubscribe. */
  start(): () => void {
    const offEvent = this.host.onEvent((e) => this.apply(e));
    const offConnection = this.host.onConnection((state) => {
      this.connection = state;
      if (state === 'open') {
        void this.limitTablePush();
        void this.refresh();
      }
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

  /**
   * Called by a view that shows `shown` while it is on screen; returns the release. Tables
   * are decoded only while one watches, so the dashboard or the lens in front of a
   * catching-up query costs no table decoding at all.
   */
  watchTables(): () => void {
    this.watchers++;
    void this.fetchLive();
    void this.decodeWanted();
    return () => {
      this.watchers--;
    };
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
        this.wanted = null;
        this.shown = null;
        // A restarted engine starts with its defaults: push every table.
        void this.limitTablePush();
        void this.refresh();
        return;
    }
  }

  private onProgress(
    queryId: string,
    progress: ProgressJSON,
    trigger: TriggerInfo,
    inputHealth: InputHealth,
  ): void {
    this.update(queryId, (q) => {
      const kept =
        q.triggers.length > 0 && q.triggers[q.triggers.length - 1].batchId === trigger.batchId
          ? q.triggers.slice(0, -1)
          : q.triggers;
      return { ...q, lastProgress: progress, triggers: [...kept, trigger], inputHealth };
    });
    if ((trigger.numRows ?? 0) > TABLE_PUSH_LIMIT_ROWS) void this.fetchLive();
  }

  /** Asks the engine to push only tables the page can take with each trigger (see TABLE_PUSH_LIMIT_ROWS). */
  private async limitTablePush(): Promise<void> {
    try {
      await this.host.request({ type: 'setTablePushLimit', maxRows: TABLE_PUSH_LIMIT_ROWS });
    } catch {
      // An older engine pushes every table; the page still shows them, only at a higher cost.
    }
  }

  /**
   * While a results view watches the selected query live: fetches the newest trigger's table
   * when the engine did not push it, then again if a newer trigger came meanwhile (the ones
   * between are skipped).
   */
  private async fetchLive(): Promise<void> {
    if (this.fetching) return;
    this.fetching = true;
    try {
      for (;;) {
        const q = this.selected;
        const trigger = this.shownTrigger;
        if (this.watchers === 0 || this.pinnedBatch !== null || q === null || trigger === null)
          return;
        if (!q.hasResultTable || !trigger.hasTable || this.recent.get(q.id)?.has(trigger.batchId))
          return;
        try {
          const table = await this.host.request({
            type: 'getTriggerTable',
            queryId: q.id,
            batchId: trigger.batchId,
          });
          this.remember(table);
          // Pushed tables may have overtaken this answer (a no-data batch right after a data
          // batch): show it only if it is still the trigger the view follows.
          const following = this.shownTrigger;
          if (
            table.queryId === this.selectedId &&
            this.pinnedBatch === null &&
            following?.batchId === table.batchId
          )
            this.display(table);
        } catch (e) {
          // A table evicted meanwhile is no loss when a newer trigger is there to show.
          if (this.shownTrigger?.batchId === trigger.batchId) {
            this.notice = messageOf(e);
            return;
          }
        }
      }
    } finally {
      this.fetching = false;
    }
  }

  private async showCurrent(): Promise<void> {
    const q = this.selected;
    const trigger = this.shownTrigger;
    if (q === null || trigger === null || !q.hasResultTable) {
      this.wanted = null;
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
    this.wanted = t;
    if (t.ipc.byteLength <= SMALL_TABLE_BYTES) {
      this.shown = shownTable(t, decodeResultTable(t.ipc));
      this.shownFrom = t;
      return;
    }
    void this.decodeWanted();
  }

  /**
   * Decodes the wanted table in slices while a view watches; a table that arrives during a
   * decode waits for it, then the newest one wanted is decoded (the ones between are skipped).
   */
  private async decodeWanted(): Promise<void> {
    if (this.decoding) return;
    this.decoding = true;
    try {
      for (
        let t = this.wanted;
        t !== null && t !== this.shownFrom && this.watchers > 0;
        t = this.wanted
      ) {
        const table = await decodeResultTableInSlices(t.ipc, nextTask);
        if (this.wanted !== t) continue;
        await nextTask();
        const shown = shownTable(t, table);
        if (this.wanted !== t) continue;
        this.shown = shown;
        this.shownFrom = t;
      }
    } catch (e) {
      this.notice = messageOf(e);
    } finally {
      this.decoding = false;
    }
  }

  private remember(t: TriggerTable): void {
    let tables = this.recent.get(t.queryId);
    if (tables === undefined) this.recent.set(t.queryId, (tables = new Map()));
    tables.set(t.batchId, t);
    let bytes = 0;
    for (const kept of tables.values()) bytes += kept.ipc.byteLength;
    for (const [batchId, kept] of tables) {
      if (tables.size <= 1 || (tables.size <= RECENT_TABLES && bytes <= RECENT_BYTES)) break;
      tables.delete(batchId);
      bytes -= kept.ipc.byteLength;
    }
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

function shownTable(t: TriggerTable, table: ResultTable): ShownTable {
  return {
    queryId: t.queryId,
    batchId: t.batchId,
    table,
    changes: rowChanges(t),
    // Removed rows are a trigger's few deleted keys: small enough to decode at once.
    removed: t.diff?.removedIpc ? decodeResultTable(t.diff.removedIpc) : null,
  };
}

/** Lets the page draw and take input before the next slice of work. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
