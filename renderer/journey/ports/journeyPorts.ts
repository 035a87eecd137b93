import type { IdCard } from '../../../drivers/idcard/schemas';
import type { ReceiptModel } from '../../../drivers/printer/schemas';
import type {
  ApplicationDraft,
  ApplicationSummary,
  CapturedMaterial,
  CaptureProgress,
  LinkState,
  MaterialCaptureRequest,
  PrintOutcome,
  RatingDraft,
  SubmitResult,
} from '../journeyTypes';

export interface StoredImageInput {
  purpose: 'signature' | 'material';
  /** `data:image/png;base64,…` (or JPEG) as the canvas made it. */
  dataUrl: string;
  sha256: string;
}

/**
 * Everything the journey needs from devices, the queue and the county, as one small typed
 * interface. The screens only see this; `createContractPorts` maps it onto the KioskApi requests
 * and events that exist, and falls back to the demo backend where the host has none yet.
 */
export interface JourneyPorts {
  /** A card was read on the reader. Returns the unsubscribe function. */
  onCard(listener: (card: IdCard) => void): () => void;
  /** A placed card could not be read (plain message for the screen). */
  onCardError(listener: (messageZh: string) => void): () => void;
  /** Demo only: places the sample card (the lead's demo control replaces this). */
  simulateCard: ((card?: IdCard) => void) | null;
  /**
   * Stores an image made on screen (the signature; a drawn demo page) in the host's encrypted
   * outbox, so the file the application references can reach the county. Throws `SubmitRefused`
   * with words for the villager when the host refuses it.
   */
  storeImage(image: StoredImageInput): Promise<void>;
  submitApplication(draft: ApplicationDraft): Promise<SubmitResult>;
  printReceipt(receipt: ReceiptModel): Promise<PrintOutcome>;
  printResultNotice(application: ApplicationSummary): Promise<PrintOutcome>;
  submitRating(rating: RatingDraft): Promise<void>;
  lookupApplications(query: { idNumber: string } | { trackingNumber: string }): Promise<ApplicationSummary[]>;
  linkState(): LinkState;
  onLinkState(listener: (state: LinkState) => void): () => void;
  /** A session ended: a clerk who assisted is signed out with it. */
  endSession(): void;
  /**
   * Scans one material on the document scanner (stored encrypted by the host; the preview is its
   * thumbnail). Throws `CaptureRefused` with words for the villager when it cannot be done.
   */
  captureMaterial(
    request: MaterialCaptureRequest,
    onProgress?: (progress: CaptureProgress) => void,
  ): Promise<Omit<CapturedMaterial, 'materialId'>>;
  /** A document camera (高拍仪) is configured on this kiosk and the browser sees a camera. */
  cameraAvailable(): Promise<boolean>;
  /**
   * Stores a confirmed document-camera photo (already straightened in the renderer) in the host
   * outbox like a scanned page. Throws `CaptureRefused` with words for the villager.
   */
  storeCameraPhoto(
    request: MaterialCaptureRequest,
    jpeg: Blob,
  ): Promise<Omit<CapturedMaterial, 'materialId'>>;
}
