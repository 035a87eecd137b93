import { setTimeout as sleep } from 'node:timers/promises';
import { DetailedError, Upload } from 'tus-js-client';
import { FILES_PATH } from '../../../sync/protocol/files';
import { TokenBucket } from '../updates/tokenBucket';
import { UploadState } from './uploadState';

/**
 * Uploads one outbox page to the county with tus, from the host (the device key never leaves
 * it). The upload URL is persisted the moment the county creates it, so after a dropped link or
 * a restart the next attempt asks the county for its offset (HEAD) and sends only the rest.
 * Retrying is the caller's job (the drain loop has the backoff); tus-js-client's own retries are off.
 */
export interface UploadJob {
  applicationId: string;
  sha256: string;
  contentType: 'image/jpeg' | 'image/png' | 'application/pdf';
  size: number;
  read(): Promise<Buffer>;
}

export class UploadError extends Error {
  constructor(
    readonly code: 'hash-mismatch' | 'refused' | 'transient',
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'UploadError';
  }
}

export interface TusUploaderOptions {
  baseUrl: string;
  /** A fresh device token per request (the county refuses a reused one). */
  token(): Promise<string>;
  state: UploadState;
  /** Optional cap so page uploads leave room on the village link; undefined = no cap. */
  bytesPerSecond?: number;
  /** PATCH size when capped; uncapped uploads send each page in one PATCH (fewest round trips). */
  chunkBytes?: number;
}

export class TusUploader {
  private readonly bucket: TokenBucket | undefined;
  /** Bytes sent in PATCH bodies (for the bench and the status line). */
  bytesSent = 0;

  constructor(private readonly options: TusUploaderOptions) {
    this.bucket = options.bytesPerSecond
      ? new TokenBucket(options.bytesPerSecond, options.chunkBytes ?? 32 * 1024)
      : undefined;
  }

  /**
   * `confirmed` is true when this attempt's last PATCH was answered 204 — the county had hashed
   * the page and accepted it. A resume that found every byte already there is not confirmed: the
   * caller asks the county's file status (the earlier attempt may have ended in a mismatch).
   */
  async upload(
    job: UploadJob,
    onProgress?: (sent: number, total: number) => void,
  ): Promise<{ confirmed: boolean }> {
    let confirmed = false;
    const key = UploadState.key(job.applicationId, job.sha256);
    const bytes = await job.read();
    const stored = this.options.state.pathFor(key);
    const chunkSize = this.bucket ? (this.options.chunkBytes ?? 32 * 1024) : Number.POSITIVE_INFINITY;
    let upload: Upload | undefined;
    try {
      await new Promise<void>((resolve, reject) => {
        upload = new Upload(bytes, {
          endpoint: new URL(FILES_PATH, this.options.baseUrl).toString(),
          uploadUrl: stored ? new URL(stored, this.options.baseUrl).toString() : null,
          metadata: { sha256: job.sha256, applicationId: job.applicationId, contentType: job.contentType },
          uploadSize: bytes.length,
          chunkSize,
          retryDelays: null,
          storeFingerprintForResuming: false,
          onBeforeRequest: async (req) => {
            req.setHeader('Authorization', `Bearer ${await this.options.token()}`);
            if (this.bucket && req.getMethod() === 'PATCH') {
              const wait = this.bucket.reserve(Math.min(chunkSize, bytes.length));
              if (wait > 0) await sleep(wait);
            }
          },
          onUploadUrlAvailable: () => {
            const url = upload?.url;
            if (url) void this.options.state.remember(key, new URL(url).pathname).catch(reject);
          },
          onChunkComplete: (chunk, accepted, total) => {
            this.bytesSent += chunk;
            if (accepted === total) confirmed = true;
          },
          onProgress: onProgress ?? null,
          onSuccess: () => resolve(),
          onError: reject,
        });
        upload.start();
      });
    } catch (err) {
      const status = err instanceof DetailedError ? err.originalResponse?.getStatus() : undefined;
      if (status === 460) {
        // The county hashed what it got and it was not this page: start the page over.
        await this.options.state.forget(key);
        throw new UploadError(
          'hash-mismatch',
          `county reported a SHA-256 mismatch for ${job.sha256}`,
          status,
        );
      }
      if (status === 404 || status === 410) await this.options.state.forget(key);
      if (
        status &&
        status >= 400 &&
        status < 500 &&
        status !== 404 &&
        status !== 409 &&
        status !== 423 &&
        status !== 429
      ) {
        throw new UploadError(
          'refused',
          `county refused the upload of ${job.sha256} (HTTP ${status})`,
          status,
        );
      }
      throw new UploadError(
        'transient',
        `upload of ${job.sha256} interrupted: ${(err as Error).message.split('\n')[0]}`,
        status,
      );
    }
    await this.options.state.forget(key);
    return { confirmed };
  }
}
