/**
 * Who may talk to the browser-mode server: only a page this server served, on this machine.
 * Every HTTP request and every WebSocket upgrade must pass all three checks:
 *
 * 1. Host is this server (127.0.0.1:port or localhost:port), which defeats DNS rebinding:
 *    a hostile site that re-points its name at 127.0.0.1 still sends its own Host.
 * 2. Origin, when sent, is this server's own origin. Browsers always send it on WebSocket
 *    upgrades, and it is required there: any page can open a socket to 127.0.0.1, so the
 *    socket is where a foreign origin must be stopped (403).
 * 3. The per-run token (random, printed only to the user's terminal) comes with the
 *    request: `?token=` on the page URL, then the HttpOnly cookie the page response sets,
 *    or an `X-Tidemark-Token` header for scripts. Missing → 401, wrong → 403.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_HEADER = 'x-tidemark-token';

/** 32 random bytes, URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Cookies are shared by every port of a host, so the name carries the port. */
export function tokenCookieName(port: number): string {
  return `tidemark-token-${port}`;
}

export type AccessVerdict =
  | { readonly ok: true; readonly viaQuery: boolean }
  | { readonly ok: false; readonly status: 401 | 403; readonly reason: string };

export interface AccessPolicy {
  readonly token: string;
  readonly port: number;
}

export function checkAccess(
  req: IncomingMessage,
  policy: AccessPolicy,
  options: { requireOrigin: boolean },
): AccessVerdict {
  const hosts = [`127.0.0.1:${policy.port}`, `localhost:${policy.port}`];
  const host = req.headers.host ?? '';
  if (!hosts.includes(host))
    return { ok: false, status: 403, reason: `Host ${JSON.stringify(host)} is not this server` };
  const origin = req.headers.origin;
  if (origin === undefined ? options.requireOrigin : !hosts.some((h) => origin === `http://${h}`)) {
    return {
      ok: false,
      status: 403,
      reason: `Origin ${JSON.stringify(origin ?? null)} is not this server's`,
    };
  }
  const fromQuery = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams.get('token');
  const header = req.headers[TOKEN_HEADER];
  const fromHeader = typeof header === 'string' ? header : undefined;
  const fromCookie = cookieValue(req.headers.cookie, tokenCookieName(policy.port));
  const given = fromQuery ?? fromHeader ?? fromCookie;
  if (given === undefined || given === '')
    return { ok: false, status: 401, reason: 'no access token (open the URL the server printed)' };
  if (!sameToken(given, policy.token))
    return { ok: false, status: 403, reason: 'wrong access token' };
  return { ok: true, viaQuery: fromQuery !== null };
}

/** Constant-time comparison, so the token cannot be guessed byte by byte from timings. */
function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
