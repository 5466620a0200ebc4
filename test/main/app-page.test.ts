import { describe, expect, it } from 'vitest';
import { isAppPage } from '../../main/app-page';

describe('isAppPage: which sender may use the host API over IPC', () => {
  const built = 'file:///opt/Tidemark/resources/app/out/renderer/index.html';

  it('accepts the built page, whatever its query or hash', () => {
    expect(isAppPage(built, built)).toBe(true);
    expect(isAppPage(`${built}?q=1#results`, built)).toBe(true);
  });

  it('refuses other files, other schemes and remote pages', () => {
    expect(isAppPage('file:///tmp/evil.html', built)).toBe(false);
    expect(isAppPage('https://example.com/out/renderer/index.html', built)).toBe(false);
    expect(isAppPage('not a url', built)).toBe(false);
  });

  it('compares the dev server by origin', () => {
    const dev = 'http://localhost:5173/';
    expect(isAppPage('http://localhost:5173/index.html', dev)).toBe(true);
    expect(isAppPage('http://localhost:5174/', dev)).toBe(false);
    expect(isAppPage('http://127.0.0.1:5173/', dev)).toBe(false);
  });
});
