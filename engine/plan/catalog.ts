/**
 * The session catalog: temp views (a named LogicalPlan, `createOrReplaceTempView`) and
 * memory tables (what the memory sink publishes under its query name). As in Spark's
 * SessionCatalog with spark.sql.caseSensitive=false, names are matched case-insensitively;
 * a memory-sink table is a temp view in Spark, so both kinds list as TEMPORARY.
 */
import type { ColumnBatch } from '../batch/column-batch';
import type { StructType } from '../types/struct-type';
import type { LogicalPlan } from './logical-plan';

/** A table whose rows live in memory and may change between reads (memory sink). */
export interface MemoryTableProvider {
  readonly schema: StructType;
  snapshot(): ColumnBatch;
}

export type CatalogEntry =
  | { readonly kind: 'view'; readonly name: string; readonly plan: LogicalPlan }
  | { readonly kind: 'memory'; readonly name: string; readonly provider: MemoryTableProvider };

/** PySpark's catalog.Table fields. */
export interface TableInfo {
  readonly name: string;
  readonly catalog: string | null;
  readonly namespace: readonly string[];
  readonly description: string | null;
  readonly tableType: 'TEMPORARY';
  readonly isTemporary: boolean;
}

export class Catalog {
  private readonly entries = new Map<string, CatalogEntry>();
  private versionCounter = 0;

  /** Bumped on every change, so cached analyses of `table` nodes can tell they are stale. */
  get version(): number {
    return this.versionCounter;
  }

  /** createOrReplaceTempView: replaces a view or table of the same name. */
  registerTempView(name: string, plan: LogicalPlan): void {
    this.entries.set(key(name), { kind: 'view', name, plan });
    this.versionCounter++;
  }

  registerMemoryTable(name: string, provider: MemoryTableProvider): void {
    this.entries.set(key(name), { kind: 'memory', name, provider });
    this.versionCounter++;
  }

  /** Spark's dropTempView: true when something was dropped. */
  dropTable(name: string): boolean {
    const dropped = this.entries.delete(key(name));
    if (dropped) this.versionCounter++;
    return dropped;
  }

  lookup(name: string): CatalogEntry | undefined {
    return this.entries.get(key(name));
  }

  tableExists(name: string): boolean {
    return this.entries.has(key(name));
  }

  /** Sorted by name, as SHOW TABLES lists them. */
  listTables(): TableInfo[] {
    return [...this.entries.values()]
      .map((e) => ({
        name: e.name,
        catalog: null,
        namespace: [],
        description: null,
        tableType: 'TEMPORARY' as const,
        isTemporary: true,
      }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
}

function key(name: string): string {
  return name.toLowerCase();
}
