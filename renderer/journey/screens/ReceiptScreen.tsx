import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { maskName } from '../../../contract/privacy/mask';
import type { ServiceDocument } from '../../../sync/protocol/forms';
import type { PrintOutcome, SubmitResult } from '../journeyTypes';
import { ScreenFrame } from './ScreenFrame';

/** Seconds the receipt stays before the rating opens by itself. */
export const RECEIPT_SECONDS = 8;

/**
 * The receipt on screen, in words that are honest about the link: a queued application is
 * "saved here and sent automatically", never "submitted to the county".
 */
export function ReceiptScreen({
  service,
  applicantName,
  result,
  print,
  onRate,
}: {
  service: ServiceDocument;
  applicantName: string;
  result: SubmitResult;
  print: PrintOutcome | null;
  onRate(): void;
}) {
  const { t } = useTranslation();
  useEffect(() => {
    const timer = setTimeout(onRate, RECEIPT_SECONDS * 1000);
    return () => clearTimeout(timer);
  }, [onRate]);
  return (
    <ScreenFrame
      testId="receipt-screen"
      title={result.queued ? t('receipt.queuedTitle') : t('receipt.title')}
      promptKey={result.queued ? 'receiptQueued' : 'receipt'}
      actions={
        <button type="button" className="primary" onClick={onRate} data-testid="receipt-next">
          {t('receipt.next')}
        </button>
      }
    >
      <p
        className={result.queued ? 'notice' : 'ok'}
        data-testid="receipt-link-state"
        data-queued={result.queued}
      >
        {result.queued ? t('receipt.queued') : t('receipt.sent')}
      </p>
      <dl className="receipt">
        <dt>{t('receipt.trackingNumber')}</dt>
        <dd className="tracking" data-testid="tracking-number">
          {result.trackingNumber}
        </dd>
        <dt>{t('receipt.service')}</dt>
        <dd>{service.name.zh}</dd>
        <dt>{t('receipt.applicant')}</dt>
        <dd>{maskName(applicantName)}</dd>
        <dt>{t('receipt.submittedAt')}</dt>
        <dd>{new Date(result.submittedAt).toLocaleString('zh-CN', { hour12: false })}</dd>
      </dl>
      {print && (
        <p className={print === 'printed' ? 'ok' : 'notice'} data-testid="print-outcome">
          {print === 'printed'
            ? t('receipt.printed')
            : print === 'failed'
              ? t('receipt.printFailed')
              : t('receipt.printUnavailable')}
        </p>
      )}
    </ScreenFrame>
  );
}
