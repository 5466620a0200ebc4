/**
 * Response headers for every browser-mode response. The CSP matches renderer/index.html's
 * meta policy (scripts only from the app, no inline scripts or eval) and adds what only a
 * header can say: no framing (frame-ancestors), and the exact WebSocket origin. The token
 * travels in the page URL, so no Referer may ever carry it elsewhere.
 */
import type { OutgoingHttpHeaders } from 'node:http';

export function securityHeaders(port: number): OutgoingHttpHeaders {
  const csp = [
    "default-src 'none'",
    "script-src 'self'",
    // Svelte sets style attributes and the build may inline small styles.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`,
    "worker-src 'self' blob:",
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': 'no-store',
  };
}
