import { execFileSync } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { locateElectron } from './electronBinary';

const located = locateElectron();
if ('reason' in located) console.warn(`[e2e:electron] skipped: ${located.reason}`);

describe.skipIf('reason' in located)('Electron shell end to end', () => {
  it('opens the locked-down kiosk window on app://kiosk with the attract screen', async () => {
    execFileSync('npm', ['run', 'build'], { stdio: 'inherit' });
    const app = await electron.launch({
      executablePath: (located as { path: string }).path,
      args: ['dist/main/shell.js', ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
      env: { ...process.env, CUNBAN_DATA_DIR: await mkdtemp(join(tmpdir(), 'cunban-electron-')) },
    });
    try {
      const page = await app.firstWindow();
      await page.waitForSelector('[data-testid="attract-screen"][data-ready="true"]');
      expect(new URL(page.url()).origin).toBe('app://kiosk');
      const prefs = await app.evaluate(({ BrowserWindow }) => {
        const w = BrowserWindow.getAllWindows()[0]!;
        return { kiosk: w.isKiosk(), devTools: w.webContents.isDevToolsOpened() };
      });
      expect(prefs).toEqual({ kiosk: true, devTools: false });
      expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe(
        'undefined',
      );
      expect(await page.evaluate(() => window.open('https://example.com') === null)).toBe(true);
    } finally {
      await app.close();
    }
  });
});
