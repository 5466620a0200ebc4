import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileHead } from '../../../engine/service/preview-file-head';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tidemark-head-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function text(head: Awaited<ReturnType<typeof readFileHead>>): string {
  if (!head.ok) throw new Error(head.reason);
  return Buffer.from(head.data).toString('utf8');
}

describe('readFileHead', () => {
  it('cuts a large line-based file after its last whole line within the budget', async () => {
    const path = join(dir, 'a.json');
    writeFileSync(path, '{"n":1}\n{"n":2}\n{"n":3}\n');
    expect(text(await readFileHead(path, true, null, 20))).toBe('{"n":1}\n{"n":2}\n');
    expect(text(await readFileHead(path, true, '}', 20))).toBe('{"n":1}\n{"n":2}');
  });

  it('reads whole files when records may span lines, or when one line exceeds the budget', async () => {
    const path = join(dir, 'a.json');
    writeFileSync(path, '[{"n":1},\n{"n":2}]\n');
    expect(text(await readFileHead(path, false, null, 5))).toBe('[{"n":1},\n{"n":2}]\n');
    expect(text(await readFileHead(path, true, null, 5))).toBe('[{"n":1},\n{"n":2}]\n');
  });

  it('gives a reason instead of bytes for a file that is gone', async () => {
    expect(await readFileHead(join(dir, 'gone.json'), true, null)).toEqual({
      ok: false,
      reason: 'the file was removed before it could be read',
    });
  });
});
