import { ContractError } from '../../../contract/define';
import type { KioskApi } from '../../../contract/kioskApi';
import { kioskRequests } from '../../../contract/kioskApi';
import type { SyncStatus } from '../../../contract/queue';
import type { IdCard } from '../../../drivers/idcard/schemas';
import type { LinkState } from '../journeyTypes';
import { createDemoBackend } from './demoBackend';
import { demoCard } from './demoCard';
import type { JourneyPorts } from './journeyPorts';

/** What the ports need to know about this kiosk (from system.info). */
export interface KioskFacts {
  profile: 'demo' | 'production';
  siteCode: string;
}

/**
 * Requests and events the journey expects from other areas. They are looked up by name so that
 * the journey works before they land (demo backend) and switches to them the moment the lead
 * spreads them into contract/kioskApi.ts — no change here needed. Shapes: docs/villager-journey.md.
 */
const expected = {
  printNotice: 'printer.printResultNotice',
} as const;

type LooseApi = {
  request(name: string, input: unknown): Promise<unknown>;
  subscribe(name: string, listener: (payload: unknown) => void): () => void;
};

const DEMO_CLERK = { clerkId: '9001', pin: '2468', name: '演示协办员' };

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

const hasRequest = (name: string) => Object.hasOwn(kioskRequests, name);

export function createContractPorts(api: KioskApi, facts: KioskFacts): JourneyPorts {
  const loose = api as unknown as LooseApi;
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
      if (!hasRequest(expected.printNotice)) return 'unavailable';
      try {
        await loose.request(expected.printNotice, { trackingNumber: application.trackingNumber });
        return 'printed';
      } catch {
        return 'failed';
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
    async verifyClerk(clerkId, pin) {
      const demoClerk = demoMode && clerkId === DEMO_CLERK.clerkId && pin === DEMO_CLERK.pin;
      try {
        // The clerk's QR badge carries `cunban-clerk:<id>`; typing the number is the same sign-in.
        const session = await api.request('clerk.signIn', {
          method: 'badge',
          badge: `cunban-clerk:${clerkId}`,
          pin,
        });
        return { clerkId: session.clerkId, name: session.displayName };
      } catch {
        // Demo only: a made-up clerk so the assisted path can be shown. Production has no fallback.
        return demoClerk ? { clerkId, name: DEMO_CLERK.name } : null;
      }
    },
    endSession() {
      void api.request('clerk.signOut', {}).catch(() => undefined);
    },
    async captureMaterial(materialId) {
      return demoCapture(materialId);
    },
  };
}

/**
 * The capture area's camera component replaces this; until then the demo "photographs" a drawn
 * page so the flow (preview, retake, copy-not-verified) can be walked.
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
  const bytes = new TextEncoder().encode(previewUrl);
  const digest = await crypto.subtle.digest('SHA-256', bytes);
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
