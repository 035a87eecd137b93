// Validates electron-builder.yml against electron-builder's own JSON schema and checks the
// settings the kiosk fleet depends on (issue 2 item 7, issue 10 item 1).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { loadBuilderConfig, projectRoot, type TargetEntry } from './builderConfig';

const root = projectRoot;
const schema = JSON.parse(readFileSync(join(root, 'node_modules/app-builder-lib/scheme.json'), 'utf8'));
const config = loadBuilderConfig();

// The schema uses draft-07 plus a few annotation keywords ajv does not know; strict off ignores them.
// Compiled once: the schema is large and compiling dominates this file's run time.
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

const targetsOf = (platform: 'linux' | 'win'): TargetEntry[] => config[platform].target;

describe('electron-builder.yml', () => {
  it('validates against app-builder-lib/scheme.json', () => {
    const ok = validate(config);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the schema check really rejects a bad config', () => {
    expect(validate({ ...config, npmRebuild: 'no' })).toBe(false);
    expect(validate({ ...config, electronFuses: { runAsNode: false, notAFuse: true } })).toBe(false);
  });

  it('names the product and app id', () => {
    expect(config.appId).toBe('cn.cunban.kiosk');
    expect(config.productName).toBe('村办自助终端');
    expect(config.extraMetadata.main).toBe('dist/main/shell.js');
  });

  it('builds deb and AppImage for x64 and arm64, NSIS for Windows x64', () => {
    const linux = targetsOf('linux');
    for (const target of ['deb', 'AppImage']) {
      const entry = linux.find((t) => t.target === target);
      expect(entry, target).toBeDefined();
      expect([...(entry?.arch ?? [])].sort()).toEqual(['arm64', 'x64']);
    }
    expect(targetsOf('win')).toEqual([{ target: 'nsis', arch: ['x64'] }]);
  });

  it('unpacks every native module from the asar and never rebuilds them', () => {
    expect(config.npmRebuild).toBe(false);
    expect(config.asar).toBe(true);
    const unpack: string[] = config.asarUnpack;
    expect(unpack).toContain('**/*.node');
    for (const pkg of ['@serialport/bindings-cpp', 'node-hid', 'usb', 'sharp', '@img', 'koffi']) {
      expect(unpack, pkg).toContain(`node_modules/${pkg}/**`);
    }
  });

  it('sets the security fuses', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
    });
  });

  it('publishes through a generic provider so electron-updater reads latest*.yml', () => {
    expect(config.publish.map((p) => p.provider)).toEqual(['generic']);
  });

  it('points at files that exist: icons, deb scripts and the OS integration resources', () => {
    const icons = ['16x16', '32x32', '48x48', '64x64', '128x128', '256x256', '512x512'];
    for (const name of icons) {
      const png = PNG.sync.read(readFileSync(join(root, 'build/icons', `${name}.png`)));
      expect(`${png.width}x${png.height}`).toBe(name);
    }
    // NSIS converts a PNG of at least 256 px into the .ico.
    expect(PNG.sync.read(readFileSync(join(root, config.win.icon))).width).toBeGreaterThanOrEqual(256);
    expect(existsSync(join(root, config.deb.afterInstall))).toBe(true);
    expect(existsSync(join(root, config.deb.afterRemove))).toBe(true);
    for (const resource of config.linux.extraResources) {
      // The release public key is supplied per county by the release machine (docs/packaging.md).
      for (const file of resource.filter.filter((f) => f !== 'update-signing.pem')) {
        expect(existsSync(join(root, resource.from, file)), file).toBe(true);
      }
    }
  });
});
