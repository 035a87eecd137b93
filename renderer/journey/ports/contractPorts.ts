import { type IdCard, IdCardEventSchema, IdCardReadErrorSchema, IdCardSchema } from '../../../drivers/idcard/schemas';
import type { KioskApi } from '../../../contract/kioskApi';
import { kioskEvents, kioskRequests } from '../../../contract/kioskApi';
import { ContractError } from '../../../contract/define';
import type { SyncStatus } from '../../../contract/queue';
import type { ApplicationSummary, LinkState } from '../journeyTypes';
import { demoCard } from './demoCard';
import { createDemoBackend } from './demoBackend';
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
  card: 'idcard.card',
  cardState: 'idcard.state',
  lookup: 'queue.lookupApplications',
  rating: 'queue.submitRating',
  printReceipt: 'printer.printReceipt',
  printNotice: 'printer.printResultNotice',
  verifyClerk: 'clerk.verify',
} as const;

type LooseApi = {
  request(name: string, input: unknown): Promise<unknown>;
  subscribe(name: string, listener: (payload: unknown) => void): () => void;
};

/** Answers meaning "this host has no such service yet", as opposed to a real failure. */
const fallbackCodes = new Set(['unavailable', 'unknown-request']);

/** The queue refused to take the application (disk full…): words for the villager inside. */
export class SubmitRefused extends Error {
  constructor(readonly messageZh: string) {
    super(messageZh);
    this.name = 'SubmitRefused';
  }
}

const hasRequest = (name: string) => Object.hasOwn(kioskRequests, name);
const hasEvent = (name: string) => Object.hasOwn(kioskEvents, name);

/** Accepts the reader's event (`{ type: 'card', card }`) or a bare card. */
export function cardFromPayload(payload: unknown): IdCard | null {
  const event = IdCardEventSchema.safeParse(payload);
  if (event.success) return event.data.card;
  const card = IdCardSchema.safeParse(payload);
  return card.success ? card.data : null;
}

export function createContractPorts(api: KioskApi, facts: KioskFacts): JourneyPorts {
  const loose = api as unknown as LooseApi;
  const demo = createDemoBackend();
  const cardListeners = new Set<(card: IdCard) => void>();
  const errorListeners = new Set<(message: string) => void>();
  const linkListeners = new Set<(state: LinkState) => void>();
  let link: LinkState = 'unknown';
  const demoMode = facts.profile === 'demo';

  const onReaderPayload = (payload: unknown) => {
    const card = cardFromPayload(payload);
    if (card) for (const l of cardListeners) l(card);
    const readError = IdCardReadErrorSchema.safeParse(payload);
    if (readError.success) for (const l of errorListeners) l(readError.data.messageZh);
  };
  // Whichever of the two events carries cards and read errors, both are listened to.
  if (hasEvent(expected.card)) loose.subscribe(expected.card, onReaderPayload);
  if (hasEvent(expected.cardState)) loose.subscribe(expected.cardState, onReaderPayload);
  const demoPlaceCard = Object.keys(kioskRequests).find((n) => /^(idcard|demo)\..*(place|present)/i.test(n));

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
          // The lead's demo request makes the simulated reader present its card, so the real
          // event path is used; before it exists the sample card is handed over directly.
          if (demoPlaceCard) void loose.request(demoPlaceCard, {}).catch(() => undefined);
          else for (const l of cardListeners) l(card);
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
        if (demoMode && error instanceof ContractError && fallbackCodes.has(error.code)) {
          return demo.submit(draft, facts.siteCode);
        }
        throw error;
      }
    },
    async printReceipt(receipt) {
      if (!hasRequest(expected.printReceipt)) return 'unavailable';
      try {
        await loose.request(expected.printReceipt, receipt);
        return 'printed';
      } catch {
        return 'failed';
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
      if (hasRequest(expected.rating)) {
        await loose.request(expected.rating, rating);
        return;
      }
      demo.rate(rating);
    },
    async lookupApplications(query) {
      if (hasRequest(expected.lookup)) {
        const answer = (await loose.request(expected.lookup, query)) as { applications: ApplicationSummary[] };
        return answer.applications;
      }
      return demo.lookup(query);
    },
    linkState: () => link,
    onLinkState(listener) {
      linkListeners.add(listener);
      return () => linkListeners.delete(listener);
    },
    async verifyClerk(clerkId, pin) {
      if (hasRequest(expected.verifyClerk)) {
        return (await loose.request(expected.verifyClerk, { clerkId, pin })) as {
          clerkId: string;
          name: string;
        } | null;
      }
      // Demo only: a made-up clerk so the assisted path can be shown. Production has no fallback.
      return demoMode && clerkId === '9001' && pin === '2468' ? { clerkId, name: '演示协办员' } : null;
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
