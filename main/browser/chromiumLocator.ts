import { accessSync, constants } from 'node:fs';
import { join } from 'node:path';

/** Where Chromium-family browsers usually live, per platform, in order of preference. */
export function chromiumCandidates(env = process.env, platform = process.platform): string[] {
  const fromEnv = env.CHROMIUM_PATH ? [env.CHROMIUM_PATH] : [];
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter(Boolean) as string[];
    return [
      ...fromEnv,
      ...roots.flatMap((r) => [
        join(r, 'Chromium', 'Application', 'chrome.exe'),
        join(r, 'Google', 'Chrome', 'Application', 'chrome.exe'),
        join(r, 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
      ]),
    ];
  }
  return [
    ...fromEnv,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/snap/bin/chromium',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/opt/google/chrome/chrome',
    '/usr/bin/microsoft-edge',
    // Domestic distributions ship Chromium-based browsers too.
    '/usr/bin/browser-360',
    '/opt/apps/org.deepin.browser/files/bin/browser',
  ];
}

export function findChromium(env = process.env, platform = process.platform): string | undefined {
  for (const candidate of chromiumCandidates(env, platform)) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {}
  }
  return undefined;
}
