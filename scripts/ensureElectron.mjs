// `npm start` runs this first. Install scripts are disabled in .npmrc (see README), so Electron's
// binary is fetched here, on first start, by Electron's own installer — and where GitHub cannot
// be reached we say so plainly and point to the browser host instead of failing obscurely.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const electronDir = dirname(require.resolve('electron/package.json'));
const pathFile = join(electronDir, 'path.txt');
const installed =
  existsSync(pathFile) && existsSync(join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim()));
if (!installed) {
  console.log('Electron binary missing: downloading it once (node node_modules/electron/install.js)…');
  try {
    execFileSync(process.execPath, [join(electronDir, 'install.js')], { stdio: 'inherit' });
  } catch {
    console.error(
      '\nElectron could not be downloaded (no access to its release server?).\n' +
        'Run the same kiosk in Chromium instead:  npm run start:browser\n' +
        'or set ELECTRON_MIRROR / use electronDist as described in docs/packaging.md.',
    );
    process.exit(1);
  }
}
