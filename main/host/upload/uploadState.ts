import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileAtomic } from '../secure/atomicFile';

/**
 * Upload URLs the county gave out, kept across restarts so a page resumes from the county's
 * offset (tus HEAD) instead of starting over. Keyed by application id + SHA-256; only the path
 * is kept (the county's address may change between configurations). Holds no personal data.
 */
export class UploadState {
  private constructor(
    private readonly file: string,
    private readonly urls: Map<string, string>,
  ) {}

  static async load(file: string): Promise<UploadState> {
    await mkdir(dirname(file), { recursive: true, mode: 0o700 });
    let urls = new Map<string, string>();
    try {
      const parsed = JSON.parse(await readFile(file, 'utf8')) as Record<string, string>;
      urls = new Map(Object.entries(parsed).filter(([, v]) => typeof v === 'string' && v.startsWith('/')));
    } catch (err) {
      // Missing or damaged: uploads then start fresh, which costs bytes but loses nothing.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT' && !(err instanceof SyntaxError)) throw err;
    }
    return new UploadState(file, urls);
  }

  static key(applicationId: string, sha256: string): string {
    return `${applicationId}:${sha256}`;
  }

  pathFor(key: string): string | undefined {
    return this.urls.get(key);
  }

  async remember(key: string, path: string): Promise<void> {
    if (this.urls.get(key) === path) return;
    this.urls.set(key, path);
    await this.save();
  }

  async forget(key: string): Promise<void> {
    if (!this.urls.delete(key)) return;
    await this.save();
  }

  private async save(): Promise<void> {
    await writeFileAtomic(this.file, Buffer.from(JSON.stringify(Object.fromEntries(this.urls))), 0o600);
  }
}
