import { ContractError } from '../../../contract/define';
import type { KioskApi } from '../../../contract/kioskApi';
import type { SyncStatus } from '../../../contract/queue';
import type { IdCard } from '../../../drivers/idcard/schemas';
import type { CaptureMaterial } from '../../../drivers/scanner/schemas';
import type { LinkState, MaterialCaptureRequest } from '../journeyTypes';
import { createDemoBackend } from './demoBackend';
import { demoCard } from './demoCard';
import type { JourneyPorts } from './journeyPorts';

/** What the ports need to know about this kiosk (from system.info). */
export interface KioskFacts {
  profile: 'demo' | 'production';
  siteCode: string;
}

/** Answers meaning "this host has no such service yet", as opposed to a real failure. */
const fallbackCodes = new Set(['unavailable', 'unknown-request']);

const isMissingService = (error: unknown) => error instanceof ContractError && fallbackCodes.has(error.code);

/** The queue refused to take the application (disk full…): words for the villager inside. */
export class SubmitRefused extends Error {
  constructor(readonly messageZh: string) {
    super(messageZh);
    this.name = 'SubmitRefused';
  }
}

/** A material could not be captured: plain words for the villager (the host's own when it gave some). */
export class CaptureRefused extends Error {
  constructor(
    readonly messageZh: string,
    readonly reason: 'forbidden' | 'scanner' = 'scanner',
  ) {
    super(messageZh);
    this.name = 'CaptureRefused';
  }
}

/** Catalogue material ids → the capture area's kinds (anything else is stored as "other"). */
const CAPTURE_KINDS: Record<string, CaptureMaterial> = {
  hukou: 'household-register',
  bankBook: 'bank-book',
  disabilityCard: 'disability-certificate',
  marriageCertificate: 'marriage-certificate',
  landContract: 'land-contract',
};

export function captureKind(request: Pick<MaterialCaptureRequest, 'materialId' | 'idCard'>): CaptureMaterial {
  return request.idCard ? 'id-card' : (CAPTURE_KINDS[request.materialId] ?? 'other');
}

const IMAGE_NOT_STORED_ZH = '签名没有保存成功，请重新签名，或请工作人员协助';

/** `data:<type>;base64,<bytes>` → its parts; anything else is not an image the host takes. */
function splitDataUrl(dataUrl: string): { contentType: 'image/png' | 'image/jpeg'; base64: string } | null {
  const match = /^data:(image\/png|image\/jpeg);base64,([A-Za-z0-9+/]+=*)$/.exec(dataUrl);
  return match ? { contentType: match[1] as 'image/png' | 'image/jpeg', base64: match[2]! } : null;
}

const PHOTO_FAILED_ZH = '照片没有保存成功，请重拍一次，或请工作人员协助';

/** Bytes of a Blob as base64, in chunks (a 3 MB photo would overflow one fromCharCode call). */
async function blobBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

const ID_COPY_REFUSED_ZH = '没有业务要求或本人同意，不能扫描身份证';
const SCAN_FAILED_ZH = '扫描没有成功，请把材料放好再试一次，或请工作人员协助';

/** The Chinese part of a host policy refusal ("<中文> (<English detail>)"). */
function refusalWords(message: string): string {
  const zh = message.split(' (')[0]?.trim() ?? '';
  return /[\u4e00-\u9fff]/.test(zh) ? zh : ID_COPY_REFUSED_ZH;
}

