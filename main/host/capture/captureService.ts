import { TypedEvents } from '../../../drivers/barcode/typedEvents';
import type { DocumentScanner, ScanOutcome } from '../../../drivers/scanner/documentScanner';
import {
  type CaptureRequest,
  CaptureRequestSchema,
  type ScanRequest,
  type StoredPage,
} from '../../../drivers/scanner/schemas';
import type { Outbox } from './outbox';
import { type EncodeOptions, encodePage } from './pageEncoder';

export interface CaptureLogger {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export class CapturePolicyError extends Error {
  readonly messageZh = '没有业务要求或本人同意，不能拍摄或扫描身份证';
  constructor(message: string) {
    super(message);
    this.name = 'CapturePolicyError';
  }
}

export interface PageStoredEvent extends StoredPage {
  /** ms from the scanner finishing the page to its JPEG being durable in the outbox. */
  storeMs: number;
}

export interface CaptureServiceEvents {
  'page-stored': (page: PageStoredEvent) => void;
}

/**
 * Electron-free glue from capture devices to the encrypted outbox: checks the privacy rule,
 * encodes every page for the link, stores it, reports descriptors (never image bytes). Only
 * sizes, counts and timings are logged.
 */
export class CaptureService {
  private readonly events: TypedEvents<CaptureServiceEvents>;

  constructor(
    private readonly deps: {
      outbox: Outbox;
      scanner?: DocumentScanner;
      logger: CaptureLogger;
      encode?: Omit<EncodeOptions, 'sourceDpi' | 'colour'>;
    },
  ) {
    this.events = new TypedEvents((err) =>
      deps.logger.error('capture listener threw', { error: String(err) }),
    );
  }

  on<K extends keyof CaptureServiceEvents>(event: K, listener: CaptureServiceEvents[K]): () => void {
    return this.events.on(event, listener);
  }

  private checkPolicy(request: CaptureRequest) {
    const parsed = CaptureRequestSchema.safeParse(request);
    if (!parsed.success) {
      this.deps.logger.warn('capture refused by policy', { material: request.material });
      throw new CapturePolicyError(parsed.error.issues[0]?.message ?? 'capture request refused');
    }
    return parsed.data;
  }

  /** Scan pages (flatbed or ADF) straight into the outbox. */
  async scanPages(
    request: CaptureRequest,
    scan: ScanRequest,
  ): Promise<{ outcome: ScanOutcome; pages: StoredPage[] }> {
    const checked = this.checkPolicy(request);
    const scanner = this.deps.scanner;
    if (!scanner) throw new Error('no document scanner configured');
    const pages: StoredPage[] = [];
    const outcome = await scanner.scan(scan, async (page) => {
      const started = performance.now();
      const stored = await this.store(page.image, checked.material, page.pageNumber, {
        sourceDpi: page.dpi,
        colour: page.mode === 'color' ? 'auto' : 'grey',
        applicationId: checked.applicationId,
      });
      pages.push(stored);
      this.events.emit('page-stored', { ...stored, storeMs: performance.now() - started });
    });
    return { outcome, pages };
  }

  /** A document-camera photo (already cropped and deskewed in the renderer). */
  async storePhoto(request: CaptureRequest, image: Uint8Array, pageNumber = 1): Promise<StoredPage> {
    const checked = this.checkPolicy(request);
    const started = performance.now();
    const stored = await this.store(image, checked.material, pageNumber, {
      colour: 'auto',
      applicationId: checked.applicationId,
    });
    this.events.emit('page-stored', { ...stored, storeMs: performance.now() - started });
    return stored;
  }

  private async store(
    image: Uint8Array,
    material: string,
    pageNumber: number,
    opts: { sourceDpi?: number; colour: 'grey' | 'auto'; applicationId?: string },
  ): Promise<StoredPage> {
    const encoded = await encodePage(image, {
      ...this.deps.encode,
      sourceDpi: opts.sourceDpi,
      colour: opts.colour,
    });
    const result = await this.deps.outbox.put(encoded.jpeg, {
      kind: 'page',
      mime: 'image/jpeg',
      width: encoded.width,
      height: encoded.height,
      material,
      pageNumber,
      applicationId: opts.applicationId,
      capturedAt: new Date().toISOString(),
      thumbnail: encoded.thumbnail,
    });
    this.deps.logger.info('page stored', {
      material,
      pageNumber,
      bytes: result.size,
      quality: encoded.quality,
      colour: encoded.colour,
    });
    const page: StoredPage = {
      pageNumber,
      sha256: result.sha256,
      size: result.size,
      width: encoded.width,
      height: encoded.height,
      colour: encoded.colour,
    };
    if (result.thumbSha) page.thumbSha = result.thumbSha;
    return page;
  }
}
