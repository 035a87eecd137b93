import type { ServiceDocument } from '../../api/types';
import { fieldValueText } from '../../format/formatters';

type Field = ServiceDocument['form']['fields'][number];

/** Values in the order of the service's form, labelled; values the form does not know come last. */
export function FormValuesTable({ values, fields }: { values: Record<string, unknown>; fields: Field[] }) {
  const known = new Set(fields.map((f) => f.id));
  const rows = [
    ...fields
      .filter((f) => f.id in values)
      .map((f) => ({ key: f.id, label: f.label.zh, text: fieldValueText(f, values[f.id]) })),
    ...Object.keys(values)
      .filter((k) => !known.has(k))
      .map((k) => ({ key: k, label: k, text: fieldValueText(undefined, values[k]) })),
  ];
  return (
    <div className="card">
      <h2>填报内容</h2>
      {rows.length === 0 ? (
        <p className="muted">没有填报内容。</p>
      ) : (
        <dl className="facts">
          {rows.map((r) => (
            <div key={r.key} className="fact">
              <dt>{r.label}</dt>
              <dd>{r.text}</dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}
