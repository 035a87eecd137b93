import { useTranslation } from 'react-i18next';
import type { ServiceDocument } from '../../../sync/protocol/forms';
import { ScreenFrame } from './ScreenFrame';

/** 办事指南: what to bring, how long it takes, what it costs, how the result comes back. */
export function GuideScreen({
  service,
  onApply,
  onBack,
  onEnd,
}: {
  service: ServiceDocument;
  onApply(): void;
  onBack(): void;
  onEnd(): void;
}) {
  const { t } = useTranslation();
  return (
    <ScreenFrame
      testId="guide-screen"
      title={`${t('guide.title')} · ${service.name.zh}`}
      promptKey="guide"
      onBack={onBack}
      onEnd={onEnd}
      actions={
        <button type="button" className="primary" onClick={onApply} data-testid="guide-apply">
          {t('guide.apply')}
        </button>
      }
    >
      <dl className="guide">
        <dt>{t('guide.summary')}</dt>
        <dd>{service.summary}</dd>
        <dt>{t('guide.eligibility')}</dt>
        <dd>{service.eligibility}</dd>
        <dt>{t('guide.materials')}</dt>
        <dd>
          <ul>
            {service.materials.map((m) => (
              <li key={m.id}>
                {m.name.zh} · {m.required ? t('guide.required') : t('guide.optional')}
                {m.fromIdCard && ` · ${t('guide.fromIdCard')}`}
              </li>
            ))}
          </ul>
        </dd>
        <dt>{t('guide.timeLimit')}</dt>
        <dd>
          {service.legalTimeLimitDays ? t('guide.legal', { days: service.legalTimeLimitDays }) : ''}
          {service.promisedTimeLimitDays
            ? ` ${t('guide.promised', { days: service.promisedTimeLimitDays })}`
            : ''}
          {!service.legalTimeLimitDays && !service.promisedTimeLimitDays && t('guide.noTimeLimit')}
        </dd>
        <dt>{t('guide.fee')}</dt>
        <dd>
          {service.fee.amountYuan === 0
            ? t('guide.free')
            : t('guide.feeYuan', { amount: service.fee.amountYuan })}
        </dd>
        <dt>{t('guide.result')}</dt>
        <dd>{service.resultCollection.map((c) => t(`guide.collection.${c}`)).join('、')}</dd>
        <dt>{t('guide.department')}</dt>
        <dd>{service.department}</dd>
      </dl>
    </ScreenFrame>
  );
}
