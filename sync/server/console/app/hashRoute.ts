/**
 * Pages live in the URL hash (#/applications/<id>) so the gateway only serves one index.html and
 * reload / back keep the staff member where they were.
 */
export type Route =
  | { page: 'applications' }
  | { page: 'application'; id: string }
  | { page: 'devices' }
  | { page: 'catalog' }
  | { page: 'ratings' }
  | { page: 'audit' };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  switch (parts[0]) {
    case 'applications':
      return parts[1] ? { page: 'application', id: parts[1] } : { page: 'applications' };
    case 'devices':
    case 'catalog':
    case 'ratings':
    case 'audit':
      return { page: parts[0] };
    default:
      return { page: 'applications' };
  }
}

export function hrefFor(route: Route): string {
  return route.page === 'application' ? `#/applications/${encodeURIComponent(route.id)}` : `#/${route.page}`;
}
