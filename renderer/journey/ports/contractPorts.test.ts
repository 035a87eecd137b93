import { describe, expect, it, vi } from 'vitest';
import { ContractError } from '../../../contract/define';
import type { KioskApi } from '../../../contract/kioskApi';
import type { CaptureProgress } from '../journeyTypes';
import { CaptureRefused, captureKind, createContractPorts, SubmitRefused } from './contractPorts';

const SHA = 'a'.repeat(64);
const page = { pageNumber: 1, sha256: SHA, size: 1234, width: 100, height: 140, colour: 'grey' as const };

/** A host that answers the capture requests with `answer` and records what it was asked. */
function fakeHost(
  answer: (name: string, input: unknown) => unknown,
  profile: 'demo' | 'production' = 'demo',
) {
  const asked: Array<{ name: string; input: unknown }> = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const api = {
    async request(name: string, input: unknown) {
      asked.push({ name, input });
      if (name === 'queue.status') throw new ContractError('unavailable', 'no queue');
      const out = answer(name, input);
      if (out instanceof Error) throw out;
      return out;
    },
    subscribe(name: string, listener: (payload: unknown) => void) {
      const set = listeners.get(name) ?? new Set();
      set.add(listener);
      listeners.set(name, set);
      return () => set.delete(listener);
    },
  };
  const emit = (name: string, payload: unknown) => {
    for (const l of listeners.get(name) ?? []) l(payload);
  };
  const ports = createContractPorts(api as unknown as KioskApi, { profile, siteCode: 'DEMO01' });
  return { ports, asked, emit, listeners };
}

describe('materials through the host capture contract', () => {
  it('scans a page, previews its thumbnail and keeps the stored sha256 (copy not verified)', async () => {
    let host: ReturnType<typeof fakeHost> | undefined;
    host = fakeHost((name) => {
      if (name === 'capture.scan') {
        host?.emit('scanner.progress', { pageNumber: 1, percent: 50 });
        return { outcome: { status: 'completed', pages: 1 }, pages: [page] };
      }
      if (name === 'capture.thumbnail') return { dataUrl: 'data:image/jpeg;base64,AAAA' };
      throw new Error(`unexpected ${name}`);
    });
    const progress: CaptureProgress[] = [];
    const captured = await host.ports.captureMaterial(
      { materialId: 'hukou', idCard: false, villagerConsented: false },
      (p) => progress.push(p),
    );
    expect(captured).toEqual({
      previewUrl: 'data:image/jpeg;base64,AAAA',
      sha256: SHA,
      size: 1234,
      contentType: 'image/jpeg',
      credibility: 'scanned',
      verified: false,
    });
    expect(progress).toEqual([{ kind: 'page', pageNumber: 1, percent: 50 }]);
    expect(host.asked.find((a) => a.name === 'capture.scan')?.input).toMatchObject({
      capture: { material: 'household-register', serviceRequiresIdCopy: false, villagerConsented: false },
    });
    expect(host.asked.find((a) => a.name === 'capture.thumbnail')?.input).toEqual({ sha256: SHA });
    // The listeners are gone once the scan is over.
    expect(host.listeners.get('scanner.progress')?.size).toBe(0);
  });

  it('shows the host’s Chinese words when it refuses to copy an ID card', async () => {
    const host = fakeHost(
      () =>
        new ContractError(
          'forbidden',
          '没有业务要求或本人同意，不能拍摄或扫描身份证 (ID card copy needs a service that requires it)',
        ),
    );
    const refused = await host.ports
      .captureMaterial({ materialId: 'idCard', idCard: true, villagerConsented: false })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CaptureRefused);
    expect((refused as CaptureRefused).messageZh).toBe('没有业务要求或本人同意，不能拍摄或扫描身份证');
    expect(host.asked[1]?.input).toMatchObject({
      capture: { material: 'id-card', serviceRequiresIdCopy: true, villagerConsented: false },
    });
  });

  it('a failed scan says so plainly instead of pretending', async () => {
    const host = fakeHost((name) => {
      if (name === 'capture.scan') {
        return { outcome: { status: 'failed', pages: 0, error: 'jammed' }, pages: [] };
      }
      throw new Error(`unexpected ${name}`);
    });
    const failed = await host.ports
      .captureMaterial({ materialId: 'bankBook', idCard: false, villagerConsented: false })
      .catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(CaptureRefused);
    expect((failed as CaptureRefused).messageZh).toMatch(/[\u4e00-\u9fff]/);
  });

  it('maps catalogue materials onto the capture kinds', () => {
    expect(captureKind({ materialId: 'bankBook', idCard: false })).toBe('bank-book');
    expect(captureKind({ materialId: 'disabilityCard', idCard: false })).toBe('disability-certificate');
    expect(captureKind({ materialId: 'idCard', idCard: true })).toBe('id-card');
    expect(captureKind({ materialId: 'photo', idCard: false })).toBe('other');
  });
});

