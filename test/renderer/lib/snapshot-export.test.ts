import { describe, expect, it } from 'vitest';
import type { RequestBody } from '../../../engine/service/protocol';
import { formatBytes } from '../../../renderer/src/lib/progress-format';
import {
  copySnapshot,
  exportFileName,
  exportSnapshot,
  safeFileName,
  triggerSnapshotName,
} from '../../../renderer/src/lib/snapshot-export';

/** A host that records requests and answers export and snapshotText as the engine would. */
function fakeHost() {
  const requests: RequestBody[] = [];
  const host = {
    request: async (body: RequestBody) => {
      requests.push(body);
      if (body.type === 'exportSnapshot')
        return { path: body.path, format: body.format, numRows: 7, bytes: 321, metadata: { 'tidemark.batchId': '3' } };
      if (body.type === 'snapshotText') return { text: 'gt\tcount\nsit\t3\n', numRows: 1 };
      throw new Error(`unexpected ${body.type}`);
    },
  };
  return { host: host as never, requests };
}

describe('snapshot export: the table on screen, written from memory', () => {
  it('proposes <query>-batch-<N>.<ext>, safe for any file system', () => {
    expect(triggerSnapshotName('activity_count', 3)).toBe('activity_count-batch-3');
    expect(triggerSnapshotName(null, 0)).toBe('query-batch-0');
    expect(triggerSnapshotName('a/b:c', 1)).toBe('a_b_c-batch-1');
    expect(exportFileName('activity_count-batch-3', 'parquet')).toBe('activity_count-batch-3.parquet');
    expect(exportFileName('activity_count-batch-3.csv', 'arrow')).toBe('activity_count-batch-3.arrow');
    expect(exportFileName('x', 'jsonl')).toBe('x.jsonl');
    expect(safeFileName('  ')).toBe('export');
  });

  it('asks Dialogs for the path, then has the engine export the trigger from memory', async () => {
    const { host, requests } = fakeHost();
    const asked: [string, string][] = [];
    const dialogs = {
      pickSaveFile: async (purpose: 'workspace' | 'export', name: string) => {
        asked.push([purpose, name]);
        return `/tmp/out/${name}`;
      },
    };
    const source = { kind: 'trigger', queryId: 'q1', batchId: 3 } as const;
    const result = await exportSnapshot(host, dialogs, source, 'csv', 'activity_count-batch-3');
    expect(asked).toEqual([['export', 'activity_count-batch-3.csv']]);
    expect(requests).toEqual([
      { type: 'exportSnapshot', source, format: 'csv', path: '/tmp/out/activity_count-batch-3.csv' },
    ]);
    expect(result).toMatchObject({ numRows: 7, bytes: 321, path: '/tmp/out/activity_count-batch-3.csv' });
  });

  it('exports nothing when the user cancels the file dialog', async () => {
    const { host, requests } = fakeHost();
    const result = await exportSnapshot(
      host,
      { pickSaveFile: async () => null },
      { kind: 'sql', text: 'SELECT 1' },
      'parquet',
      'sql-result',
    );
    expect(result).toBeNull();
    expect(requests).toEqual([]);
  });

  it('copies the engine’s TSV of the snapshot to the clipboard', async () => {
    const { host, requests } = fakeHost();
    const copied: string[] = [];
    const source = { kind: 'trigger', queryId: 'q1', batchId: 2 } as const;
    const r = await copySnapshot(host, source, async (t) => void copied.push(t));
    expect(requests).toEqual([{ type: 'snapshotText', source }]);
    expect(copied).toEqual(['gt\tcount\nsit\t3\n']);
    expect(r).toEqual({ numRows: 1, bytes: 15 });
  });

  it('prints sizes in decimal units', () => {
    expect(formatBytes(321)).toBe('321 B');
    expect(formatBytes(1500)).toBe('1.5 kB');
    expect(formatBytes(2_500_000)).toBe('2.5 MB');
    expect(formatBytes(45_000_000)).toBe('45 MB');
    expect(formatBytes(Number.NaN)).toBe('—');
  });
});
