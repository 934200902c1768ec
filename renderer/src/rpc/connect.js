import { stationShell } from '../hooks/shell.js';
import { messagePortTransport, openWebSocketTransport, rpcUrlFor } from './transports.js';
const SECRET_KEY = 'station.secret';
export const PORT_MESSAGE_TYPE = 'station-rpc-port';
/** The secret from `#secret=...` (first visit) or this tab's storage (reload); strips the fragment. */
export function takeSecret(loc, storage, history) {
    const match = /(?:^#|&)secret=([A-Za-z0-9_-]+)/.exec(loc.hash);
    if (match?.[1] !== undefined) {
        storage.setItem(SECRET_KEY, match[1]);
        history.replaceState(null, '', `${loc.pathname}${loc.search}#/`);
        return match[1];
    }
    return storage.getItem(SECRET_KEY);
}
function waitForPort(win, timeoutMs, ask) {
    return new Promise((resolve, reject) => {
        const timer = win.setTimeout(() => {
            win.removeEventListener('message', onMessage);
            reject(new Error('no port'));
        }, timeoutMs);
        function onMessage(event) {
            const data = event.data;
            const port = event.ports[0];
            if (event.source !== win || port === undefined)
                return;
            if (typeof data !== 'object' || data === null || data.type !== PORT_MESSAGE_TYPE)
                return;
            win.clearTimeout(timer);
            win.removeEventListener('message', onMessage);
            resolve(port);
        }
        // Listen first, then ask: the port may come back at once.
        win.addEventListener('message', onMessage);
        ask();
    });
}
export async function connectTransport(win = window) {
    const secret = takeSecret(win.location, win.sessionStorage, win.history);
    if (secret !== null)
        return openWebSocketTransport(rpcUrlFor(win.location), secret);
    const shell = stationShell(win);
    return messagePortTransport(await waitForPort(win, 10_000, () => shell?.connectRpc()));
}
//# sourceMappingURL=connect.js.map