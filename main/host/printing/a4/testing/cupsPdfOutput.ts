import { readdir, rm, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** cups-pdf writes to the submitting user's ~/PDF, or the spool's ANONYMOUS folder, by its config. */
async function candidateDirs(): Promise<string[]> {
  const dirs = [join(homedir(), 'PDF'), '/root/PDF'];
  for (const sub of await readdir('/var/spool/cups-pdf').catch(() => [] as string[])) {
    dirs.push(join('/var/spool/cups-pdf', sub));
  }
  return dirs;
}

/** Waits (polling the folders every 250 ms) for cups-pdf's output whose name carries `token`. */
export async function findPdf(token: string, ms = 80_000): Promise<string> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    for (const dir of await candidateDirs()) {
      for (const name of await readdir(dir).catch(() => [] as string[])) {
        if (!name.includes(token) || !name.endsWith('.pdf')) continue;
        const path = join(dir, name);
        // cups-pdf writes in place (and replaces a file of the same name): wait until the size
        // is stable and non-zero; a file that vanishes meanwhile is looked for again.
        const size = () =>
          stat(path).then(
            (s) => s.size,
            () => -1,
          );
        const a = await size();
        await new Promise((r) => setTimeout(r, 250));
        if (a > 0 && (await size()) === a) return path;
      }
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no cups-pdf output named *${token}* in ${(await candidateDirs()).join(', ')}`);
}

/** Removes earlier output whose name carries `token` (a re-run prints under the same title). */
export async function removePdfs(token: string): Promise<void> {
  for (const dir of await candidateDirs()) {
    for (const name of await readdir(dir).catch(() => [] as string[])) {
      if (name.includes(token) && name.endsWith('.pdf')) await rm(join(dir, name), { force: true });
    }
  }
}

/**
 * After ghostscript's re-render the text layer names some ideographs by their radical twins, which
 * share one glyph in Noto CJK (人 → ⼈ U+2F08, 民 → ⺠ U+2EA0). NFKC folds the Kangxi radicals back;
 * for the Radicals Supplement block the pattern accepts any radical in the ideograph's place.
 */
export function printedAs(expected: string): RegExp {
  const esc = (c: string) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(
    Array.from(expected.normalize('NFKC'), (c) =>
      /\p{Script=Han}/u.test(c) ? `(?:${esc(c)}|[\u2E80-\u2EFF])` : esc(c),
    ).join(''),
    'u',
  );
}
