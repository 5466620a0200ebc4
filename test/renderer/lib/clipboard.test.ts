import { describe, expect, it } from 'vitest';
import { copyText, rowsAsTSV } from '../../../renderer/src/lib/clipboard';

/** A document with just what the fallback touches, recording what it copied. */
function fakeDocument(copies: boolean) {
  const copied: string[] = [];
  const appended: { value: string; removed: boolean }[] = [];
  const doc = {
    body: {
      appendChild(el: { value: string; removed: boolean }) {
        appended.push(el);
        return el;
      },
    },
    createElement() {
      const el = {
        value: '',
        removed: false,
        style: {} as Record<string, string>,
        setAttribute() {},
        select() {
          current = el;
        },
        remove() {
          el.removed = true;
        },
      };
      return el;
    },
    execCommand(command: string) {
      if (command === 'copy' && copies && current !== null) copied.push(current.value);
      return copies;
    },
  };
  let current: { value: string } | null = null;
  return { doc: doc as never, copied, appended };
}

describe('clipboard: navigator.clipboard first, execCommand when it is refused', () => {
  it('writes through navigator.clipboard when it works', async () => {
    const written: string[] = [];
    const how = await copyText('a\tb\n', {
      clipboard: { writeText: async (t) => void written.push(t) },
    });
    expect(how).toBe('clipboard');
    expect(written).toEqual(['a\tb\n']);
  });

  it('falls back to a hidden textarea when permission is missing, and cleans it up', async () => {
    const { doc, copied, appended } = fakeDocument(true);
    const how = await copyText('gt\tcount\nsit\t3\n', {
      clipboard: {
        writeText: () => Promise.reject(new DOMException('denied', 'NotAllowedError')),
      },
      document: doc,
    });
    expect(how).toBe('execCommand');
    expect(copied).toEqual(['gt\tcount\nsit\t3\n']);
    expect(appended.every((el) => el.removed)).toBe(true);
  });

  it('says so when neither way copies', async () => {
    await expect(copyText('x', { document: fakeDocument(false).doc })).rejects.toThrow(/refused/);
    await expect(copyText('x', {})).rejects.toThrow(/No clipboard/);
  });

  it('writes rows as TSV, quoting cells with tabs, newlines or quotes', () => {
    expect(rowsAsTSV(['gt', 'note'], [['sit', 'a\tb'], ['walk', 'say "hi"']])).toBe(
      'gt\tnote\nsit\t"a\tb"\nwalk\t"say ""hi"""\n',
    );
  });
});
