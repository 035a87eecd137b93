import { describe, expect, it } from 'vitest';
import { isBlockedKey } from '../../../contract/policy/keyFilter';
import { CrashPolicy, isGpuCrash, shouldDisableGpu } from '../recovery/crashPolicy';
import { buildCsp } from './csp';
import { isAllowedNavigation } from './navigationPolicy';
import { isPermissionAllowed } from './permissionPolicy';

const APP = 'app://kiosk';

describe('navigation policy', () => {
  it('allows only the kiosk origin', () => {
    expect(isAllowedNavigation('app://kiosk/index.html#/home', APP)).toBe(true);
    for (const url of [
      'https://www.baidu.com',
      'file:///etc/passwd',
      'app://other/index.html',
      'app://user:pw@kiosk/',
      'javascript:alert(1)',
      'data:text/html,<h1>x',
      'chrome://settings',
      'not a url',
    ]) {
      expect(isAllowedNavigation(url, APP), url).toBe(false);
    }
  });
});

describe('permission policy', () => {
  it('grants video capture to the kiosk origin only', () => {
    expect(
      isPermissionAllowed({ permission: 'media', requestingOrigin: APP, mediaTypes: ['video'] }, APP),
    ).toBe(true);
    expect(
      isPermissionAllowed(
        { permission: 'media', requestingOrigin: APP, mediaTypes: ['video', 'audio'] },
        APP,
      ),
    ).toBe(false);
    expect(isPermissionAllowed({ permission: 'media', requestingOrigin: APP, mediaTypes: [] }, APP)).toBe(
      false,
    );
    expect(
      isPermissionAllowed(
        { permission: 'media', requestingOrigin: 'https://x.cn', mediaTypes: ['video'] },
        APP,
      ),
    ).toBe(false);
    for (const permission of [
      'geolocation',
      'notifications',
      'hid',
      'serial',
      'usb',
      'clipboard-read',
      'fullscreen',
      'openExternal',
    ]) {
      expect(isPermissionAllowed({ permission, requestingOrigin: APP }, APP), permission).toBe(false);
    }
  });
});

describe('key filter', () => {
  it('blocks reload, DevTools, zoom, close and history keys', () => {
    const blocked = [
      { key: 'F5' },
      { key: 'F12' },
      { key: 'F11' },
      { key: 'r', control: true },
      { key: 'R', control: true, shift: true },
      { key: 'I', control: true, shift: true },
      { key: '=', control: true },
      { key: '-', control: true },
      { key: '0', meta: true },
      { key: 'F4', alt: true },
      { key: 'ArrowLeft', alt: true },
      { key: 'w', control: true },
      { key: 'p', control: true },
      { key: 'BrowserBack' },
    ];
    for (const k of blocked) expect(isBlockedKey({ type: 'keyDown', ...k }), JSON.stringify(k)).toBe(true);
  });

  it('lets typing through', () => {
    for (const key of ['a', 'Z', '张', '1', 'X', 'Backspace', 'Enter', 'ArrowLeft', 'Tab', ' ']) {
      expect(isBlockedKey({ type: 'keyDown', key }), key).toBe(false);
    }
    expect(isBlockedKey({ type: 'keyDown', key: 'a', control: true })).toBe(false); // select all in a field
    expect(isBlockedKey({ type: 'keyDown', key: 'c', control: true })).toBe(false);
  });
});

describe('crash policy', () => {
  it('reloads, then relaunches after repeated crashes in the window', () => {
    let t = 0;
    const policy = new CrashPolicy(3, 60_000, () => t);
    expect(policy.onRendererGone('crashed')).toBe('reload');
    t += 1000;
    expect(policy.onRendererGone('oom')).toBe('reload');
    t += 1000;
    expect(policy.onRendererGone('crashed')).toBe('reload');
    t += 1000;
    expect(policy.onRendererGone('crashed')).toBe('relaunch');
    t += 120_000;
    expect(policy.onRendererGone('crashed')).toBe('reload');
    expect(policy.onRendererGone('clean-exit')).toBe('ignore');
  });

  it('switches hardware acceleration off after a GPU crash', () => {
    expect(isGpuCrash({ type: 'GPU', reason: 'crashed' })).toBe(true);
    expect(isGpuCrash({ type: 'GPU', reason: 'clean-exit' })).toBe(false);
    expect(isGpuCrash({ type: 'Utility', reason: 'crashed' })).toBe(false);
    expect(shouldDisableGpu(0)).toBe(false);
    expect(shouldDisableGpu(1)).toBe(true);
  });
});

describe('CSP', () => {
  it('names only self, the county and given loopback sockets in connect-src', () => {
    const csp = buildCsp({
      countyUrl: 'https://county.example.gov.cn/api',
      extraConnect: ['ws://127.0.0.1:4321'],
    });
    expect(csp).toContain("connect-src 'self' ws://127.0.0.1:4321 https://county.example.gov.cn;");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-eval');
  });
});
