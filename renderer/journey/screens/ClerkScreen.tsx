import { useTranslation } from 'react-i18next';
import { useClerkModes } from '../../clerk/assistContext';
import { ScreenFrame } from './ScreenFrame';

/**
 * "请工作人员协助" from the villager's side. A clerk helps only on their own signed-in session
 * (badge or ID card + PIN, in the host), never with a number typed on the villager's screen:
 * the badge scan opens clerk sign-in by itself, the button does the same, and 帮群众代办 in the
 * workspace starts the assisted application (see AssistedIdentifyScreen).
 */
export function ClerkScreen({ onBack, onEnd }: { onBack(): void; onEnd(): void }) {
  const { t } = useTranslation();
  const { requestClerkSignIn } = useClerkModes();
  return (
    <ScreenFrame
      testId="clerk-screen"
      title={t('assist.callTitle')}
      promptKey="identify"
      promptText={t('assist.callHint')}
      onBack={onBack}
      onEnd={onEnd}
      actions={
        <button
          type="button"
          className="primary"
          onClick={requestClerkSignIn}
          data-testid="clerk-sign-in-open"
        >
          {t('assist.callSignIn')}
        </button>
      }
    >
      <p className="big">{t('assist.callHint')}</p>
    </ScreenFrame>
  );
}
