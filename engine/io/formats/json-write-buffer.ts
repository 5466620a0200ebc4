/**
 * The JSON writer's output: a growing byte buffer the column writers append UTF-8 to, so a
 * batch becomes one Uint8Array (one `write` per file) without a string per row. ASCII text,
 * by far the common case in sensor data, is copied a char code at a time; anything else
 * goes through Jackson's escaping (jacksonEscape) and TextEncoder.encodeInto.
 *
 * Lone UTF-16 surrogates become U+FFFD, as TextEncoder.encode of the whole output did: every
 * place the writer splits its text (a value's edges, a field name's quotes) is next to ASCII,
 * so no surrogate pair is ever split between two pieces.
 */
const encoder = new TextEncoder();

export class JsonByteBuffer {
  bytes: Uint8Array;
  pos = 0;

  constructor(initialBytes = 1 << 16) {
    this.bytes = new Uint8Array(initialBytes);
  }

  /** Room for `n` more bytes. */
  ensure(n: number): void {
    if (this.pos + n > this.bytes.length) this.grow(n);
  }

  private grow(n: number): void {
    const next = new Uint8Array(Math.max(this.bytes.length * 2, this.pos + n));
    next.set(this.bytes.subarray(0, this.pos));
    this.bytes = next;
  }

  byte(b: number): void {
    if (this.pos >= this.bytes.length) this.grow(1);
    this.bytes[this.pos++] = b;
  }

  /** Bytes prepared once (a field name, a dictionary entry); short ones copied by hand, as `set` costs more than the copy. */
  raw(b: Uint8Array): void {
    const n = b.length;
    this.ensure(n);
    const out = this.bytes;
    let p = this.pos;
    if (n <= 32) for (let i = 0; i < n; i++) out[p++] = b[i];
    else {
      out.set(b, p);
      p += n;
    }
    this.pos = p;
  }

  /** Text that is already JSON (a number, a nested value's text): written as UTF-8, unescaped. */
  text(s: string): void {
    const n = s.length;
    this.ensure(n * 3);
    const out = this.bytes;
    let p = this.pos;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 128) {
        this.pos = p;
        this.encodeRest(s.slice(i));
        return;
      }
      out[p++] = c;
    }
    this.pos = p;
  }

  /** A JS string as a JSON string literal: quotes, Jackson's escapes, UTF-8. */
  quoted(s: string): void {
    const n = s.length;
    // Worst case per UTF-16 unit: a six-byte `\u001F` escape (UTF-8 needs at most 3).
    this.ensure(n * 6 + 2);
    const out = this.bytes;
    let p = this.pos;
    out[p++] = 34;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 128 || c < 32 || c === 34 || c === 92) {
        this.pos = p;
        this.encodeRest(jacksonEscape(s.slice(i)));
        this.bytes[this.pos++] = 34;
        return;
      }
      out[p++] = c;
    }
    out[p++] = 34;
    this.pos = p;
  }

  /** `s` as UTF-8 at the end; the caller has ensured 3 bytes per UTF-16 unit (+1 spare). */
  private encodeRest(s: string): void {
    this.ensure(s.length * 3 + 1);
    const { written } = encoder.encodeInto(s, this.bytes.subarray(this.pos));
    this.pos += written;
  }

  /** The bytes written so far (a view, not a copy). */
  result(): Uint8Array {
    return this.bytes.subarray(0, this.pos);
  }
}

/** `s` as a JSON string literal's bytes, for text written many times (names, dictionary entries). */
export function quotedBytes(s: string): Uint8Array {
  const n = s.length;
  let plain = true;
  for (let i = 0; plain && i < n; i++) {
    const c = s.charCodeAt(i);
    plain = c < 128 && c >= 32 && c !== 34 && c !== 92;
  }
  if (plain) {
    const out = new Uint8Array(n + 2);
    out[0] = 34;
    for (let i = 0; i < n; i++) out[i + 1] = s.charCodeAt(i);
    out[n + 1] = 34;
    return out;
  }
  // Room for quoted()'s worst case up front, so it never grows this scratch buffer.
  const b = new JsonByteBuffer(n * 6 + 3);
  b.quoted(s);
  return b.bytes.slice(0, b.pos);
}

/** Jackson's string escaping: quote, backslash and control characters; everything else as is. */
export function jacksonEscape(s: string): string {
  let out = '';
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 32 && c !== 34 && c !== 92) continue;
    out += s.slice(last, i) + escapeChar(c);
    last = i + 1;
  }
  return out + s.slice(last);
}

/** `"` + jacksonEscape(s) + `"`: a JSON string literal as text. */
export function quote(s: string): string {
  return '"' + jacksonEscape(s) + '"';
}

function escapeChar(c: number): string {
  switch (c) {
    case 34:
      return '\\"';
    case 92:
      return '\\\\';
    case 10:
      return '\\n';
    case 13:
      return '\\r';
    case 9:
      return '\\t';
    case 8:
      return '\\b';
    case 12:
      return '\\f';
    default:
      return '\\u' + c.toString(16).toUpperCase().padStart(4, '0');
  }
}
