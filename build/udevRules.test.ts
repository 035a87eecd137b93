import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkUdevRules } from './udevRuleSyntax';

const rulesPath = join(dirname(fileURLToPath(import.meta.url)), 'linux/99-cunban.rules');
const rules = readFileSync(rulesPath, 'utf8');

// `udevadm verify` exists from systemd 253; Debian 12 has 252, so probe instead of assuming.
const hasVerify = spawnSync('udevadm', ['verify', '--help'], { stdio: 'ignore' }).status === 0;

describe('build/linux/99-cunban.rules', () => {
  it(`passes ${hasVerify ? 'udevadm verify' : 'the syntax check (udevadm verify is not available here)'}`, () => {
    if (hasVerify) {
      const result = spawnSync('udevadm', ['verify', '--resolve-names=never', rulesPath], {
        encoding: 'utf8',
      });
      expect(result.stderr + result.stdout).not.toMatch(/invalid|error/i);
      expect(result.status).toBe(0);
      // ...and the same udevadm rejects a broken file, so this branch can fail.
      const broken = join(mkdtempSync(join(tmpdir(), 'udev-')), '99-broken.rules');
      writeFileSync(broken, 'SUBSYSTEM="tty", GROUP=="cunban"\n');
      expect(spawnSync('udevadm', ['verify', '--resolve-names=never', broken]).status).not.toBe(0);
    }
    expect(checkUdevRules(rules)).toEqual([]);
  });

  it('grants the cunban group the serial bridges, ID card readers, scanners and printers', () => {
    const ruleLines = rules.split('\n').filter((l) => l.trim() && !l.startsWith('#'));
    const grants = (pattern: RegExp) => ruleLines.some((l) => pattern.test(l) && /GROUP="cunban"/.test(l));
    expect(grants(/SUBSYSTEM=="tty".*"1a86".*"7523"/)).toBe(true);
    expect(grants(/SUBSYSTEM=="tty".*"10c4".*"ea60"/)).toBe(true);
    expect(grants(/SUBSYSTEM=="tty".*"0403".*"6001"/)).toBe(true);
    expect(grants(/SUBSYSTEM=="usb".*"0400".*"c35a"/)).toBe(true);
    expect(grants(/SUBSYSTEM=="hidraw".*"0c2e"/)).toBe(true);
    expect(grants(/SUBSYSTEM=="usbmisc", KERNEL=="lp/)).toBe(true);
    for (const line of ruleLines) expect(line).toMatch(/MODE="0660"/);
  });

  it('the syntax check catches the mistakes udev would reject', () => {
    const bad = [
      'SUBSYSTEM="tty", GROUP="cunban"', // assignment to a match-only key
      'SUBSYSTEM=="tty", GROUP=="cunban"', // match on an assignment-only key
      'SUBSYSTEM=="tty", ATTRS{idVendor}==1a86, GROUP="cunban"', // unquoted value
      'SUBSYSTEM=="tty", VENDOR=="1a86", GROUP="cunban"', // unknown key
      'SUBSYSTEM=="tty" GROUP="cunban"', // missing comma
      'ATTRS=="1a86", MODE="0660"', // ATTRS without {name}
      'GROUP="cunban", MODE="0660"', // no match: would apply to every device
      'SUBSYSTEM=="tty", KERNEL=="ttyUSB0"', // assigns nothing
    ];
    for (const line of bad) {
      expect(checkUdevRules(`# comment\n${line}\n`), line).toHaveLength(1);
    }
    expect(checkUdevRules('SUBSYSTEM=="tty", ENV{ID_VENDOR}=="a,b", TAG+="uaccess"\n')).toEqual([]);
  });
});
