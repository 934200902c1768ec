/**
 * Start-up: choose the transport (browser host WebSocket or Electron MessagePort), make the one
 * RpcClient, read the language setting, then show the station.
 */
import { useCallback, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { RpcClient } from '../../shared/rpc/client.js';
import { App, useLanguageSetting } from './app/App.js';
import { I18nProvider, translate } from './i18n/I18nContext.js';
import { connectTransport } from './rpc/connect.js';
import { RpcProvider } from './rpc/RpcContext.js';

function Station({ client, lost }: { client: RpcClient; lost: boolean }) {
  return (
    <RpcProvider client={client}>
      <WithLanguage lost={lost} />
    </RpcProvider>
  );
}

function WithLanguage({ lost }: { lost: boolean }) {
  const { initial, save } = useLanguageSetting();
  const onChange = useCallback(save, [save]);
  if (initial === null) return <Waiting />;
  return (
    <I18nProvider initial={initial} onChange={onChange}>
      <App connectionLost={lost} />
    </I18nProvider>
  );
}

function Waiting({ failed = false }: { failed?: boolean }) {
  // Before the language setting is known: Vietnamese first, English beside it.
  const key = failed ? 'app.connectFailed' : 'app.connecting';
  return (
    <main className="startup" role={failed ? 'alert' : 'status'}>
      <p lang="vi">{translate('vi', key)}</p>
      <p lang="en">{translate('en', key)}</p>
    </main>
  );
}

function Root() {
  const [client, setClient] = useState<RpcClient | null>(null);
  const [failed, setFailed] = useState(false);
  const [lost, setLost] = useState(false);
  useEffect(() => {
    let cancelled = false;
    connectTransport().then(
      (transport) => {
        if (cancelled) return;
        transport.onClose?.(() => setLost(true));
        setClient(new RpcClient(transport));
      },
      () => setFailed(true),
    );
    return () => {
      cancelled = true;
    };
  }, []);
  if (client === null) return <Waiting failed={failed} />;
  return <Station client={client} lost={lost} />;
}

const root = document.getElementById('root');
if (root !== null) {
  // No StrictMode: its doubled effects would open a second connection to the core in development.
  createRoot(root).render(<Root />);
}
