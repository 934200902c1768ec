export function stationShell(win = window) {
    const shell = win.station;
    if (typeof shell !== 'object' || shell === null)
        return null;
    return typeof shell.connectRpc === 'function' ? shell : null;
}
/** A shell failure as an error the screens show like a core error (code + both languages). */
export function shellError(r) {
    return { code: r.code, messageVi: r.message_vi, messageEn: r.message_en };
}
//# sourceMappingURL=shell.js.map