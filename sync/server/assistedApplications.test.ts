import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDocuments } from './documentStore';
import { DB_MODES, type Harness, type Kiosk, makeApplication, startHarness } from './testing/gatewayHarness';

/**
 * 代办 and 核验原件 at the county: an application a clerk filed carries who assisted and which
 * copies were checked against the original (B-level); inconsistent claims come back as data.
 */
describe.each(DB_MODES)('assisted applications on %s', (mode) => {
  let h: Harness;
  let kiosk: Kiosk;

  beforeAll(async () => {
    h = await startHarness(mode, { rateLimitPerMinute: 5000 });
    kiosk = await h.enroll('441625200001');
    const clerkDoc = (id: string, name: string, town: string) => ({
      id,
      scopes: [`town:${town}`],
      body: { id, name, town, role: 'townClerk', pinHash: 'x', active: true, _deleted: false },
    });
    await h.db.transaction((tx) =>
      writeDocuments(tx, h.db.changeChannel, 'clerks', [
        clerkDoc('clerk-li', '李秀华', '441625200'),
        clerkDoc('clerk-wu', '吴明', '441625200'),
        clerkDoc('clerk-far', '远方', '441625100'),
      ]),
    );
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  const clerk = { clerkId: 'clerk-li', name: '李秀华' };
  const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000).toISOString();
  const page = (materialId: string, sha: string, originalCheck: { clerkId: string; at: string } | null) => ({
    materialId,
    sha256: sha.repeat(64),
    size: 1024,
    contentType: 'image/jpeg' as const,
    credibility: 'scanned' as const,
    originalCheck,
  });

  async function pushOne(doc: Record<string, unknown>) {
    const conflicts = await kiosk.client.push<Record<string, unknown>>('applications', [
      { newDocumentState: doc },
    ]);
    if (conflicts.length > 0) return conflicts[0]!;
    const pulled = await kiosk.client.pull<Record<string, unknown>>('applications', undefined, 500);
    return pulled.documents.find((d) => d.id === doc.id)!;
  }

  it('keeps a clerk-filed application with its checked originals and the authorisation document', async () => {
    const doc = makeApplication(kiosk, {
      assistedBy: { ...clerk, identifiedBy: 'manual', relation: '子女' },
      materials: [
        page('authorisation', 'a', { clerkId: 'clerk-li', at: minutesAgo(3) }),
        page('hukou', 'b', { clerkId: 'clerk-li', at: minutesAgo(2) }),
        page('bankBook', 'c', null),
      ],
    });
    const stored = await pushOne(doc);
    expect(stored.status).toBe('received');
    expect(stored.assistedBy).toEqual({ ...clerk, identifiedBy: 'manual', relation: '子女' });
    const materials = stored.materials as Array<{ materialId: string; originalCheck: unknown }>;
    expect(materials.map((m) => [m.materialId, m.originalCheck !== null])).toEqual([
      ['authorisation', true],
      ['hukou', true],
      ['bankBook', false],
    ]);
  });

  it('fills originalCheck as null for kiosks that do not send it yet', async () => {
    const doc = makeApplication(kiosk, {
      materials: [
        {
          materialId: 'hukou',
          sha256: 'd'.repeat(64),
          size: 10,
          contentType: 'image/jpeg',
          credibility: 'scanned',
        },
      ] as never,
    });
    const stored = await pushOne(doc);
    expect(stored.status).toBe('received');
    expect((stored.materials as Array<{ originalCheck: unknown }>)[0]!.originalCheck).toBeNull();
  });

  it('refuses as data: a check without a clerk, by another clerk, on a non-copy, after submission, or garbage', async () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [
        makeApplication(kiosk, {
          materials: [page('hukou', 'e', { clerkId: 'clerk-li', at: minutesAgo(1) })],
        }),
        /^originalCheckWithoutClerk: hukou/,
      ],
      [
        makeApplication(kiosk, {
          assistedBy: clerk,
          materials: [page('hukou', 'f', { clerkId: 'clerk-wu', at: minutesAgo(1) })],
        }),
        /^originalCheckByOtherClerk/,
      ],
      [
        makeApplication(kiosk, {
          assistedBy: clerk,
          materials: [
            {
              ...page('signature', '1', { clerkId: 'clerk-li', at: minutesAgo(1) }),
              credibility: 'declared',
            },
          ],
        }),
        /^originalCheckNotACopy: signature \(declared\)/,
      ],
      [
        makeApplication(kiosk, {
          assistedBy: clerk,
          materials: [
            page('hukou', '2', { clerkId: 'clerk-li', at: new Date(Date.now() + 3_600_000).toISOString() }),
          ],
        }),
        /^originalCheckAfterSubmission/,
      ],
      [
        makeApplication(kiosk, {
          assistedBy: clerk,
          materials: [page('hukou', '3', { clerkId: 'clerk-li', at: 'yesterday' })],
        }),
        /^invalid: materials\.0\.originalCheck\.at/,
      ],
      [
        makeApplication(kiosk, {
          assistedBy: clerk,
          materials: [{ ...page('hukou', '4', null), originalCheck: true }] as never,
        }),
        /^invalid: materials\.0\.originalCheck/,
      ],
    ];
    for (const [doc, reason] of cases) {
      const answer = await pushOne(doc);
      expect(answer.status).toBe('rejected');
      expect(answer.rejectionReason).toMatch(reason);
    }
  });

  it('refuses a clerk the county does not know for this town', async () => {
    const invented = makeApplication(kiosk, { assistedBy: { clerkId: 'clerk-nobody', name: '某人' } });
    const otherTown = makeApplication(kiosk, { assistedBy: { clerkId: 'clerk-far', name: '远方' } });
    expect((await pushOne(invented)).rejectionReason).toMatch(/^unknownClerk: clerk-nobody/);
    expect((await pushOne(otherTown)).rejectionReason).toMatch(/^unknownClerk: clerk-far/);
  });

  it('refuses a hand-entered applicant without the authorisation document or without who asked', async () => {
    const noDocument = makeApplication(kiosk, {
      assistedBy: { ...clerk, identifiedBy: 'manual', relation: '配偶' },
      materials: [page('hukou', '5', null)],
    });
    const noRelation = makeApplication(kiosk, {
      assistedBy: { ...clerk, identifiedBy: 'manual' },
      materials: [page('authorisation', '6', null)],
    });
    expect((await pushOne(noDocument)).rejectionReason).toMatch(/^manualEntryWithoutAuthorisation/);
    expect((await pushOne(noRelation)).rejectionReason).toMatch(/^manualEntryWithoutRelation/);
    // A card read needs neither: the chip identified the applicant.
    const byCard = makeApplication(kiosk, { assistedBy: { ...clerk, identifiedBy: 'idcard' } });
    expect((await pushOne(byCard)).status).toBe('received');
  });
});
