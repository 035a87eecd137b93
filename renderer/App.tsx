import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HealthReport } from '../contract/health';
import type { RequestOutput } from '../contract/kioskApi';
import { preservedSessionKeys } from './api/connectKioskApi';
import { useKioskApi } from './api/KioskApiContext';
import { useClerkModes } from './clerk/assistContext';
import { DemoBanner } from './components/DemoBanner';
import { SessionBar } from './components/SessionBar';
import { StatusCorner } from './components/StatusCorner';
import { type EndReason, identityFromCard, Journey, type KioskContext } from './journey/Journey';
import type { Identity, LinkState } from './journey/journeyTypes';
import { createContractPorts } from './journey/ports/contractPorts';
import type { Step } from './journey/session/journeyState';
import { wipeSessionTraces } from './journey/session/sessionWipe';
import { AttractScreen } from './screens/AttractScreen';

type SystemInfo = RequestOutput<'system.info'>;

interface Session {
  key: number;
  startStep: Step;
  startIdentity: Identity | null;
}

export function App() {
  const api = useKioskApi();
  const { t, i18n } = useTranslation();
  const [info, setInfo] = useState<SystemInfo | null>(null);
  const [health, setHealth] = useState<HealthReport | null>(null);
  const [elderMode, setElderMode] = useState(true);
  const [session, setSession] = useState<Session | null>(null);
  const [link, setLink] = useState<LinkState>('unknown');
  const [queued, setQueued] = useState(0);
  const sessions = useRef(0);
  // 代办: the clerk workspace mounted this App for one assisted application on the clerk's session.
  const { assist } = useClerkModes();

  useEffect(() => {
    let cancelled = false;
    const unsubscribe = api.subscribe('health.changed', setHealth);
    const load = async () => {
      // The host may still be starting (or restarting after a crash): keep asking, quietly.
      for (let attempt = 0; !cancelled; attempt++) {
        try {
          const [i, h] = await Promise.all([api.request('system.info', {}), api.request('health.get', {})]);
          if (cancelled) return;
          setInfo(i);
          setHealth(h);
          return;
        } catch {
          await new Promise((r) => setTimeout(r, Math.min(2000, 200 * 2 ** attempt)));
        }
      }
    };
    void load();
    return () => {
      cancelled = true;
      unsubscribe();
    };
  }, [api]);

  const siteCode = info?.site ? `${info.site.divisionCode}01` : '44162212400101';
  const ports = useMemo(
    () => (info ? createContractPorts(api, { profile: info.profile, siteCode }) : null),
    [api, info, siteCode],
  );
  const kiosk: KioskContext = {
    siteName: info?.site?.name ?? t('app.subtitle'),
    kioskId: siteCode,
    statusUrl: `${info?.countyUrl ?? 'http://county.invalid'}/status`.replace(/^(?!https?:)/, 'http://'),
    townOfficePhone: '0762-12345',
    idleTimeoutSeconds: info?.idleTimeoutSeconds ?? 90,
  };

  const start = useCallback(
    (startStep: Step, startIdentity: Identity | null = null) => {
      sessions.current += 1;
      // Nothing disruptive (an update install) may happen while a villager is at the screen.
      api.request('session.activity', { active: true }).catch(() => undefined);
      setSession({ key: sessions.current, startStep, startIdentity });
    },
    [api],
  );

  // Applications waiting on this machine, for the attract screen's corner.
  useEffect(() => {
    const apply = (s: { queuedDocuments: number }) => setQueued(s.queuedDocuments);
    api.request('queue.status', {}).then(apply, () => undefined);
    return api.subscribe('queue.statusChanged', apply);
  }, [api]);
  useEffect(() => {
    if (!ports) return;
    setLink(ports.linkState());
    return ports.onLinkState(setLink);
  }, [ports]);
  // On the attract screen a placed card starts a session straight away.
  useEffect(() => {
    if (!ports || session || assist) return;
    return ports.onCard((card) => {
      if (!card.expired) start('home', identityFromCard(card));
      else start('identify');
    });
  }, [ports, session, start, assist]);
  const assistStarted = useRef(false);
  useEffect(() => {
    if (!assist || !ports || assistStarted.current) return;
    assistStarted.current = true;
    start('clerk');
  }, [assist, ports, start]);

  const end = useCallback(
    (_reason: EndReason) => {
      // An assisting clerk stays signed in and goes back to the workspace.
      if (!assist) ports?.endSession();
      setSession(null);
      api.request('session.activity', { active: false }).catch(() => undefined);
      setElderMode(true);
      void i18n.changeLanguage('zh-CN');
      void wipeSessionTraces(
        { sessionStorage, localStorage, caches: globalThis.caches, history },
        preservedSessionKeys,
      );
      assist?.finished();
    },
    [api, i18n, ports, assist],
  );

  useEffect(() => {
    document.documentElement.dataset.mode = elderMode ? 'elder' : 'standard';
    document.documentElement.lang = i18n.language;
  }, [elderMode, i18n.language]);

  const toggleElderMode = useCallback(() => setElderMode((m) => !m), []);

  return (
    <div className="kiosk">
      <DemoBanner demo={info?.profile === 'demo'} simulatedDevices={health?.simulatedDevices ?? []}>
        {ports?.simulateCard && (
          <button
            type="button"
            className="demo-control"
            onClick={() => ports.simulateCard?.()}
            data-testid="demo-place-card"
          >
            {t('demo.placeCard')}
          </button>
        )}
      </DemoBanner>
      {session && ports ? (
        <>
          <SessionBar elderMode={elderMode} onToggleElderMode={toggleElderMode} link={link} />
          <Journey
            key={session.key}
            ports={ports}
            kiosk={kiosk}
            startStep={session.startStep}
            startIdentity={session.startIdentity}
            assist={assist}
            onEnd={end}
          />
        </>
      ) : (
        <AttractScreen
          siteName={info?.site?.name ?? null}
          divisionCode={info?.site?.divisionCode ?? null}
          elderMode={elderMode}
          onToggleElderMode={toggleElderMode}
          onStart={() => start('identify')}
          onMyApplications={() => start('myApplications')}
          statusCorner={
            <StatusCorner health={health} connected={info !== null} link={link} queued={queued} />
          }
          ready={info !== null}
        />
      )}
    </div>
  );
}
