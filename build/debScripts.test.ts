// The deb's maintainer scripts must start from electron-builder's own templates (chrome-sandbox
// mode, /usr/bin link, AppArmor), survive electron-builder's ${macro} substitution and be valid bash.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBuilderConfig, projectRoot } from './builderConfig';

const root = projectRoot;
const templates = join(root, 'node_modules/app-builder-lib/templates/linux');
const config = loadBuilderConfig();

// Same substitution as app-builder-lib FpmTarget.writeConfigFile: unknown macros are a build error.
function render(text: string): string {
  const macros: Record<string, string> = {
    executable: config.linux.executableName,
    sanitizedProductName: config.productName,
    productFilename: config.productName,
  };
  return text.replace(/\${([a-zA-Z]+)}/g, (_match, name: string) => {
    const value = macros[name];
    if (value === undefined) throw new Error(`Macro ${name} is not defined`);
    return value;
  });
}

const scripts = [
  { file: config.deb.afterInstall, template: 'after-install.tpl' },
  { file: config.deb.afterRemove, template: 'after-remove.tpl' },
];

describe.each(scripts)('$file', ({ file, template }) => {
  const text = readFileSync(join(root, file), 'utf8');

  it(`starts with electron-builder's ${template}, unchanged`, () => {
    expect(text.startsWith(readFileSync(join(templates, template), 'utf8'))).toBe(true);
  });

  it('renders with electron-builder macros only and is valid bash', () => {
    const rendered = render(text);
    expect(rendered).toContain("'/opt/村办自助终端/");
    const check = spawnSync('bash', ['-n'], { input: rendered, encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });
});

describe('after-install.sh', () => {
  const text = readFileSync(join(root, config.deb.afterInstall), 'utf8');

  it('keeps the chrome-sandbox setuid fallback', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: electron-builder's own ${macro}, kept literally
    expect(text).toContain("chmod 4755 '/opt/${sanitizedProductName}/chrome-sandbox'");
  });

  it('reloads udev rules, creates the cunban group and installs only shipped resources', () => {
    expect(text).toMatch(/udevadm control --reload-rules/);
    expect(text).toMatch(/groupadd --system cunban/);
    const shipped = new Set<string>(config.linux.extraResources.flatMap((r) => r.filter));
    const used = [...text.matchAll(/\$CUNBAN_RESOURCES\/([^"]+)"/g)].map((m) => m[1]);
    expect(used.length).toBeGreaterThanOrEqual(6);
    for (const name of used) expect(shipped.has(name as string), name).toBe(true);
  });
});
