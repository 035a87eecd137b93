import { useState } from 'react';
import { AUTHORISATION_MATERIAL_ID } from '../../../../../protocol/materialIds';
import type { ApplicationDocument, ServiceDocument, StoredFile } from '../../api/types';
import { formatBytes } from '../../format/formatters';
import { CredibilityNote } from './CredibilityNote';

type Material = ApplicationDocument['materials'][number];

const FILE_STATE: Record<string, string> = {
  verified: '已到达',
  uploading: '上传中',
  mismatch: '校验不符，等待重传',
  missing: '未到达',
};

/**
 * Where the gateway serves a stored page to staff. The route is requested from the gateway
 * (see docs/county-console.md); until it exists the image fails and the card says so in words.
 */
export const staffFileUrl = (fileId: string) => `/v1/staff/files/${encodeURIComponent(fileId)}`;

function PagePreview({ file }: { file: StoredFile }) {
  const [broken, setBroken] = useState(false);
  if (file.contentType === 'application/pdf' || broken) {
    return broken ? (
      <p className="muted">暂时无法显示这一页。</p>
    ) : (
      <a href={staffFileUrl(file.id)} target="_blank" rel="noopener noreferrer">
        打开PDF
      </a>
    );
  }
  return (
    <a href={staffFileUrl(file.id)} target="_blank" rel="noopener noreferrer">
      <img
        className="page-thumb"
        src={staffFileUrl(file.id)}
        alt="扫描页"
        loading="lazy"
        onError={() => setBroken(true)}
      />
    </a>
  );
}

export function ScannedPages({
  materials,
  files,
  names,
  filesComplete,
}: {
  materials: Material[];
  files: StoredFile[];
  names: ServiceDocument['materials'];
  filesComplete: boolean;
}) {
  const fileFor = (sha: string) =>
    files.find((f) => f.sha256 === sha && f.state === 'verified') ?? files.find((f) => f.sha256 === sha);
  return (
    <div className="card">
      <h2>
        材料与扫描页 <span className="muted">{filesComplete ? '（已全部到达）' : '（还有文件未到达）'}</span>
      </h2>
      {materials.length === 0 && <p className="muted">这份申请没有附带材料。</p>}
      <ul className="materials">
        {materials.map((m) => {
          const file = fileFor(m.sha256);
          const name =
            names.find((n) => n.id === m.materialId)?.name.zh ??
            (m.materialId === AUTHORISATION_MATERIAL_ID ? '委托书 / 授权书（代办）' : m.materialId);
          return (
            <li key={`${m.materialId}-${m.sha256}`}>
              <div>
                <strong>{name}</strong>
                <span className="muted">
                  {' '}
                  · <CredibilityNote material={m} /> · {formatBytes(m.size)}
                  {m.pages ? ` · ${m.pages}页` : ''} · {FILE_STATE[file?.state ?? 'missing'] ?? file?.state}
                </span>
              </div>
              {file?.state === 'verified' && <PagePreview file={file} />}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
