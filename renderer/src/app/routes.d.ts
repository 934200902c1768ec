/**
 * Screens are addressed by the URL fragment (`#/records`, `#/records/<id>`): the browser host
 * serves one page, back/forward work, and nothing but the fragment changes.
 */
import type { MessageKey } from '../i18n/vi.js';
export declare const SCREENS: readonly ['overview', 'records', 'entry', 'import', 'sign', 'sync', 'certificates', 'verify', 'settings', 'audit'];
export type ScreenName = (typeof SCREENS)[number];
export interface Route {
    screen: ScreenName;
    /** The rest of the path: a record id, a certificate's record id. */
    param: string | null;
}
export declare const NAV_LABELS: Readonly<Record<ScreenName, MessageKey>>;
export declare function parseRoute(hash: string): Route;
export declare function href(screen: ScreenName, param?: string): string;
export declare function navigate(screen: ScreenName, param?: string): void;
