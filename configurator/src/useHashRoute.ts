import { useEffect, useState } from 'react';

export type Route = { page: 'list' } | { page: 'matter'; code: string };

function parse(hash: string): Route {
  const match = /^#\/matters\/([^/]+)/.exec(hash);
  return match?.[1] ? { page: 'matter', code: decodeURIComponent(match[1]) } : { page: 'list' };
}

/** The screen shown, kept in the URL's hash so that back/forward and reload work. */
export function useHashRoute(): [Route, (route: Route) => void] {
  const [route, setRoute] = useState(() => parse(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parse(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  const go = (next: Route) => {
    window.location.hash = next.page === 'list' ? '#/' : `#/matters/${encodeURIComponent(next.code)}`;
  };
  return [route, go];
}