export function createContractPorts(api: KioskApi, facts: KioskFacts): JourneyPorts {
  const demo = createDemoBackend();
  const cardListeners = new Set<(card: IdCard) => void>();
  const errorListeners = new Set<(message: string) => void>();
  const linkListeners = new Set<(state: LinkState) => void>();
  let link: LinkState = 'unknown';
  const demoMode = facts.profile === 'demo';

  api.subscribe('idcard.card', (event) => {
    // Marks the arrival so the card → form time can be measured without the reader's own time.
    performance.mark('cunban:idcard.card');
    for (const l of cardListeners) l(event.card);
  });
  api.subscribe('idcard.readError', (error) => {
    for (const l of errorListeners) l(error.messageZh);
  });
  const emitLocally = (card: IdCard) => {
    for (const l of cardListeners) l(card);
  };
  /** Demo: the simulated reader presents its first fake person over the real driver path. */
  const placeDemoCard = async (card: IdCard) => {
    try {
      const { fixtures } = await api.request('demo.idcard.fixtures', {});
      const first = fixtures[0];
      if (!first) return emitLocally(card);
      await api.request('demo.idcard.place', { fixtureId: first.id });
    } catch {
      emitLocally(card); // no simulator in this host: hand the sample card over directly
    }
  };

  const setLink = (status: SyncStatus) => {
    link = status.online ? 'online' : 'offline';
    for (const l of linkListeners) l(link);
  };
  api.subscribe('queue.statusChanged', setLink);
  api.request('queue.status', {}).then(setLink, () => {
    // No queue service (yet): the application can only wait on this machine, so say offline.
    link = 'offline';
    for (const l of linkListeners) l(link);
  });

  return {
    onCard(listener) {
      cardListeners.add(listener);
      return () => cardListeners.delete(listener);
    },
    onCardError(listener) {
      errorListeners.add(listener);
      return () => errorListeners.delete(listener);
    },
    simulateCard: demoMode
      ? (card = demoCard()) => {
          void placeDemoCard(card);
        }
      : null,
    async storeImage(image) {
      const parts = splitDataUrl(image.dataUrl);
      if (!parts) throw new SubmitRefused(IMAGE_NOT_STORED_ZH);
      try {
        const stored = await api.request('capture.storeImage', {
          purpose: image.purpose,
          contentType: parts.contentType,
          sha256: image.sha256,
          bytesBase64: parts.base64,
        });
        if (stored.sha256 !== image.sha256) throw new SubmitRefused(IMAGE_NOT_STORED_ZH);
      } catch (error) {
        // A demo host without a capture service keeps the picture in the session only.
        if (demoMode && isMissingService(error)) return;
        throw error instanceof SubmitRefused ? error : new SubmitRefused(IMAGE_NOT_STORED_ZH);
      }
    },
    async submitApplication(draft) {
      try {
        const answer = await api.request('queue.submit', draft);
        if (!answer.ok) throw new SubmitRefused(answer.messageZh);
        const doc = answer.document;
        return {
          applicationId: doc.id,
          trackingNumber: doc.trackingNumber,
          submittedAt: doc.submittedAt,
          queued: doc.status === 'submitted' && link !== 'online',
        };
      } catch (error) {
        // The demo runs before the host has a queue service; production never pretends.
        if (demoMode && isMissingService(error)) {
          return demo.submit(draft, facts.siteCode);
        }
        throw error;
      }
    },
    async printReceipt(receipt) {
      try {
        const job = await api.request('printer.printReceipt', receipt);
        return job.status === 'failed' ? 'failed' : 'printed';
      } catch (error) {
        return isMissingService(error) ? 'unavailable' : 'failed';
      }
    },
    async printResultNotice(application) {
      try {
        // Only the number crosses: the host prints what it knows of the application itself.
        const printed = await api.request('printer.printResultNotice', {
          trackingNumber: application.trackingNumber,
        });
        return printed.job?.status === 'failed' ? 'failed' : 'printed';
      } catch (error) {
        return isMissingService(error) ? 'unavailable' : 'failed';
      }
    },
    async submitRating(rating) {
      try {
        await api.request('queue.submitRating', rating);
      } catch (error) {
        if (demoMode && isMissingService(error)) demo.rate(rating);
        else throw error;
      }
    },
    async lookupApplications(query) {
      try {
        return (await api.request('queue.lookupApplications', query)).applications;
      } catch (error) {
        if (demoMode && isMissingService(error)) return demo.lookup(query);
        throw error;
      }
    },
    linkState: () => link,
    onLinkState(listener) {
      linkListeners.add(listener);
      return () => linkListeners.delete(listener);
    },
    endSession() {
      void api.request('clerk.signOut', {}).catch(() => undefined);
    },
    async cameraAvailable() {
      try {
        const { documentCamera } = await api.request('capture.devices', {});
        if (!documentCamera) return false;
        const devices = (await globalThis.navigator?.mediaDevices?.enumerateDevices?.()) ?? [];
        return devices.some((d) => d.kind === 'videoinput');
      } catch {
        return false;
      }
    },
    async storeCameraPhoto(request, jpeg) {
      try {
        const page = await api.request('capture.storePhoto', {
          capture: {
            material: captureKind(request),
            serviceRequiresIdCopy: request.idCard,
            villagerConsented: request.villagerConsented,
          },
          jpegBase64: await blobBase64(jpeg),
        });
        const { dataUrl } = await api.request('capture.thumbnail', { sha256: page.sha256 });
        return {
          previewUrl: dataUrl,
          sha256: page.sha256,
          size: page.size,
          contentType: 'image/jpeg' as const,
          credibility: 'photo' as const,
          verified: false as const,
        };
      } catch (error) {
        if (error instanceof ContractError && error.code === 'forbidden')
          throw new CaptureRefused(refusalWords(error.message), 'forbidden');
        throw new CaptureRefused(PHOTO_FAILED_ZH);
      }
    },
    async captureMaterial(request, onProgress) {
      const kind = captureKind(request);
      let lastWords: string | null = null;
      const offState = api.subscribe('scanner.state', (state) => {
        lastWords = state.status === 'idle' || state.status === 'scanning' ? null : state.messageZh;
        onProgress?.({ kind: 'state', messageZh: state.messageZh, messageEn: state.messageEn });
      });
      const offProgress = api.subscribe('scanner.progress', (p) =>
        onProgress?.({ kind: 'page', pageNumber: p.pageNumber, percent: p.percent }),
      );
      try {
        const answer = await api.request('capture.scan', {
          capture: {
            material: kind,
            // The catalogue lists the ID card only for services that require its copy.
            serviceRequiresIdCopy: request.idCard,
            villagerConsented: request.villagerConsented,
          },
          scan: { source: 'flatbed' },
        });
        const page = answer.pages[0];
        if (answer.outcome.status !== 'completed' || !page) {
          throw new CaptureRefused(lastWords ?? SCAN_FAILED_ZH);
        }
        const { dataUrl } = await api.request('capture.thumbnail', { sha256: page.sha256 });
        return {
          previewUrl: dataUrl,
          sha256: page.sha256,
          size: page.size,
          contentType: 'image/jpeg' as const,
          credibility: 'scanned' as const,
          verified: false as const,
        };
      } catch (error) {
        if (error instanceof ContractError && error.code === 'forbidden') {
          throw new CaptureRefused(refusalWords(error.message), 'forbidden');
        }
        // No scanner configured in this host: the demo still shows the flow with a drawn page.
        if (demoMode && error instanceof ContractError && error.code === 'unavailable') {
          const drawn = await demoCapture(request.materialId);
          // Into the outbox like a scanned page when the host can take it, so the demo's
          // applications complete at the county too.
          await api
            .request('capture.storeImage', {
              purpose: 'material',
              contentType: 'image/png',
              sha256: drawn.sha256,
              bytesBase64: drawn.previewUrl.split(',')[1] ?? '',
            })
            .catch(() => undefined);
          return drawn;
        }
        if (error instanceof CaptureRefused) throw error;
        throw new CaptureRefused(lastWords ?? SCAN_FAILED_ZH);
      } finally {
        offState();
        offProgress();
      }
    },
  };
}

