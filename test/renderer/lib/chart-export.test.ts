import { describe, expect, it } from 'vitest';
import {
  chartConfigToCSV,
  chartDataToCSV,
  chartToPNG,
  pngSize,
  type PngCanvas,
} from '../../../renderer/src/lib/chart-export';

/** A 3×2 PNG's first bytes: signature, then the IHDR chunk (length, type, width, height). */
function pngHeader(width: number, height: number): Uint8Array {
  const bytes = new Uint8Array(33);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const view = new DataView(bytes.buffer);
  view.setUint32(16, width);
  view.setUint32(20, height);
  return bytes;
}

/** A canvas that encodes to the given bytes (what the browser's toBlob hands back). */
function stubCanvas(
  width: number,
  height: number,
  encoded: Uint8Array | null,
): PngCanvas & { types: (string | undefined)[] } {
  const types: (string | undefined)[] = [];
  return {
    width,
    height,
    types,
    toBlob(callback, type) {
      types.push(type);
      setTimeout(
        () => callback(encoded === null ? null : new Blob([encoded], { type: 'image/png' })),
        0,
      );
    },
  };
}

describe('chartToPNG', () => {
  it('asks the canvas for image/png and returns its bytes', async () => {
    const encoded = pngHeader(640, 340);
    const canvas = stubCanvas(640, 340, encoded);
    const png = await chartToPNG({ canvas });
    expect(canvas.types).toEqual(['image/png']);
    expect(png).toEqual(encoded);
    expect(pngSize(png)).toEqual({ width: 640, height: 340 });
  });

  it('fails with a reason when the canvas is not drawn or cannot encode', async () => {
    await expect(chartToPNG({ canvas: stubCanvas(0, 0, pngHeader(1, 1)) })).rejects.toThrow(
      /not drawn yet/,
    );
    await expect(chartToPNG({ canvas: stubCanvas(10, 10, null) })).rejects.toThrow(
      /could not encode/,
    );
  });

  it('reads a PNG’s size from IHDR, and refuses what is not a PNG', () => {
    expect(pngSize(pngHeader(3, 2))).toEqual({ width: 3, height: 2 });
    expect(pngSize(new TextEncoder().encode('GIF89a, not a PNG at all'))).toBeNull();
  });
});

describe('chartDataToCSV', () => {
  it('writes one row per x, gaps and non-finite values as empty fields, quoting what needs it', () => {
    const csv = chartDataToCSV([
      { label: 'batchId', values: [0, 1, 2] },
      { label: 'rate, rows/s', values: [null, Number.NaN, 3.5] },
      { label: 'file', values: ['a.json', 'say "hi"'] },
    ]);
    expect(csv).toBe('batchId,"rate, rows/s",file\n0,,a.json\n1,,"say ""hi"""\n2,3.5,\n');
  });

  it('is just the header when there is no data yet', () => {
    expect(chartDataToCSV([{ label: 'batchId', values: [] }])).toBe('batchId\n');
  });
});

describe('chartConfigToCSV: any chart’s data as CSV', () => {
  it('writes category charts as one row per label, gaps as empty fields', () => {
    const csv = chartConfigToCSV({
      data: {
        labels: [0, 1, 2],
        datasets: [
          { label: 'state rows', data: [3, 5, Number.NaN] },
          { label: 'dropped', data: [0, { x: 1, y: 2 }, 4] },
        ],
      },
    });
    expect(csv).toBe('x,state rows,dropped\n0,3,0\n1,5,2\n2,,4\n');
  });

  it('writes point charts as series, x, y', () => {
    const csv = chartConfigToCSV({
      data: { datasets: [{ label: 'on time', data: [{ x: 10, y: 20 }] }, { data: [{ x: 1, y: 'a,b' }] }] },
    });
    expect(csv).toBe('series,x,y\non time,10,20\nseries 2,1,"a,b"\n');
  });
});
