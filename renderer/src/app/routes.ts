/**
 * Screens are addressed by the URL fragment (`#/records`, `#/records/<id>`): the browser host
 * serves one page, back/forward work, and nothing but the fragment changes. A link may carry a
 * screen's filters after `?` (`#/records?state=draft`): the screen opens with them selected.
 */
import type { MessageKey } from '../i18n/vi.js';

export const SCREENS = ['overview', 'records', 'people', 'entry', 'import', 'sign', 'sync', 'certificates', 'verify', 'settings', 'audit'] as const;
export type ScreenName = (typeof SCREENS)[number];

export interface Route {
  screen: ScreenName;
  /** The rest of the path: a record id, a certificate's record id. */
  param: string | null;
  /** The filters after `?` (`state=draft`); each screen reads the ones it knows and checks them. */
  query: Readonly<Record<string, string>>;
}

export const NAV_LABELS: Readonly<Record<ScreenName, MessageKey>> = {
  overview: 'nav.overview',
  records: 'nav.records',
  people: 'nav.people',
  entry: 'nav.entry',
  import: 'nav.import',
  sign: 'nav.sign',
  sync: 'nav.sync',
  certificates: 'nav.certificates',
  verify: 'nav.verify',
  settings: 'nav.settings',
  audit: 'nav.audit',
};

export function parseRoute(hash: string): Route {
  const [path = '', search = ''] = hash.replace(/^#\/?/, '').split('?', 2);
  const [name, ...rest] = path.split('/');
  const screen = (SCREENS as readonly string[]).includes(name ?? '') ? (name as ScreenName) : 'overview';
  const param = rest.length > 0 && rest[0] !== '' ? decodeURIComponent(rest.join('/')) : null;
  return { screen, param, query: screen === name ? Object.fromEntries(new URLSearchParams(search)) : {} };
}

export function href(screen: ScreenName, param?: string, query?: Readonly<Record<string, string>>): string {
  const path = param === undefined ? `#/${screen}` : `#/${screen}/${encodeURIComponent(param)}`;
  const search = query === undefined ? '' : new URLSearchParams(query).toString();
  return search === '' ? path : `${path}?${search}`;
}

export function navigate(screen: ScreenName, param?: string): void {
  window.location.hash = href(screen, param).slice(1);
}
