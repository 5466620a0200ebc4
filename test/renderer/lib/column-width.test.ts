import { describe, expect, it } from 'vitest';
import {
  autoFitWidth,
  clampWidth,
  MAX_AUTO_WIDTH,
  MIN_COLUMN_WIDTH,
  textMeasure,
} from '../../../renderer/src/lib/column-width';
import { typeHint } from '../../../renderer/src/lib/column-types';

describe('column widths and type hints', () => {
  const measure = (s: string): number => s.length * 8;

  it('fits the widest text, within the bounds', () => {
    expect(autoFitWidth(['gt', 'Stairsup'], measure)).toBe(8 * 8 + 28);
    expect(autoFitWidth(['x'], measure)).toBe(MIN_COLUMN_WIDTH);
    expect(autoFitWidth(['x'.repeat(500)], measure)).toBe(MAX_AUTO_WIDTH);
    expect(autoFitWidth(['x'.repeat(500)], measure, 1200)).toBe(1200);
    expect(clampWidth(10)).toBe(MIN_COLUMN_WIDTH);
  });

  it('estimates text width where there is no canvas', () => {
    expect(textMeasure('13px sans-serif', 10)('abcde')).toBe(30);
  });

  it('gives every Spark type a glyph and a meaning', () => {
    expect(typeHint('bigint')).toEqual({ glyph: '#', description: 'bigint: 64-bit signed integer' });
    expect(typeHint('timestamp').glyph).toBe('◷');
    expect(typeHint('decimal(10,2)').description).toContain('fixed-point');
    expect(typeHint('struct<a:int>').glyph).toBe('{}');
    expect(typeHint('array<string>').glyph).toBe('[]');
    expect(typeHint('map<string,int>').glyph).toBe('{→}');
    expect(typeHint('geography')).toEqual({ glyph: '?', description: 'geography' });
  });
});
