import { describe, expect, it } from 'vitest';
import { resolveAppRequest } from './appProtocol';

describe('app:// resolver', () => {
  const root = '/opt/cunban/renderer';
  it('serves files inside the renderer folder with their type', () => {
    expect(resolveAppRequest('app://kiosk/index.html', root)).toEqual({
      file: `${root}/index.html`,
      mimeType: 'text/html; charset=utf-8',
    });
    expect(resolveAppRequest('app://kiosk/assets/index-1.js', root)?.mimeType).toBe(
      'text/javascript; charset=utf-8',
    );
    expect(resolveAppRequest('app://kiosk/home', root)?.file).toBe(`${root}/index.html`);
  });
  it('refuses traversal, other hosts, dotfiles and unknown types', () => {
    // The URL parser already folds plain `..`; whatever comes back must stay inside the root.
    for (const url of ['app://kiosk/../../etc/passwd', 'app://kiosk/%2e%2e/%2e%2e/etc/passwd']) {
      const resolved = resolveAppRequest(url, root);
      expect(resolved === null || resolved.file.startsWith(`${root}/`), url).toBe(true);
      expect(resolved?.file).not.toContain('/etc/passwd');
    }
    for (const url of [
      'app://kiosk/assets/%2e%2e%2f%2e%2e%2f%2e%2e%2fsecret.js',
      'app://other/index.html',
      'app://kiosk/.env',
      'app://kiosk/data.sqlite',
      'file:///etc/passwd',
      'app://kiosk/%00.html',
    ]) {
      expect(resolveAppRequest(url, root), url).toBeNull();
    }
  });
});
