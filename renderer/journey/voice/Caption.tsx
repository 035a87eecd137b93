import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { createSpeaker } from './speech';

/**
 * Speaks the prompt of a screen once when it appears and shows the same words as a caption,
 * for those who cannot hear well and those who cannot read well alike. The caption is a live
 * region so screen readers announce it too.
 */
export function SpokenCaption({ promptKey, text }: { promptKey: string; text?: string }) {
  const { t, i18n } = useTranslation();
  const speaker = useMemo(createSpeaker, []);
  const words = text ?? t(`voice.${promptKey}`);
  useEffect(() => {
    speaker.speak(promptKey, words, i18n.language);
    return () => speaker.stop();
  }, [speaker, promptKey, words, i18n.language]);
  return (
    <p className="caption" role="status" aria-live="polite" data-testid="caption">
      <span className="caption-label">{t('caption.label')}</span>
      {words}
    </p>
  );
}
