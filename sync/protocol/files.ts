import { z } from 'zod';
import { sha256Hex, uuidV7 } from './ids';

/**
 * Scanned pages travel by tus (POST /v1/files, then PATCH /v1/files/:uploadId). The Upload-Metadata
 * header carries these keys; the county checks the SHA-256 when the last byte arrives.
 */
export const ALLOWED_CONTENT_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const;
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
export const FILES_PATH = '/v1/files';

export const fileMetadata = z.object({
  sha256: sha256Hex,
  applicationId: uuidV7,
  contentType: z.enum(ALLOWED_CONTENT_TYPES),
  /** Optional original name for staff; never used to build a path. */
  filename: z.string().max(120).optional(),
});
export type FileMetadata = z.infer<typeof fileMetadata>;

/** GET /v1/files/status?sha256=…&applicationId=… tells a kiosk whether a file already arrived. */
export const fileStatus = z.object({
  sha256: sha256Hex,
  applicationId: uuidV7,
  state: z.enum(['missing', 'uploading', 'verified', 'mismatch']),
});
export type FileStatus = z.infer<typeof fileStatus>;
