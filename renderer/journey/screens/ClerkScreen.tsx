import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isValidIdNumber } from '../../../sync/protocol/idNumber';
import { TextEntry } from '../fields/TextEntry';
import { fieldProblem } from '../forms/fieldRules';
import type { Identity } from '../journeyTypes';
import { ScreenFrame } from './ScreenFrame';

type Part = 'clerkId' | 'pin' | 'applicantName' | 'applicantId';

/**
 * Clerk-assisted identification (协办): the clerk signs in with number and PIN, checks the
 * person's documents, and enters name and ID number. The application records the clerk, and
 * the rating screen later asks the clerk to step away.
 */
export function ClerkScreen({
  verifyClerk,
  onIdentified,
  onBack,
  onEnd,
}: {
  verifyClerk(clerkId: string, pin: string): Promise<{ clerkId: string; name: string } | null>;
  onIdentified(identity: Identity): void;
  onBack(): void;
  onEnd(): void;
}) {
  const { t } = useTranslation();
  const [clerk, setClerk] = useState<{ clerkId: string; name: string } | null>(null);
  const [values, setValues] = useState<Record<Part, string>>({
    clerkId: '',
    pin: '',
    applicantName: '',
    applicantId: '',
  });
  const [part, setPart] = useState<Part>('clerkId');
  const [problem, setProblem] = useState<string | null>(null);
  const parts: Part[] = clerk ? ['applicantName', 'applicantId'] : ['clerkId', 'pin'];

  const confirm = async () => {
    setProblem(null);
    if (!clerk) {
      const who = await verifyClerk(values.clerkId, values.pin).catch(() => null);
      if (!who) {
        setValues((v) => ({ ...v, pin: '' }));
        setPart('pin');
        return setProblem(t('clerk.wrong'));
      }
      setClerk(who);
      setPart('applicantName');
      return;
    }
    const idNumber = values.applicantId.toUpperCase();
    if (!values.applicantName.trim()) return setProblem(t('problem.required'));
    if (!isValidIdNumber(idNumber)) {
      const p = fieldProblem({ id: 'id', type: 'idNumber', label: { zh: '' }, required: true }, idNumber, {
        today: '',
      });
      return setProblem(t(`problem.${p?.key ?? 'idNumber'}`, p?.params ?? {}));
    }
    onIdentified({
      method: 'clerk',
      person: { name: values.applicantName.trim(), idNumber },
      card: null,
      clerk,
    });
  };

  return (
    <ScreenFrame
      testId="clerk-screen"
      title={t('clerk.title')}
      promptKey="identify"
      promptText={clerk ? t('clerk.assistedBy', { name: clerk.name }) : t('clerk.hint')}
      onBack={onBack}
      onEnd={onEnd}
      actions={
        <button type="button" className="primary" onClick={() => void confirm()} data-testid="clerk-confirm">
          {clerk ? t('clerk.confirm') : t('clerk.signIn')}
        </button>
      }
    >
      <fieldset className="choices">
        {parts.map((p) => (
          <button
            key={p}
            type="button"
            aria-pressed={part === p}
            onClick={() => setPart(p)}
            data-testid={`clerk-${p}`}
          >
            {t(`clerk.${p}`)}
          </button>
        ))}
      </fieldset>
      <div id={`clerk-${part}-label`} className="sub-label">
        {t(`clerk.${part}`)}
      </div>
      <TextEntry
        key={part}
        labelId={`clerk-${part}-label`}
        value={values[part]}
        display={part === 'pin' ? '●'.repeat(values.pin.length) : undefined}
        onChange={(v) => setValues((old) => ({ ...old, [part]: v }))}
        keys={part === 'applicantName' ? 'pinyin' : part === 'applicantId' ? 'id' : 'digits'}
        maxLength={part === 'applicantId' ? 18 : part === 'applicantName' ? 50 : 12}
        testId="clerk-entry"
      />
      {problem && (
        <p className="problem" role="alert">
          {problem}
        </p>
      )}
    </ScreenFrame>
  );
}
