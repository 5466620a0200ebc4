/**
 * Copying text to the system clipboard. `navigator.clipboard.writeText` works in Electron
 * and in browser mode (http://127.0.0.1 is a secure context); when it is missing or the
 * permission is refused, a hidden textarea and `execCommand('copy')` do it the old way.
 */

/** The few DOM pieces the fallback uses (structural, so it compiles and tests without a DOM). */
interface CopyArea {
  value: string;
  readonly style: { position: string; opacity: string };
  setAttribute(name: string, value: string): void;
  select(): void;
  remove(): void;
}

export interface ClipboardDocument {
  createElement(tag: 'textarea'): CopyArea;
  execCommand(command: 'copy'): boolean;
  readonly body: { appendChild(node: CopyArea): unknown };
}

export interface ClipboardEnvironment {
  readonly clipboard?: { writeText(text: string): Promise<void> };
  readonly document?: ClipboardDocument;
}

const browserEnvironment = (): ClipboardEnvironment => {
  const page = globalThis as {
    navigator?: { clipboard?: ClipboardEnvironment['clipboard'] };
    document?: unknown;
  };
  return {
    clipboard: page.navigator?.clipboard,
    document: page.document as ClipboardDocument | undefined,
  };
};

/** Copies `text`; resolves to how it was copied, rejects when neither way worked. */
export async function copyText(
  text: string,
  env: ClipboardEnvironment = browserEnvironment(),
): Promise<'clipboard' | 'execCommand'> {
  if (env.clipboard !== undefined) {
    try {
      await env.clipboard.writeText(text);
      return 'clipboard';
    } catch {
      // Permission refused or the page lost focus: fall through to execCommand.
    }
  }
  const doc = env.document;
  if (doc === undefined) throw new Error('No clipboard is available in this window.');
  const area = doc.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  doc.body.appendChild(area);
  try {
    area.select();
    if (!doc.execCommand('copy')) throw new Error('The browser refused to copy to the clipboard.');
    return 'execCommand';
  } finally {
    area.remove();
  }
}

/**
 * Rows as tab-separated text with a header line, the form spreadsheets paste: a cell with a
 * tab, newline or quote is quoted, quotes doubled (RFC 4180's rule, with tabs).
 */
export function rowsAsTSV(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const cell = (s: string): string => (/[\t\n\r"]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return [header, ...rows].map((r) => r.map(cell).join('\t')).join('\n') + '\n';
}
