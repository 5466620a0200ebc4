import { describe, expect, it } from 'vitest';
import {
  PROGRESS_COLUMNS,
  tableCSV,
  triggerFilesTable,
  triggerProgressTable,
  unlistedFiles,
} from '../../../renderer/src/lib/dashboard-tables';
import { detail, trigger } from './dashboard-fixtures';

describe('dashboard tables', () => {
  it('lists the files of each trigger, newest trigger first, one row per file', () => {
    const table = triggerFilesTable([
      trigger(0, { detail: detail({ files: ['/s/a.json', '/s/b,1.json'], numFiles: 2 }) }),
      trigger(1, { detail: detail({ files: [], numFiles: 0 }) }),
      trigger(2, { detail: detail({ files: ['/s/c.json'], numFiles: 1 }) }),
    ]);
    expect(tableCSV(table)).toBe(
      'batchId,timestamp,file\n2,2024-05-01T10:00:04.000Z,/s/c.json\n0,2024-05-01T10:00:00.000Z,/s/a.json\n0,2024-05-01T10:00:00.000Z,"/s/b,1.json"\n',
    );
    expect(
      unlistedFiles(trigger(0, { detail: detail({ files: ['/s/a.json'], numFiles: 250 }) })),
    ).toBe(249);
  });

  it('has one progress row per trigger with the raw numbers, "no state" as empty', () => {
    const table = triggerProgressTable([
      trigger(0),
      trigger(1, {
        watermark: '2024-05-01T09:59:00.000Z',
        detail: detail({
          stateRowsTotal: null,
          stateMemoryBytes: null,
          rowsDroppedByWatermark: null,
        }),
      }),
    ]);
    expect(table.header).toEqual(PROGRESS_COLUMNS);
    expect(table.rows).toHaveLength(2);
    const lines = tableCSV(table).split('\n');
    expect(lines[1]).toBe(
      '1,2024-05-01T10:00:02.000Z,101,50.5,400.25,30,2024-05-01T09:59:00.000Z,,,,0,1',
    );
    expect(lines[2]).toBe('0,2024-05-01T10:00:00.000Z,100,,,30,,5,4096,0,0,1');
  });
});
