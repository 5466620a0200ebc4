/**
 * The SQL console's state (Svelte 5 runes): the statement, the row limit, the last result
 * decoded once for the grid, its error with position, the recent statements and the
 * memory tables a statement can read (the memory-sink queries, by name).
 */
import type { ErrorInfo } from '../../../engine/service/protocol';
import { HostError, type HostApi } from './host';
import { decodeResultTable, type ResultTable } from './result-table';
import {
  loadHistory,
  nextRowLimit,
  rememberStatement,
  ROW_LIMITS,
  type HistoryStorage,
} from './sql-history';

export interface SqlConsoleResult {
  /** The statement as run (what an export runs again). */
  readonly statement: string;
  readonly table: ResultTable;
  readonly truncated: boolean;
  /** The row limit it ran with. */
  readonly maxRows: number;
}

export class SqlConsoleState {
  text = $state('');
  maxRows = $state(ROW_LIMITS[0]);
  running = $state(false);
  result = $state.raw<SqlConsoleResult | null>(null);
  error = $state.raw<ErrorInfo | null>(null);
  history = $state.raw<readonly string[]>([]);
  /** Memory tables (memory-sink query names), for the hints. */
  tables = $state.raw<readonly string[]>([]);

  private seq = 0;

  constructor(
    private readonly host: HostApi,
    private readonly storage: HistoryStorage | null,
  ) {
    this.history = loadHistory(storage);
  }

  /** Keeps the table hints current as queries start and stop; returns the unsubscribe. */
  start(): () => void {
    void this.refreshTables();
    return this.host.onEvent((e) => {
      if (e.type === 'queryStarted' || e.type === 'engineRestarted') void this.refreshTables();
    });
  }

  async refreshTables(): Promise<void> {
    try {
      const queries = await this.host.request({ type: 'listQueries' });
      const names = queries.flatMap((q) => (q.hasResultTable && q.name !== null ? [q.name] : []));
      this.tables = [...new Set(names)].sort();
    } catch {
      // The hints are a convenience; a disconnected engine leaves the last list.
    }
  }

  /** Runs `statement` (default: the editor's text) with `maxRows` (default: the chosen limit). */
  async run(statement: string = this.text, maxRows: number = this.maxRows): Promise<void> {
    const text = statement.trim();
    if (text === '') return;
    const seq = ++this.seq;
    this.running = true;
    this.history = rememberStatement(this.history, text, this.storage);
    try {
      const result = await this.host.request({ type: 'sql', text, maxRows });
      if (seq !== this.seq) return;
      this.result = {
        statement: text,
        table: decodeResultTable(result.ipc),
        truncated: result.truncated,
        maxRows,
      };
      this.error = null;
    } catch (e) {
      if (seq !== this.seq) return;
      this.error = errorInfoOf(e);
    } finally {
      if (seq === this.seq) this.running = false;
    }
  }

  /** Runs the shown result's statement again with the next larger row limit. */
  async loadMore(): Promise<void> {
    const result = this.result;
    const next = result === null ? null : nextRowLimit(result.maxRows);
    if (result === null || next === null) return;
    this.maxRows = next;
    await this.run(result.statement, next);
  }
}

function errorInfoOf(e: unknown): ErrorInfo {
  if (e instanceof HostError) return e.info;
  return {
    name: e instanceof Error ? e.name : 'Error',
    errorClass: null,
    sqlState: null,
    message: e instanceof Error ? e.message : String(e),
  };
}
