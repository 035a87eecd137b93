import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ContractError } from '../../contract/define';
import type { AssistMode } from '../clerk/assistContext';
import { seedCatalog } from './catalog/catalogData';
import { personFromCard } from './forms/prefill';
import type { Identity, LinkState } from './journeyTypes';
import type { JourneyPorts } from './ports/journeyPorts';
import { AssistedIdentifyScreen } from './screens/AssistedIdentifyScreen';
import { ClerkScreen } from './screens/ClerkScreen';
import { ConsentScreen, IdCopyConsentScreen } from './screens/ConsentScreens';
import { FormScreen } from './screens/FormScreen';
import { GuideScreen } from './screens/GuideScreen';
import { HomeScreen } from './screens/HomeScreen';
import { IdentifyScreen } from './screens/IdentifyScreen';
import { IdleWarning } from './screens/IdleWarning';
import { MaterialsScreen } from './screens/MaterialsScreen';
import { MyApplicationsScreen } from './screens/MyApplicationsScreen';
import { RatingScreen } from './screens/RatingScreen';
import { ReceiptScreen } from './screens/ReceiptScreen';
import { ReviewScreen } from './screens/ReviewScreen';
import { ScreenFrame } from './screens/ScreenFrame';
import { SignatureScreen } from './screens/SignatureScreen';
import { ThanksScreen } from './screens/ThanksScreen';
import {
  initialJourney,
  journeyReducer,
  needsIdCopyConsent,
  previousStep,
  type Step,
} from './session/journeyState';
import { buildDraft, buildReceipt } from './session/submission';
import { useIdle } from './session/useIdle';

export interface KioskContext {
  siteName: string;
  kioskId: string;
  statusUrl: string;
  townOfficePhone: string;
  idleTimeoutSeconds: number;
}

export type EndReason = 'finished' | 'cancelled' | 'timeout';

/** Turns a read card into who is applying (an expired card is refused with a plain reason). */
export function identityFromCard(
  card: Parameters<Parameters<JourneyPorts['onCard']>[0]>[0],
  clerk: Identity['clerk'] = null,
): Identity {
  return { method: 'idcard', person: personFromCard(card), card, clerk };
}

/**
 * One person's whole visit. App mounts it with a fresh key per session and unmounts it on end,
 * which takes every piece of their state and DOM with it.
 */
