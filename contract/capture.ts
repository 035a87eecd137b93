import { z } from 'zod';
import { BarcodeEventSchema, BarcodeReaderStateSchema } from '../drivers/barcode/schemas';
import {
  CaptureMaterialSchema,
  ScannerStateSchema,
  ScanProgressSchema,
  ScanRequestSchema,
  StoredPageSchema,
} from '../drivers/scanner/schemas';
import { empty, ok, type RequestDef, request } from './define';

/**
 * What is to be captured and whether it may be. The host re-checks the privacy rule (an ID card is
 * only copied when the service requires it and the villager consented) with the driver's schema.
 */
const captureRequest = z
  .object({
    material: CaptureMaterialSchema,
    applicationId: z.string().max(64).optional(),
    serviceRequiresIdCopy: z.boolean().optional(),
    villagerConsented: z.boolean().optional(),
  })
  .strict();

/** A document-camera frame, already cropped and deskewed in the renderer (JPEG, at most 6 MB). */
const photo = z
  .string()
  .max(8 * 1024 * 1024)
  .regex(/^[A-Za-z0-9+/]+=*$/, 'base64 JPEG');

/** Largest renderer-made image the host stores (a 900×300 signature PNG is ~20–60 KB). */
export const STORED_IMAGE_MAX_BYTES = 2 * 1024 * 1024;

/**
 * An image made in the renderer (the signature, a demo page drawn when no scanner answers). The
 * renderer says what it believes the SHA-256 is; the host hashes the bytes itself and refuses a
 * mismatch, so the application can never reference a file the outbox does not hold.
 */
const storeImageInput = z
  .object({
    purpose: z.enum(['signature', 'material']),
    contentType: z.enum(['image/png', 'image/jpeg']),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    bytesBase64: z
      .string()
      .min(4)
      .max(Math.ceil(STORED_IMAGE_MAX_BYTES / 3) * 4)
      .regex(/^[A-Za-z0-9+/]+=*$/, 'base64 image'),
    applicationId: z.string().max(64).optional(),
  })
  .strict();

export const captureRequests = {
  'scanner.state': request(empty, ScannerStateSchema),
  /** Which capture devices this kiosk is configured with (the screen offers only those). */
  'capture.devices': request(empty, z.object({ documentScanner: z.boolean(), documentCamera: z.boolean() })),
  'capture.scan': request(
    z.object({ capture: captureRequest, scan: ScanRequestSchema.partial().strict() }).strict(),
    z.object({
      outcome: z.object({
        status: z.enum(['completed', 'cancelled', 'failed']),
        pages: z.number().int(),
        error: z.string().optional(),
      }),
      pages: z.array(StoredPageSchema),
    }),
  ),
  'capture.cancelScan': request(empty, ok),
  'capture.storePhoto': request(
    z.object({ capture: captureRequest, jpegBase64: photo }).strict(),
    StoredPageSchema,
  ),
  'capture.storeImage': request(
    storeImageInput,
    z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), size: z.number().int().positive() }),
  ),
  /** A stored page's thumbnail for the preview (decrypted in the host, never written elsewhere). */
  'capture.thumbnail': request(
    z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/) }).strict(),
    z.object({ dataUrl: z.string() }),
  ),
  'barcode.state': request(empty, BarcodeReaderStateSchema.nullable()),
  /** Demo profile only: the simulated serial scanner reads this code. */
  'demo.barcode.scan': request(z.object({ data: z.string().min(1).max(2000) }).strict(), ok),
} satisfies Record<string, RequestDef>;

export const captureEvents = {
  'scanner.state': ScannerStateSchema,
  'scanner.progress': ScanProgressSchema,
  'capture.pageStored': StoredPageSchema,
  'barcode.scan': BarcodeEventSchema,
  'barcode.state': BarcodeReaderStateSchema,
} satisfies Record<string, z.ZodType>;
