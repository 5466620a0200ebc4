import { describe, expect, it } from 'vitest';
import {
  autoFitWidth,
  clampWidth,
  MAX_AUTO_WIDTH,
  MEASURED_TEXTS,
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

describe('column widths from many cells', () => {
  it('measures only the longest distinct texts, and still fits the widest', () => {
    const measured: string[] = [];
    const measure = (s: string): number => (measured.push(s), s.length * 8);
    const texts = [...Array.from({ length: 200 }, (_, i) => `row-${i % 50}`), 'the-longest-cell'];
    expect(autoFitWidth(texts, measure)).toBe('the-longest-cell'.length * 8 + 28);
    expect(measured.length).toBe(MEASURED_TEXTS);
    expect(measured[0]).toBe('the-longest-cell');
    expect(new Set(measured).size).toBe(measured.length);
  });
});
