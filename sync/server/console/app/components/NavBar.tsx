import type { StaffSession } from '../api/types';
import { hrefFor, type Route } from '../hashRoute';

const LINKS: Array<{ route: Route; label: string; active: Route['page'][] }> = [
  { route: { page: 'applications' }, label: '申请办理', active: ['applications', 'application'] },
  { route: { page: 'devices' }, label: '设备管理', active: ['devices'] },
  { route: { page: 'catalog' }, label: '事项目录', active: ['catalog'] },
  { route: { page: 'ratings' }, label: '好差评', active: ['ratings'] },
  { route: { page: 'audit' }, label: '操作日志', active: ['audit'] },
];

export function NavBar({
  route,
  session,
  onSignOut,
}: {
  route: Route;
  session: StaffSession;
  onSignOut: () => void;
}) {
  return (
    <header className="navbar">
      <span className="brand">村办 · 县级管理台</span>
      <nav aria-label="主菜单">
        {LINKS.map((link) => (
          <a
            key={link.label}
            href={hrefFor(link.route)}
            aria-current={link.active.includes(route.page) ? 'page' : undefined}
          >
            {link.label}
          </a>
        ))}
      </nav>
      <span className="who" data-testid="signed-in-as">
        {session.displayName}（{session.username}，{session.role === 'admin' ? '管理员' : '工作人员'}）
      </span>
      <button type="button" className="link-button" onClick={onSignOut}>
        退出
      </button>
    </header>
  );
}
