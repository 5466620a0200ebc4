import { describe, expect, it } from 'vitest';
import type { RequestBody } from '../../../engine/service/protocol';
import type { Dialogs } from '../../../renderer/src/lib/dialogs';
import {
  binaryContent,
  bytesToBase64,
  saveExport,
  textContent,
  type ExportHost,
} from '../../../renderer/src/lib/export-save';

function fakes(picked: string | null) {
  const asked: [string, string][] = [];
  const sent: RequestBody[] = [];
  const dialogs: Dialogs = {
    pickFolder: async () => null,
    pickOpenFile: async () => null,
    pickSaveFile: async (purpose, name) => {
      asked.push([purpose, name]);
      return picked;
    },
  };
  const host = {
    request: async (body: RequestBody) => {
      sent.push(body);
      return { path: (body as { path: string }).path, bytes: 3 };
    },
  } as ExportHost;
  return { asked, sent, dialogs, host };
}

describe('saveExport', () => {
  it('asks where to save for an export, then sends the bytes to that path', async () => {
    const f = fakes('/home/me/exports/rate.csv');
    const saved = await saveExport(f.host, f.dialogs, 'rate.csv', textContent('a\n1\n'));
    expect(f.asked).toEqual([['export', 'rate.csv']]);
    expect(f.sent).toEqual([
      {
        type: 'saveExportFile',
        path: '/home/me/exports/rate.csv',
        content: { encoding: 'utf8', text: 'a\n1\n' },
      },
    ]);
    expect(saved).toEqual({ path: '/home/me/exports/rate.csv', bytes: 3 });
  });

  it('sends nothing when the dialog is cancelled', async () => {
    const f = fakes(null);
    expect(await saveExport(f.host, f.dialogs, 'x.png', textContent(''))).toBeNull();
    expect(f.sent).toEqual([]);
  });

  it('encodes binary as base64 that decodes to the same bytes, large ones too', () => {
    const bytes = Uint8Array.from({ length: 100_000 }, (_, i) => (i * 7) % 256);
    const content = binaryContent(bytes);
    expect(content.encoding).toBe('base64');
    expect(new Uint8Array(Buffer.from(bytesToBase64(bytes), 'base64'))).toEqual(bytes);
    expect(bytesToBase64(Uint8Array.from([0x89, 0x50, 0x4e, 0x47]))).toBe('iVBORw==');
  });
});
