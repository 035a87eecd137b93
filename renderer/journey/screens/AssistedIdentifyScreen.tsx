import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AUTHORISATION_MATERIAL_ID } from '../../../sync/protocol/documents';
import { isValidIdNumber } from '../../../sync/protocol/idNumber';
import type { AssistingClerk } from '../../clerk/assistContext';
import { TextEntry } from '../fields/TextEntry';
import { fieldProblem } from '../forms/fieldRules';
import type { CapturedMaterial, CaptureProgress, Identity, MaterialCaptureRequest } from '../journeyTypes';
import { ScreenFrame } from './ScreenFrame';

type Part = 'applicantName' | 'applicantId' | 'relation';

/** Stored in the application as written here (the county reads Chinese); shown translated. */
const RELATIONS = ['本人委托', '配偶', '子女', '父母', '其他亲属', '村（居）委会'] as const;

/**
 * 代办, first step: the villager's card on the reader identifies them (the journey listens for
 * it), or — card missing — the clerk types name and ID number (GB 11643 check digit), says who
 * asked, and scans the 委托书 / 授权书, which becomes a material of the application.
 */
export function AssistedIdentifyScreen({
  clerk,
  readError,
  capture,
  onIdentified,
  onEnd,
}: {
  clerk: AssistingClerk;
  readError: string | null;
  capture(
    request: MaterialCaptureRequest,
    onProgress?: (progress: CaptureProgress) => void,
  ): Promise<Omit<CapturedMaterial, 'materialId'>>;
  onIdentified(identity: Identity, authorisation: CapturedMaterial): void;
  onEnd(): void;
}) {
  const { t } = useTranslation();
  const [values, setValues] = useState({ applicantName: '', applicantId: '' });
  const [relation, setRelation] = useState<string | null>(null);
  const [part, setPart] = useState<Part>('applicantName');
  const [authorisation, setAuthorisation] = useState<CapturedMaterial | null>(null);
  const [scanning, setScanning] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const relationWords = t('assist.relationChoices').split('|');

  const scan = async () => {
    setScanning(true);
    setProblem(null);
    try {
      const page = await capture({
        materialId: AUTHORISATION_MATERIAL_ID,
        idCard: false,
        villagerConsented: false,
      });
      setAuthorisation({ materialId: AUTHORISATION_MATERIAL_ID, ...page });
    } catch (error) {
      const zh = (error as { messageZh?: unknown }).messageZh;
      setProblem(typeof zh === 'string' && zh ? zh : t('materials.cameraUnavailable'));
    } finally {
      setScanning(false);
    }
  };

  const confirm = () => {
    setProblem(null);
    const name = values.applicantName.trim();
    const idNumber = values.applicantId.toUpperCase();
    if (!name) {
      setPart('applicantName');
      return setProblem(t('problem.required'));
    }
    if (!isValidIdNumber(idNumber)) {
      setPart('applicantId');
      const p = fieldProblem({ id: 'id', type: 'idNumber', label: { zh: '' }, required: true }, idNumber, {
        today: '',
      });
      return setProblem(t(`problem.${p?.key ?? 'idNumber'}`, p?.params ?? {}));
    }
    if (!relation) {
      setPart('relation');
      return setProblem(t('assist.needRelation'));
    }
    if (!authorisation) return setProblem(t('assist.needAuthorisation'));
    onIdentified({ method: 'clerk', person: { name, idNumber }, card: null, clerk, relation }, authorisation);
  };

  return (
    <ScreenFrame
      testId="assist-identify-screen"
      title={t('assist.title')}
      promptKey="identify"
      promptText={t('assist.cardHint')}
      onEnd={onEnd}
      actions={
        <button
          type="button"
          className="primary"
          onClick={confirm}
          disabled={scanning}
          data-testid="assist-confirm"
        >
          {t('assist.confirm')}
        </button>
      }
    >
      <p data-testid="assisting-clerk">{t('assist.by', { name: clerk.name })}</p>
      {readError && (
        <p className="problem" role="alert">
          {readError}
        </p>
      )}
      <p className="big">{t('assist.cardHint')}</p>
      <p className="hint">{t('assist.manualHint')}</p>
      <fieldset className="choices">
        {(['applicantName', 'applicantId', 'relation'] as const).map((p) => (
          <button
            key={p}
            type="button"
            aria-pressed={part === p}
            onClick={() => setPart(p)}
            data-testid={`assist-${p}`}
          >
            {t(`assist.${p}`)}
          </button>
        ))}
      </fieldset>
      <div id={`assist-${part}-label`} className="sub-label">
        {t(`assist.${part}`)}
      </div>
      {part === 'relation' ? (
        <fieldset className="choices" aria-labelledby="assist-relation-label">
          {RELATIONS.map((r, i) => (
            <button
              key={r}
              type="button"
              aria-pressed={relation === r}
              onClick={() => setRelation(r)}
              data-testid={`assist-relation-${i}`}
            >
              {relationWords[i] ?? r}
            </button>
          ))}
        </fieldset>
      ) : (
        <TextEntry
          key={part}
          labelId={`assist-${part}-label`}
          value={values[part]}
          onChange={(v) => setValues((old) => ({ ...old, [part]: v }))}
          keys={part === 'applicantName' ? 'pinyin' : 'id'}
          maxLength={part === 'applicantId' ? 18 : 50}
          testId="assist-entry"
        />
      )}
      <div className="row">
        <button
          type="button"
          disabled={scanning}
          onClick={() => void scan()}
          data-testid="capture-authorisation"
        >
          {authorisation ? t('assist.rescanAuthorisation') : t('assist.scanAuthorisation')}
        </button>
        {authorisation && (
          <>
            <span className="ok">✓ {t('assist.authorisationScanned')}</span>
            <img
              className="preview"
              src={authorisation.previewUrl}
              data-testid="authorisation-thumb"
              alt={t('assist.authorisation')}
            />
          </>
        )}
      </div>
      {scanning && (
        <p className="hint" role="status" aria-live="polite">
          {t('materialsScan.scanning')}
        </p>
      )}
      {problem && (
        <p className="problem" role="alert">
          {problem}
        </p>
      )}
    </ScreenFrame>
  );
}
