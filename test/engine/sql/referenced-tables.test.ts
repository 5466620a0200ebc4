import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../../engine/sql/parse-query';
import { referencedTables } from '../../../engine/sql/referenced-tables';

describe('referencedTables', () => {
  it('lists each table a query reads once, first spelling kept, in reading order', () => {
    expect(referencedTables(parseQuery('SELECT * FROM iot_stream'))).toEqual(['iot_stream']);
    expect(
      referencedTables(
        parseQuery(
          'SELECT a.k FROM Events a JOIN (SELECT k FROM devices) d ON a.k = d.k UNION ALL SELECT k FROM events',
        ),
      ),
    ).toEqual(['Events', 'devices']);
  });

  it('common table expressions are not tables; the tables they read are', () => {
    expect(referencedTables(parseQuery('WITH c AS (SELECT x FROM base) SELECT * FROM c'))).toEqual([
      'base',
    ]);
  });

  it('a query without FROM reads no table', () => {
    expect(referencedTables(parseQuery('SELECT 1'))).toEqual([]);
  });
});