describe('images made on screen go to the host outbox', () => {
  const png = 'iVBORw0KGgo=';
  const image = { purpose: 'signature' as const, dataUrl: `data:image/png;base64,${png}`, sha256: SHA };

  it('sends the bytes, type and hash the host checks', async () => {
    const host = fakeHost(() => ({ sha256: SHA, size: 8 }), 'production');
    await host.ports.storeImage(image);
    expect(host.asked.find((a) => a.name === 'capture.storeImage')?.input).toEqual({
      purpose: 'signature',
      contentType: 'image/png',
      sha256: SHA,
      bytesBase64: png,
    });
  });

  it('a refusal or a different stored hash stops the submission with plain words', async () => {
    const refused = fakeHost(() => new ContractError('invalid-input', 'hash-mismatch'), 'production');
    const error = await refused.ports.storeImage(image).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SubmitRefused);
    expect((error as SubmitRefused).messageZh).toMatch(/签名/);
    const other = fakeHost(() => ({ sha256: 'b'.repeat(64), size: 8 }), 'production');
    expect(await other.ports.storeImage(image).catch((e: unknown) => e)).toBeInstanceOf(SubmitRefused);
    const notImage = fakeHost(() => ({ sha256: SHA, size: 8 }), 'production');
    const svg = { ...image, dataUrl: 'data:image/svg+xml;base64,PHN2Zy8+' };
    expect(await notImage.ports.storeImage(svg).catch((e: unknown) => e)).toBeInstanceOf(SubmitRefused);
    expect(notImage.asked.some((a) => a.name === 'capture.storeImage')).toBe(false);
  });

  it('only the demo profile goes on without a capture service', async () => {
    const demo = fakeHost(() => new ContractError('unavailable', 'no capture'));
    await expect(demo.ports.storeImage(image)).resolves.toBeUndefined();
    const production = fakeHost(() => new ContractError('unavailable', 'no capture'), 'production');
    await expect(production.ports.storeImage(image)).rejects.toBeInstanceOf(SubmitRefused);
  });
});

describe('result notice through the host', () => {
  const application = {
    applicationId: '0190a0b0-0000-7000-8000-000000000001',
    trackingNumber: '44162520000101-20261201-0007',
    serviceId: 'S06-gaoling-jintie',
    submittedAt: '2026-12-01T02:15:00.000Z',
    status: 'completed' as const,
    history: [],
    staffNote: null,
  };
  const job = (status: string) => ({ printer: 'receipt', a4JobRef: null, job: { status } });

  it('sends only the tracking number and reads the job’s outcome', async () => {
    const host = fakeHost(() => job('printed'), 'production');
    expect(await host.ports.printResultNotice(application)).toBe('printed');
    expect(host.asked.find((a) => a.name === 'printer.printResultNotice')?.input).toEqual({
      trackingNumber: application.trackingNumber,
    });
    expect(await fakeHost(() => job('failed'), 'production').ports.printResultNotice(application)).toBe(
      'failed',
    );
    const a4 = fakeHost(() => ({ printer: 'a4', a4JobRef: 'CunbanPDF-3', job: null }), 'production');
    expect(await a4.ports.printResultNotice(application)).toBe('printed');
  });

  it('no printer is "unavailable"; a refusal is "failed"', async () => {
    const none = fakeHost(() => new ContractError('unavailable', 'no printer'), 'production');
    expect(await none.ports.printResultNotice(application)).toBe('unavailable');
    const refused = fakeHost(() => new ContractError('failed', 'not-decided: …'), 'production');
    expect(await refused.ports.printResultNotice(application)).toBe('failed');
  });
});

describe('the document camera through the host', () => {
  const request = { materialId: 'hukou', idCard: false, villagerConsented: false };

  it('is offered only when the host has one configured and the browser sees a camera', async () => {
    const cameras = (kinds: string[]) =>
      vi.stubGlobal('navigator', {
        mediaDevices: { enumerateDevices: async () => kinds.map((kind) => ({ kind })) },
      });
    const configured = (on: boolean) =>
      fakeHost(() => ({ documentScanner: true, documentCamera: on }), 'production').ports;
    cameras(['videoinput']);
    expect(await configured(true).cameraAvailable()).toBe(true);
    expect(await configured(false).cameraAvailable()).toBe(false);
    cameras(['audioinput']);
    expect(await configured(true).cameraAvailable()).toBe(false);
    vi.unstubAllGlobals();
    const old = fakeHost(() => new ContractError('unknown-request', 'capture.devices'), 'production');
    expect(await old.ports.cameraAvailable()).toBe(false);
  });

  it('stores the confirmed photo in the outbox and previews its thumbnail', async () => {
    const host = fakeHost((name) => {
      if (name === 'capture.storePhoto') return page;
      if (name === 'capture.thumbnail') return { dataUrl: 'data:image/jpeg;base64,BBBB' };
      throw new Error(name);
    }, 'production');
    const jpeg = new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3])], { type: 'image/jpeg' });
    expect(await host.ports.storeCameraPhoto(request, jpeg)).toMatchObject({
      sha256: SHA,
      credibility: 'photo',
      contentType: 'image/jpeg',
      verified: false,
    });
    expect(host.asked.find((a) => a.name === 'capture.storePhoto')?.input).toEqual({
      capture: { material: 'household-register', serviceRequiresIdCopy: false, villagerConsented: false },
      jpegBase64: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]).toString('base64'),
    });
  });

  it('a refused or failed photo says so in Chinese', async () => {
    const jpeg = new Blob([new Uint8Array([0xff, 0xd8])]);
    const refused = fakeHost(
      () => new ContractError('forbidden', '没有业务要求或本人同意，不能拍摄或扫描身份证 (policy)'),
      'production',
    );
    const error = await refused.ports
      .storeCameraPhoto({ materialId: 'idCard', idCard: true, villagerConsented: false }, jpeg)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      reason: 'forbidden',
      messageZh: '没有业务要求或本人同意，不能拍摄或扫描身份证',
    });
    const broken = fakeHost(() => new ContractError('failed', 'unreadable-image'), 'production');
    expect(await broken.ports.storeCameraPhoto(request, jpeg).catch((e: unknown) => e)).toBeInstanceOf(
      CaptureRefused,
    );
  });
});
