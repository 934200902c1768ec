export const RPC_SUBPROTOCOL = 'station.rpc.v1';
/** The URL of the host's RPC endpoint, seen from the page's location. */
export function rpcUrlFor(location) {
    return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/rpc`;
}
/** Opens the WebSocket and resolves once it is open (rejects if the host refuses it). */
export function openWebSocketTransport(url, secret, makeSocket = (u, p) => new WebSocket(u, p)) {
    return new Promise((resolve, reject) => {
        const socket = makeSocket(url, [RPC_SUBPROTOCOL, `secret.${secret}`]);
        const receivers = new Set();
        const closers = new Set();
        let opened = false;
        socket.addEventListener('open', () => {
            opened = true;
            resolve({
                send: (message) => socket.send(JSON.stringify(message)),
                onMessage(receive) {
                    receivers.add(receive);
                    return () => receivers.delete(receive);
                },
                onClose: (closed) => closers.add(closed),
            });
        });
        socket.addEventListener('message', (event) => {
            if (typeof event.data !== 'string')
                return;
            let parsed;
            try {
                parsed = JSON.parse(event.data);
            }
            catch {
                return;
            }
            for (const receive of receivers)
                receive(parsed);
        });
        socket.addEventListener('close', () => {
            if (!opened)
                reject(new Error('refused'));
            for (const closed of closers)
                closed();
        });
    });
}
/** A MessagePort from the Electron preload: already connected to the core on the other end. */
export function messagePortTransport(port) {
    const receivers = new Set();
    const closers = new Set();
    port.addEventListener('message', (event) => {
        for (const receive of receivers)
            receive(event.data);
    });
    // Electron's MessagePortMain signals the other side closing with a 'close' event on the port.
    port.addEventListener('close', () => {
        for (const closed of closers)
            closed();
    });
    port.start();
    return {
        send: (message) => port.postMessage(message),
        onMessage(receive) {
            receivers.add(receive);
            return () => receivers.delete(receive);
        },
        onClose: (closed) => closers.add(closed),
    };
}
//# sourceMappingURL=transports.js.map