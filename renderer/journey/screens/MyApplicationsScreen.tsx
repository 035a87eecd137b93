import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TRACKING_NUMBER_PATTERN } from '../../../sync/protocol/ids';
import { attachWedgeDetector } from '../../capture/wedgeKeyboard';
import { catalogName } from '../catalog/catalogData';
import { TextEntry } from '../fields/TextEntry';
import type { ApplicationSummary, PrintOutcome } from '../journeyTypes';
import { ScreenFrame } from './ScreenFrame';

/** "SITE-YYYYMMDD-NNNN" from the digits typed: the dashes come by themselves. */
export function formatTrackingDigits(digits: string): string {
  const d = digits.replace(/\D/g, '').slice(0, 26);
  return [d.slice(0, 14), d.slice(14, 22), d.slice(22, 26)].filter(Boolean).join('-');
}

/** The county's decisions a notice can be printed for (the host checks again). */
const NOTICE_STATUSES: ReadonlySet<ApplicationSummary['status']> = new Set([
  'completed',
  'notAccepted',
  'correctionRequired',
]);

const OUTCOME_WORDS: Record<PrintOutcome, string> = {
  printed: 'myApplications.printed',
  failed: 'myApplications.printFailed',
  unavailable: 'receipt.printUnavailable',
};

/**
 * 我的办件: with the card placed, every application of the person; otherwise by the tracking
 * number on the receipt (typed, or scanned from its QR). Status words are the villager's.
 */
export function MyApplicationsScreen({
  idNumber,
  lookup,
  printNotice,
  onBack,
  onEnd,
}: {
  idNumber: string | null;
  lookup(query: { idNumber: string } | { trackingNumber: string }): Promise<ApplicationSummary[]>;
  printNotice(application: ApplicationSummary): Promise<PrintOutcome>;
  onBack(): void;
  onEnd(): void;
}) {
  const { t } = useTranslation();
  const [digits, setDigits] = useState('');
  const [found, setFound] = useState<ApplicationSummary[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [printed, setPrinted] = useState<Record<string, PrintOutcome | 'printing'>>({});
  const print = (a: ApplicationSummary) => {
    setPrinted((p) => ({ ...p, [a.applicationId]: 'printing' }));
    void printNotice(a).then((o) => setPrinted((p) => ({ ...p, [a.applicationId]: o })));
  };

  const run = async (query: { idNumber: string } | { trackingNumber: string }) => {
    setProblem(null);
    try {
      setFound(await lookup(query));
    } catch {
      setProblem(t('myApplications.unavailable'));
    }
  };
  // The receipt's QR (its status URL ends with the tracking number) read by the barcode scanner.
  // biome-ignore lint/correctness/useExhaustiveDependencies: run is stable enough for a scan
  useEffect(
    () =>
      attachWedgeDetector(window, (scan) => {
        const match = /(\d{14})-(\d{8})-(\d{4})/.exec(scan);
        if (!match) return;
        setDigits(match.slice(1).join(''));
        void run({ trackingNumber: match[0] });
      }),
    [],
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: looks up once when the card is known
  useEffect(() => {
    if (idNumber) void run({ idNumber });
  }, [idNumber]);

  const tracking = formatTrackingDigits(digits);
  return (
    <ScreenFrame
      testId="my-applications-screen"
      title={t('myApplications.title')}
      promptKey="myApplications"
      onBack={onBack}
      onEnd={onEnd}
    >
      {!idNumber && (
        <>
          <p id="tracking-label" className="sub-label">
            {t('myApplications.number')}
          </p>
          <TextEntry
            labelId="tracking-label"
            value={digits}
            display={tracking}
            onChange={setDigits}
            keys="digits"
            maxLength={26}
            testId="tracking-entry"
          />
          <button
            type="button"
            className="primary"
            data-testid="tracking-search"
            onClick={() =>
              TRACKING_NUMBER_PATTERN.test(tracking)
                ? void run({ trackingNumber: tracking })
                : setProblem(t('problem.pattern'))
            }
          >
            {t('myApplications.search')}
          </button>
        </>
      )}
      {problem && (
        <p className="problem" role="alert">
          {problem}
        </p>
      )}
      {found?.length === 0 && <p className="notice">{t('myApplications.none')}</p>}
      <ul className="applications" data-testid="applications">
        {found?.map((a) => (
          <li key={a.applicationId}>
            <strong>{catalogName(a.serviceId)}</strong>
            <span>
              {t('myApplications.number')}：{a.trackingNumber}
            </span>
            <span>
              {t('myApplications.status')}：{t(`myApplications.statuses.${a.status}`)}
            </span>
            {a.staffNote && <span>{a.staffNote}</span>}
            <ol aria-label={t('myApplications.history')}>
              {a.history.map((h) => (
                <li key={`${h.status}-${h.at}`}>
                  {new Date(h.at).toLocaleString('zh-CN', { hour12: false })}{' '}
                  {t(`myApplications.statuses.${h.status}`)}
                </li>
              ))}
            </ol>
            {NOTICE_STATUSES.has(a.status) && (
              <button
                type="button"
                data-testid="print-notice"
                disabled={printed[a.applicationId] === 'printing'}
                onClick={() => print(a)}
              >
                {t('myApplications.printNotice')}
              </button>
            )}
            {printed[a.applicationId] && (
              <span role="status" data-testid="notice-outcome">
                {printed[a.applicationId] === 'printing'
                  ? t('myApplications.printing')
                  : t(OUTCOME_WORDS[printed[a.applicationId] as PrintOutcome])}
              </span>
            )}
          </li>
        ))}
      </ul>
    </ScreenFrame>
  );
}
