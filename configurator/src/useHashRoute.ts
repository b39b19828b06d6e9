import { useEffect, useState } from 'react';

/** Every screen of the workbench, kept in the URL's hash so that back/forward and reload work. */
export type Route =
  | { page: 'home' }
  | { page: 'matters' }
  | { page: 'matter'; code: string }
  | { page: 'queue' }
  | { page: 'application'; id: string }
  | { page: 'walkIn' }
  | { page: 'appointments' }
  | { page: 'review' }
  | { page: 'task'; id: string }
  | { page: 'dashboard' }
  | { page: 'staff' }
  | { page: 'halls' }
  | { page: 'followUps' }
  | { page: 'synonyms' }
  | { page: 'checks' }
  | { page: 'reconciliation' }
  | { page: 'auditLog' };

const WITH_ID: Record<string, 'matter' | 'application' | 'task'> = {
  matters: 'matter',
  applications: 'application',
  review: 'task',
};
const PLAIN: Record<string, Route> = {
  matters: { page: 'matters' },
  queue: { page: 'queue' },
  'walk-in': { page: 'walkIn' },
  appointments: { page: 'appointments' },
  review: { page: 'review' },
  dashboard: { page: 'dashboard' },
  staff: { page: 'staff' },
  halls: { page: 'halls' },
  'follow-ups': { page: 'followUps' },
  synonyms: { page: 'synonyms' },
  checks: { page: 'checks' },
  reconciliation: { page: 'reconciliation' },
  'audit-log': { page: 'auditLog' },
};

export function parse(hash: string): Route {
  const [, first = '', second] = /^#\/([^/]*)(?:\/([^/]+))?/.exec(hash) ?? [];
  const withId = WITH_ID[first];
  if (second && withId) {
    const value = decodeURIComponent(second);
    return withId === 'matter' ? { page: 'matter', code: value } : { page: withId, id: value };
  }
  return PLAIN[first] ?? { page: 'home' };
}

export function format(route: Route): string {
  switch (route.page) {
    case 'home':
      return '#/';
    case 'matter':
      return `#/matters/${encodeURIComponent(route.code)}`;
    case 'application':
      return `#/applications/${encodeURIComponent(route.id)}`;
    case 'task':
      return `#/review/${encodeURIComponent(route.id)}`;
    case 'followUps':
      return '#/follow-ups';
    case 'walkIn':
      return '#/walk-in';
    case 'auditLog':
      return '#/audit-log';
    default:
      return `#/${route.page}`;
  }
}

/** The screen shown and the way to another. */
export function useHashRoute(): [Route, (route: Route) => void] {
  const [route, setRoute] = useState(() => parse(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parse(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  const go = (next: Route) => {
    window.location.hash = format(next);
  };
  return [route, go];
}
