import type { ServiceDocument } from '../../api/types';

const days = (n: number | null) => (n === null ? '—' : `${n}个工作日`);

export function ServiceTable({
  services,
  canEdit,
  onEdit,
}: {
  services: ServiceDocument[];
  canEdit: boolean;
  onEdit: (s: ServiceDocument) => void;
}) {
  return (
    <table className="grid" data-testid="service-table">
      <thead>
        <tr>
          <th>编号</th>
          <th>事项名称</th>
          <th>部门</th>
          <th>版本</th>
          <th>法定/承诺时限</th>
          <th>材料</th>
          <th>表单字段</th>
          <th>状态</th>
          {canEdit && <th />}
        </tr>
      </thead>
      <tbody>
        {services.map((s) => (
          <tr key={s.id}>
            <td className="mono">{s.id}</td>
            <td>{s.name.zh}</td>
            <td>{s.department}</td>
            <td>第{s.version}版</td>
            <td>
              {days(s.legalTimeLimitDays)} / {days(s.promisedTimeLimitDays)}
            </td>
            <td>{s.materials.length}</td>
            <td>{s.form.fields.length}</td>
            <td>{s.enabled === false ? <span className="warn">已停办</span> : '可办理'}</td>
            {canEdit && (
              <td>
                <button type="button" className="link-button" onClick={() => onEdit(s)}>
                  编辑并发布
                </button>
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
