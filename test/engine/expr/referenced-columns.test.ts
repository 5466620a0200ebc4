import { describe, expect, it } from 'vitest';
import { parseExpr } from '../../../engine/expr/parser';
import { referencedColumns } from '../../../engine/expr/referenced-columns';

describe('referencedColumns', () => {
  it('lists each column once, in order of appearance, as name parts', () => {
    expect(referencedColumns(parseExpr("CASE WHEN a > 1 THEN upper(b) ELSE window.start END AND a = c"))).toEqual([['a'], ['b'], ['window', 'start'], ['c']]);
    expect(referencedColumns(parseExpr('1 + 2'))).toEqual([]);
  });
});
