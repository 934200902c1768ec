export const SCREENS = ['overview', 'records', 'entry', 'import', 'sign', 'sync', 'certificates', 'verify', 'settings', 'audit'];
export const NAV_LABELS = {
    overview: 'nav.overview',
    records: 'nav.records',
    entry: 'nav.entry',
    import: 'nav.import',
    sign: 'nav.sign',
    sync: 'nav.sync',
    certificates: 'nav.certificates',
    verify: 'nav.verify',
    settings: 'nav.settings',
    audit: 'nav.audit',
};
export function parseRoute(hash) {
    const [name, ...rest] = hash.replace(/^#\/?/, '').split('/');
    const screen = SCREENS.includes(name ?? '') ? name : 'overview';
    const param = rest.length > 0 && rest[0] !== '' ? decodeURIComponent(rest.join('/')) : null;
    return { screen, param };
}
export function href(screen, param) {
    return param === undefined ? `#/${screen}` : `#/${screen}/${encodeURIComponent(param)}`;
}
export function navigate(screen, param) {
    window.location.hash = href(screen, param).slice(1);
}
//# sourceMappingURL=routes.js.map