/**
 * Demo only, when the host has no capture service: "photographs" a drawn page so the flow
 * (preview, retake, copy-not-verified) can still be walked. Never used when a scanner answers.
 */
async function demoCapture(materialId: string) {
  const canvas = document.createElement('canvas');
  canvas.width = 240;
  canvas.height = 160;
  const g = canvas.getContext('2d');
  if (g) {
    g.fillStyle = '#f4f1ea';
    g.fillRect(0, 0, 240, 160);
    g.strokeStyle = '#555';
    g.lineWidth = 3;
    g.strokeRect(8, 8, 224, 144);
    g.fillStyle = '#1a1a1a';
    g.font = '20px sans-serif';
    g.fillText(`演示材料 ${materialId}`.slice(0, 14), 20, 50);
    g.fillText(new Date().toLocaleTimeString('zh-CN'), 20, 90);
  }
  const previewUrl = canvas.toDataURL('image/png');
  const bytes = Uint8Array.from(atob(previewUrl.split(',')[1] ?? ''), (ch) => ch.charCodeAt(0));
  const digest = await crypto.subtle.digest('SHA-256', bytes as BufferSource);
  const sha256 = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
  return {
    previewUrl,
    sha256,
    size: bytes.length,
    contentType: 'image/png' as const,
    credibility: 'photo' as const,
    verified: false as const,
  };
}
