import { useMemo, useState } from 'react';
import type { TownQueueItem } from '../../contract/clerkQueue';
import type { KioskApi } from '../../contract/kioskApi';
import type { MaterialRef } from '../../sync/protocol/documents';
import type { ServiceDocument } from '../../sync/protocol/forms';
import { contractErrorText } from '../admin/contractErrorText';
import { useKioskApi } from '../api/KioskApiContext';
import { CaptureRefused, createContractPorts } from '../journey/ports/contractPorts';
import type { JourneyPorts } from '../journey/ports/journeyPorts';
import { serviceNameOf } from './useCatalog';
import type { KioskFacts } from './useKioskFacts';

/** One set of journey ports per connection: the scanner path is the villager journey's own. */
const portsByApi = new WeakMap<KioskApi, JourneyPorts>();
function capturePorts(api: KioskApi, facts: KioskFacts): JourneyPorts {
  let ports = portsByApi.get(api);
  if (!ports) {
    ports = createContractPorts(api, { profile: facts.profile, siteCode: facts.kioskId });
    portsByApi.set(api, ports);
  }
  return ports;
}

type Material = { id: string; name: string };

/** The ID card is never scanned again here: its copy needs the villager's own consent screen. */
function scannableMaterials(service: ServiceDocument | undefined): Material[] {
  const list = service?.materials.filter((m) => !m.fromIdCard).map((m) => ({ id: m.id, name: m.name.zh }));
  return list?.length ? list : [{ id: 'supplement', name: '补正材料' }];
}

interface Captured {
  ref: MaterialRef;
  previewUrl: string;
}

/**
 * 补正: the county's note, the missing materials scanned on the document scanner (the journey's
 * capture path), and the supplement sent with the original's applicant, which the host takes
 * from its own record — nothing about the villager is typed again.
 */
export function SupplementPanel({
  item,
  facts,
  catalog,
  onSubmitted,
}: {
  item: TownQueueItem;
  facts: KioskFacts;
  catalog: ServiceDocument[] | null;
  onSubmitted(trackingNumber: string): void;
}) {
  const api = useKioskApi();
  const service = catalog?.find((s) => s.id === item.serviceId);
  const materials = useMemo(() => scannableMaterials(service), [service]);
  const [captured, setCaptured] = useState<Record<string, Captured>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const [progress, setProgress] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const scan = async (material: Material) => {
    setBusy(material.id);
    setProblem(null);
    try {
      const page = await capturePorts(api, facts).captureMaterial(
        { materialId: material.id, idCard: false, villagerConsented: false },
        (p) => setProgress(p.kind === 'page' ? `正在扫描第 ${p.pageNumber} 页…` : p.messageZh),
      );
      setCaptured((c) => ({
        ...c,
        [material.id]: {
          previewUrl: page.previewUrl,
          ref: {
            materialId: material.id,
            sha256: page.sha256,
            size: page.size,
            contentType: page.contentType,
            credibility: page.credibility,
          },
        },
      }));
    } catch (error) {
      setProblem(error instanceof CaptureRefused ? error.messageZh : '扫描没有成功，请把材料放好再试一次。');
    } finally {
      setBusy(null);
      setProgress(null);
    }
  };

  const submit = async () => {
    const chosen = materials.filter((m) => captured[m.id]);
    setBusy('submit');
    setProblem(null);
    try {
      const answer = await api.request('clerk.queue.submitSupplement', {
        originalId: item.applicationId,
        materials: chosen.map((m) => captured[m.id]!.ref),
        receipt: {
          siteName: facts.siteName,
          kioskId: facts.kioskId,
          statusUrl: facts.statusUrl,
          townOfficePhone: '0762-12345',
          serviceName: serviceNameOf(catalog, item.serviceId),
          // A supplement continues the original's clock and way of collecting the result.
          legalProcessingTime: '与原申请相同',
          resultCollection: '与原申请相同',
          materialNames: chosen.map((m) => m.name),
        },
      });
      if (!answer.ok) {
        setProblem(answer.messageZh);
        return;
      }
      const printed = answer.receipt?.status === 'printed';
      setDone(
        `补正已提交，受理号 ${answer.trackingNumber}。${printed ? '回执已打印。' : '回执没有打印出来，请在补打回执里再打一次。'}`,
      );
      onSubmitted(answer.trackingNumber);
    } catch (error) {
      setProblem(contractErrorText(error, '补正没有提交成功，请稍后再试。'));
    } finally {
      setBusy(null);
    }
  };

  if (done)
    return (
      <p className="it-hint" role="status" data-testid="supplement-done">
        {done}
      </p>
    );
  return (
    <section data-testid="supplement-panel" aria-labelledby="supplement-title">
      <h3 id="supplement-title">补正：补交材料</h3>
      <p data-testid="staff-note">县里的要求：{item.staffNote ?? '（没有写明，请联系县里工作人员）'}</p>
      <ul className="it-list">
        {materials.map((m) => (
          <li key={m.id}>
            {m.name}
            {captured[m.id] && (
              <img src={captured[m.id]!.previewUrl} alt={`${m.name}（已扫描）`} height={80} />
            )}{' '}
            <button
              type="button"
              onClick={() => void scan(m)}
              disabled={busy !== null}
              data-testid={`supplement-scan-${m.id}`}
            >
              {busy === m.id ? '正在扫描…' : captured[m.id] ? '重新扫描' : '扫描'}
            </button>
          </li>
        ))}
      </ul>
      {progress && <p role="status">{progress}</p>}
      {problem && (
        <p className="it-error" role="alert">
          {problem}
        </p>
      )}
      <button
        type="button"
        className="primary"
        onClick={() => void submit()}
        disabled={busy !== null || Object.keys(captured).length === 0}
        data-testid="supplement-submit"
      >
        {busy === 'submit' ? '正在提交…' : '提交补正'}
      </button>
    </section>
  );
}