export function Journey({
  ports,
  kiosk,
  startStep,
  startIdentity,
  assist = null,
  onEnd,
}: {
  ports: JourneyPorts;
  kiosk: KioskContext;
  startStep: Step;
  startIdentity: Identity | null;
  /** 代办: a signed-in clerk files this application (see renderer/clerk/assistContext.ts). */
  assist?: AssistMode | null;
  onEnd(reason: EndReason): void;
}) {
  const { t } = useTranslation();
  const [state, dispatch] = useReducer(journeyReducer, startStep, (step) => {
    const s = initialJourney(step);
    return startIdentity ? journeyReducer(s, { type: 'identified', identity: startIdentity }) : s;
  });
  const [readError, setReadError] = useState<string | null>(null);
  const [link, setLink] = useState<LinkState>(ports.linkState());
  const [cameraAvailable, setCameraAvailable] = useState(false);
  useEffect(() => {
    let live = true;
    void ports.cameraAvailable().then((yes) => live && setCameraAvailable(yes));
    return () => {
      live = false;
    };
  }, [ports]);
  const assistingClerk = assist?.clerk ?? null;
  const stateRef = useRef(state);
  stateRef.current = state;
  const end = useCallback((reason: EndReason) => onEnd(reason), [onEnd]);
  const [idle, touch] = useIdle(kiosk.idleTimeoutSeconds, () => end('timeout'));

  // A screen that changes by itself (receipt → rating) starts the idle count afresh.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the step is the trigger
  useEffect(() => touch(), [state.step, touch]);
  useEffect(() => ports.onLinkState(setLink), [ports]);
  useEffect(() => {
    const offCard = ports.onCard((card) => {
      const current = stateRef.current;
      // A second card in the middle of someone's application is not theirs to take over.
      if (current.identity && current.step !== 'myApplications') return;
      if (card.expired) return setReadError(t('identify.expired'));
      setReadError(null);
      dispatch({ type: 'identified', identity: identityFromCard(card, assistingClerk) });
    });
    const offError = ports.onCardError(setReadError);
    return () => {
      offCard();
      offError();
    };
  }, [ports, t, assistingClerk]);

  const go = (step: Step) => dispatch({ type: 'go', step });
  const back = () => {
    const prev = previousStep(state);
    if (prev) go(prev);
  };
  const cancel = () => end('cancelled');

  const submit = async () => {
    dispatch({ type: 'submitting' });
    try {
      // The signature's bytes go to the outbox first: the application references them by hash.
      const signature = stateRef.current.signature;
      if (signature) {
        await ports.storeImage({
          purpose: 'signature',
          dataUrl: signature.pngDataUrl,
          sha256: signature.sha256,
        });
      }
      const result = await ports.submitApplication(buildDraft(stateRef.current));
      dispatch({ type: 'submitted', result });
      const receipt = buildReceipt({ ...stateRef.current, result }, kiosk);
      dispatch({ type: 'printed', outcome: await ports.printReceipt(receipt) });
    } catch (error) {
      // A 代办 refused by the host (clerk session over) says so in the host's own Chinese words.
      const refusedClerk =
        error instanceof ContractError && error.code === 'forbidden' ? error.message : undefined;
      const zh = (error as { messageZh?: string }).messageZh ?? refusedClerk;
      dispatch({ type: 'submitFailed', message: zh ?? t('receipt.failed') });
    }
  };
  const rate = useCallback(() => dispatch({ type: 'rate' }), []);
  const finish = useCallback(() => end('finished'), [end]);

  if (idle.phase === 'warning') {
    return <IdleWarning secondsLeft={idle.secondsLeft} onContinue={touch} onEnd={cancel} />;
  }

  const { service, identity } = state;
  switch (state.step) {
    case 'identify':
      return (
        <IdentifyScreen
          readError={readError}
          online={link === 'online'}
          canBrowse={!service}
          onClerk={() => go('clerk')}
          onBrowse={() => go('home')}
          onMyApplications={() => go('myApplications')}
          onEnd={cancel}
        />
      );
    case 'clerk':
      return assist ? (
        <AssistedIdentifyScreen
          clerk={assist.clerk}
          readError={readError}
          capture={ports.captureMaterial}
          onIdentified={(identity, authorisation) =>
            dispatch({ type: 'identified', identity, authorisation })
          }
          onEnd={cancel}
        />
      ) : (
        <ClerkScreen onBack={back} onEnd={cancel} />
      );
    case 'home':
      return (
        <HomeScreen
          services={seedCatalog}
          applicantName={identity?.person.name ?? null}
          onChoose={(s) => dispatch({ type: 'chooseService', service: s })}
          onEnd={cancel}
        />
      );
    case 'myApplications':
      return (
        <MyApplicationsScreen
          idNumber={identity?.person.idNumber ?? null}
          lookup={ports.lookupApplications}
          printNotice={ports.printResultNotice}
          onBack={() => go(identity ? 'home' : 'identify')}
          onEnd={cancel}
        />
      );
  }
  if (!service) return null;
  switch (state.step) {
    case 'guide':
      return (
        <GuideScreen
          service={service}
          onApply={() => dispatch({ type: 'apply' })}
          onBack={back}
          onEnd={cancel}
        />
      );
    case 'consent':
      return (
        <ConsentScreen
          service={service}
          onAgree={() => dispatch({ type: 'consent', at: new Date().toISOString() })}
          onDecline={() => go('home')}
          onBack={back}
        />
      );
  }
  if (!identity) return null;
  switch (state.step) {
    case 'form':
      return (
        <FormScreen
          service={service}
          values={state.values}
          prefilled={state.prefilled}
          index={state.fieldIndex}
          applicantName={identity.person.name}
          onChange={(field, value) => dispatch({ type: 'setValue', field, value })}
          onIndex={(index) => dispatch({ type: 'setFieldIndex', index })}
          onDone={() => dispatch({ type: 'formDone' })}
          onBack={back}
          onEnd={cancel}
        />
      );
    case 'idCopyConsent':
      return (
        <IdCopyConsentScreen
          onAnswer={(agreed) => dispatch({ type: 'idCopyConsent', agreed })}
          onBack={back}
        />
      );
    case 'materials':
      return (
        <MaterialsScreen
          service={service}
          materials={state.materials}
          idCardFromChip={needsIdCopyConsent(state) && state.idCopyConsent === true}
          idCopyConsented={state.idCopyConsent === true}
          capture={ports.captureMaterial}
          camera={cameraAvailable ? { store: ports.storeCameraPhoto } : null}
          onCaptured={(material) => dispatch({ type: 'material', material })}
          originals={
            assist
              ? {
                  checks: state.originalChecks,
                  onToggle: (material) => {
                    const checked = !state.originalChecks[material.materialId];
                    const at = new Date().toISOString();
                    const check = checked ? { clerkId: assist.clerk.clerkId, at } : null;
                    dispatch({ type: 'originalCheck', materialId: material.materialId, check });
                    assist.recordOriginalCheck(material, checked);
                  },
                }
              : null
          }
          onDone={() => dispatch({ type: 'materialsDone' })}
          onBack={back}
          onEnd={cancel}
        />
      );
    case 'signature':
      return (
        <SignatureScreen
          onSigned={(signature) => dispatch({ type: 'signed', signature })}
          onBack={back}
          onEnd={cancel}
        />
      );
    case 'review':
      return (
        <ReviewScreen
          service={service}
          identity={identity}
          values={state.values}
          materials={state.materials}
          signature={state.signature}
          originalChecks={state.originalChecks}
          error={state.error}
          onEdit={(index) => {
            dispatch({ type: 'setFieldIndex', index });
            go('form');
          }}
          onSubmit={() => void submit()}
          onBack={back}
          onEnd={cancel}
        />
      );
    case 'submitting':
      return (
        <ScreenFrame
          testId="submitting-screen"
          title={t('submitting.title')}
          promptKey="submitting"
          promptText={t('submitting.title')}
        >
          <div className="spinner" aria-hidden="true" />
        </ScreenFrame>
      );
    case 'receipt':
      return state.result ? (
        <ReceiptScreen
          service={service}
          applicantName={identity.person.name}
          result={state.result}
          print={state.print}
          onRate={rate}
        />
      ) : null;
    case 'rating':
      return (
        <RatingScreen
          applicationId={state.result?.applicationId ?? null}
          serviceId={service.id}
          assisted={identity.clerk !== null}
          onRated={(rating) => {
            void ports.submitRating(rating).catch(() => undefined);
            dispatch({ type: 'rated' });
          }}
          onSkip={() => dispatch({ type: 'rated' })}
        />
      );
    case 'thanks':
      return <ThanksScreen onDone={finish} />;
  }
  return null;
}
