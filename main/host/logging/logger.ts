import { appendFileSync, mkdirSync, readdirSync, readFileSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { redact } from './redact';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

/** The logger every host service and driver receives (drivers define the same shape themselves). */
export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  child(scope: string): Logger;
}

export interface FileLoggerOptions {
  dir: string;
  /** Files older than this are deleted (default 183 days: 网络安全法 art. 21 asks for ≥ 6 months). */
  retentionDays?: number;
  /** A day's file rolls over to `.1`, `.2`, … past this size. */
  maxFileBytes?: number;
  now?: () => Date;
  /** Also echo to stderr (development and the browser host's console). */
  echo?: boolean;
}

const FILE_PATTERN = /^cunban-(\d{4}-\d{2}-\d{2})(?:\.(\d+))?\.log$/;

/**
 * Structured JSON-lines logs in the app-data folder, one file per day, rotated by size, pruned
 * by age, and redacted before anything is written: a log line never holds a name, ID or phone
 * number in clear.
 */
export class FileLog {
  private readonly retentionDays: number;
  private readonly maxFileBytes: number;
  private readonly now: () => Date;
  private currentFile = '';
  private currentBytes = 0;
  private lastPruneDay = '';

  readonly dirPath: string;

  constructor(private readonly options: FileLoggerOptions) {
    this.dirPath = options.dir;
    this.retentionDays = options.retentionDays ?? 183;
    this.maxFileBytes = options.maxFileBytes ?? 10 * 1024 * 1024;
    this.now = options.now ?? (() => new Date());
    mkdirSync(options.dir, { recursive: true, mode: 0o700 });
  }

  logger(scope = 'host'): Logger {
    const write = (level: LogLevel) => (msg: string, fields?: LogFields) =>
      this.write(level, scope, msg, fields);
    return {
      debug: write('debug'),
      info: write('info'),
      warn: write('warn'),
      error: write('error'),
      child: (sub: string) => this.logger(`${scope}.${sub}`),
    };
  }

  write(level: LogLevel, scope: string, msg: string, fields?: LogFields): void {
    const at = this.now();
    const record = {
      t: at.toISOString(),
      level,
      scope,
      msg: redact(msg),
      ...(fields ? { fields: redact(fields) } : {}),
    };
    const line = `${JSON.stringify(record)}\n`;
    try {
      appendFileSync(this.fileFor(at, Buffer.byteLength(line)), line, { mode: 0o600 });
    } catch {
      // Logging must never take the kiosk down (disk full, folder removed): drop the line.
    }
    if (this.options.echo) process.stderr.write(line);
  }

  private fileFor(at: Date, nextBytes: number): string {
    const day = at.toISOString().slice(0, 10);
    if (day !== this.lastPruneDay) {
      this.lastPruneDay = day;
      this.prune(at);
      this.currentFile = '';
    }
    // An empty currentFile includes no day, so this also covers the first write.
    if (!this.currentFile.includes(day) || this.currentBytes + nextBytes > this.maxFileBytes) {
      let part = 0;
      for (;;) {
        const name = join(this.options.dir, `cunban-${day}${part ? `.${part}` : ''}.log`);
        const size = sizeOf(name);
        if (size + nextBytes <= this.maxFileBytes || size === 0) {
          this.currentFile = name;
          this.currentBytes = size;
          break;
        }
        part++;
      }
    }
    this.currentBytes += nextBytes;
    return this.currentFile;
  }

  /** Deletes files past the retention period. */
  prune(at = this.now()): number {
    const cutoff = new Date(at.getTime() - this.retentionDays * 86_400_000).toISOString().slice(0, 10);
    let removed = 0;
    for (const file of this.files()) {
      if (file.day < cutoff) {
        try {
          unlinkSync(join(this.options.dir, file.name));
          removed++;
        } catch {}
      }
    }
    return removed;
  }

  /** Log files oldest first. */
  files(): { name: string; day: string; part: number }[] {
    let names: string[] = [];
    try {
      names = readdirSync(this.options.dir);
    } catch {}
    return names
      .map((name) => {
        const m = FILE_PATTERN.exec(name);
        return m ? { name, day: m[1]!, part: Number(m[2] ?? 0) } : undefined;
      })
      .filter((f): f is { name: string; day: string; part: number } => !!f)
      .sort((a, b) => (a.day === b.day ? a.part - b.part : a.day < b.day ? -1 : 1));
  }

  /** The newest lines, for the diagnostics screen. */
  recent(limit: number): string[] {
    const lines: string[] = [];
    for (const file of this.files().reverse()) {
      const text = readFileSync(join(this.options.dir, file.name), 'utf8');
      const fileLines = text.split('\n').filter(Boolean);
      lines.unshift(...fileLines.slice(-(limit - lines.length)));
      if (lines.length >= limit) break;
    }
    return lines;
  }
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
