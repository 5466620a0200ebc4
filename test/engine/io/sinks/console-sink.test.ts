import { describe, expect, it } from 'vitest';
import { ColumnBatch } from '../../../../engine/batch/column-batch';
import { ConsoleSink } from '../../../../engine/io/sinks/console-sink';
import { parseDDL } from '../../../../engine/types/ddl';

const schema = parseDDL('gt STRING, count BIGINT');

describe('ConsoleSink (ConsoleWriterSuite)', () => {
  it('prints the batch header then the show() table and a blank line', async () => {
    const out: string[] = [];
    const sink = new ConsoleSink({}, 'UTC', (t) => out.push(t));
    await sink.addBatch(0, ColumnBatch.fromRows(schema, [{ gt: 'walk', count: 2 }]), 'complete');
    expect(out.join('')).toBe(
      '-------------------------------------------\n' +
        'Batch: 0\n' +
        '-------------------------------------------\n' +
        '+----+-----+\n' +
        '|  gt|count|\n' +
        '+----+-----+\n' +
        '|walk|    2|\n' +
        '+----+-----+\n' +
        '\n',
    );
    expect(sink.lastNumOutputRows()).toBe(1);
  });

  it('honours numRows and truncate options (case-insensitive)', async () => {
    const out: string[] = [];
    const sink = new ConsoleSink({ NUMROWS: '1', truncate: 'false' }, 'UTC', (t) => out.push(t));
    await sink.addBatch(
      3,
      ColumnBatch.fromRows(schema, [
        { gt: 'walk', count: 2 },
        { gt: 'bike', count: 1 },
      ]),
      'update',
    );
    expect(out.join('')).toBe(
      '-------------------------------------------\nBatch: 3\n-------------------------------------------\n' +
        '+----+-----+\n|gt  |count|\n+----+-----+\n|walk|2    |\n+----+-----+\nonly showing top 1 row\n\n',
    );
  });

  it('rejects a non-numeric numRows', () => {
    expect(() => new ConsoleSink({ numRows: 'many' })).toThrow('For input string: "many"');
  });
});
