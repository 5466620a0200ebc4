import { describe, expect, it } from 'vitest';
import type { FunctionInfo } from '../../../engine/service/protocol';
import {
  applyCompletion,
  completeExpression,
  quoteColumn,
} from '../../../renderer/src/lib/expression-completion';

// The lab's sensor schema, as the step before a filter sees it.
const columns = [
  { name: 'Arrival_Time', type: 'bigint' },
  { name: 'Device', type: 'string' },
  { name: 'gt', type: 'string' },
  { name: 'x', type: 'double' },
  { name: 'my col', type: 'int' },
];
const functions: FunctionInfo[] = [
  { name: 'window', group: 'window', usage: 'window(timeColumn, windowDuration[, slideDuration])' },
  { name: 'avg', group: 'aggregate', usage: 'avg(expr)' },
  { name: 'abs', group: 'math', usage: 'abs(expr)' },
  { name: 'greatest', group: 'math', usage: 'greatest(expr, ...)' },
];

describe('completeExpression', () => {
  it('offers columns before functions for the word at the cursor, and the range it replaces', () => {
    const c = completeExpression('g', 1, columns, functions);
    expect(c).not.toBeNull();
    expect(c!.from).toBe(0);
    expect(c!.to).toBe(1);
    expect(c!.items.map((i) => [i.kind, i.label])).toEqual([
      ['column', 'gt'],
      ['function', 'greatest'],
    ]);
    expect(c!.items[0].detail).toBe('string');
    expect(c!.items[1].insert).toBe('greatest(');
  });

  it('matches case-insensitively and replaces the whole word around the cursor', () => {
    const text = "dev = 'nexus4'";
    const c = completeExpression(text, 2, columns, functions)!;
    expect(c.items.map((i) => i.label)).toEqual(['Device']);
    expect([c.from, c.to]).toEqual([0, 3]);
    expect(applyCompletion(text, c, c.items[0])).toEqual({
      text: "Device = 'nexus4'",
      cursor: 6,
    });
  });

  it('completes in the middle of an expression', () => {
    const text = 'x > 1 AND a';
    const c = completeExpression(text, text.length, columns, functions)!;
    expect(c.items.map((i) => i.label)).toEqual(['Arrival_Time', 'abs', 'avg']);
    expect(applyCompletion(text, c, c.items[1])).toEqual({ text: 'x > 1 AND abs(', cursor: 14 });
  });

  it('does not add a parenthesis when one already follows the name', () => {
    const text = 'wi(Arrival_Time)';
    const c = completeExpression(text, 2, columns, functions)!;
    expect(c.items[0].insert).toBe('window');
    expect(applyCompletion(text, c, c.items[0]).text).toBe('window(Arrival_Time)');
  });

  it('back-quotes column names that are not plain identifiers', () => {
    expect(quoteColumn('my col')).toBe('`my col`');
    expect(quoteColumn('a`b')).toBe('`a``b`');
    const c = completeExpression('my', 2, columns, functions)!;
    expect(c.items[0].insert).toBe('`my col`');
    // Typing inside an opened back quote completes to the quoted name, closing quote included.
    const text = '`my` + 1';
    const inside = completeExpression(text, 3, columns, functions)!;
    expect(inside.items.map((i) => i.insert)).toEqual(['`my col`']);
    expect(applyCompletion(text, inside, inside.items[0]).text).toBe('`my col` + 1');
  });

  it('stays quiet inside string literals, numbers, after a dot, and on an empty word', () => {
    expect(completeExpression("gt = 'wa", 8, columns, functions)).toBeNull();
    expect(completeExpression('gt = "g', 7, columns, functions)).toBeNull();
    expect(completeExpression("gt = 'it''s' AND g", 18, columns, functions)).not.toBeNull();
    expect(completeExpression('x > 1e', 6, columns, functions)).toBeNull();
    expect(completeExpression('s.g', 3, columns, functions)).toBeNull();
    expect(completeExpression('x + ', 4, columns, functions)).toBeNull();
  });

  it('offers everything on request (Ctrl+Space) and only columns for column inputs', () => {
    const all = completeExpression('x + ', 4, columns, functions, { explicit: true })!;
    expect(all.items.length).toBe(columns.length + functions.length);
    expect([all.from, all.to]).toEqual([4, 4]);
    const only = completeExpression('', 0, columns, functions, {
      explicit: true,
      functions: false,
    })!;
    expect(only.items.every((i) => i.kind === 'column')).toBe(true);
  });

  it('has nothing to offer for a word typed in full, or an unknown one', () => {
    expect(completeExpression('gt', 2, [{ name: 'gt', type: 'string' }], [])).toBeNull();
    expect(completeExpression('zzz', 3, columns, functions)).toBeNull();
  });
});
