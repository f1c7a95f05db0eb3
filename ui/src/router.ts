import { useSyncExternalStore } from 'react';

/**
 * Minimal client-side routing on `location`: the server answers index.html for
 * every non-API path, so the app picks its screen from the path itself.
 */

const NAVIGATE_EVENT = 'vectorflow:navigate';

export interface AppLocation {
  pathname: string;
  search: string;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

// A string snapshot keeps useSyncExternalStore's comparison cheap and stable.
const snapshot = () => `${window.location.pathname}${window.location.search}`;

/** The current path and query string; re-renders on navigation and back/forward. */
export function useLocation(): AppLocation {
  const current = useSyncExternalStore(subscribe, snapshot, () => '/');
  const query = current.indexOf('?');
  return query < 0
    ? { pathname: current, search: '' }
    : { pathname: current.slice(0, query), search: current.slice(query) };
}

/** Goes to a path of the app without reloading the page. */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (`${window.location.pathname}${window.location.search}` === path) return;
  if (options.replace) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}
