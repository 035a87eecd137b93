import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServiceDocument } from '../../../sync/protocol/forms';
import { FieldEditor } from '../fields/FieldEditor';
import { fieldProblem, shanghaiToday } from '../forms/fieldRules';
import { formFields } from '../session/journeyState';
import { ScreenFrame } from './ScreenFrame';
import { displayValue } from './valueDisplay';

/**
 * The form, one question per page (older villagers lose their place in long forms). Answers read
 * from the card are shown masked with "已从身份证读取" and only opened for editing on request.
 */
export function FormScreen({
  service,
  values,
  prefilled,
  index,
  applicantName,
  onChange,
  onIndex,
  onDone,
  onBack,
  onEnd,
}: {
  service: ServiceDocument;
  values: Record<string, unknown>;
  prefilled: string[];
  index: number;
  applicantName: string;
  onChange(field: string, value: unknown): void;
  onIndex(index: number): void;
  onDone(): void;
  onBack(): void;
  onEnd(): void;
}) {
  const { t, i18n } = useTranslation();
  const fields = formFields(service);
  const field = fields[Math.min(index, fields.length - 1)]!;
  const [problem, setProblem] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const context = { today: shanghaiToday(), applicantName };
  // A card answer that does not fit (an address outside the county list) opens for editing.
  const fromCard =
    prefilled.includes(field.id) && editing !== field.id && !fieldProblem(field, values[field.id], context);
  const label = i18n.language.startsWith('zh') ? field.label.zh : (field.label.en ?? field.label.zh);
  const labelId = `field-${field.id}-label`;

  const next = () => {
    const p = fieldProblem(field, values[field.id], context);
    if (p) return setProblem(t(`problem.${p.key}`, p.params ?? {}));
    setProblem(null);
    setEditing(null);
    if (index + 1 >= fields.length) onDone();
    else onIndex(index + 1);
  };
  const previous = () => {
    setProblem(null);
    setEditing(null);
    if (index === 0) onBack();
    else onIndex(index - 1);
  };

  return (
    <ScreenFrame
      testId="form-screen"
      title={`${t('form.title')} · ${service.name.zh}`}
      promptKey="form"
      onBack={previous}
      onEnd={onEnd}
      actions={
        <button type="button" className="primary" onClick={next} data-testid="form-next">
          {t('nav.next')}
        </button>
      }
    >
      <div
        className="form-field"
        data-field={field.id}
        data-prefilled={prefilled.length > 0 ? 'true' : 'false'}
      >
        <p className="progress">{t('form.fieldOf', { current: index + 1, total: fields.length })}</p>
        <h2 id={labelId}>
          {label}
          {!field.required && <span className="optional">{t('form.optional')}</span>}
        </h2>
        {field.help && (
          <p className="hint">
            {i18n.language.startsWith('zh') ? field.help.zh : (field.help.en ?? field.help.zh)}
          </p>
        )}
        {fromCard ? (
          <div className="from-card">
            <output className="entry-box" aria-labelledby={labelId} data-testid="field-entry">
              {displayValue(field, values[field.id], i18n.language, true)}
            </output>
            <p className="hint">
              ✓ {t('form.fromCard')} · {t('form.masked')}
            </p>
            <button type="button" onClick={() => setEditing(field.id)}>
              {t('form.edit')}
            </button>
          </div>
        ) : (
          <FieldEditor
            key={field.id}
            field={field}
            value={values[field.id]}
            labelId={labelId}
            onChange={(v) => {
              setProblem(null);
              onChange(field.id, v);
            }}
          />
        )}
        {problem && (
          <p className="problem" role="alert" data-testid="field-problem">
            {problem}
          </p>
        )}
      </div>
    </ScreenFrame>
  );
}
