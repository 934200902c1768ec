/**
 * The station's window: skip link, header with the language switch, the list of screens, and the
 * current screen in <main>. Keyboard first: every screen is a link in the nav (Tab + Enter), the
 * skip link jumps past the nav, and each screen focuses its own heading when it opens.
 */
import { useEffect, useState } from 'react';
import { SignerStatusBanner } from '../components/SignerStatusBanner.js';
import { useI18n, type Language } from '../i18n/I18nContext.js';
import { useRpc } from '../rpc/RpcContext.js';
import { AuditScreen } from '../screens/audit/AuditScreen.js';
import { CertificatesScreen } from '../screens/certificates/CertificatesScreen.js';
import { EntryScreen } from '../screens/entry/EntryScreen.js';
import { ImportScreen } from '../screens/import/ImportScreen.js';
import { OverviewScreen } from '../screens/overview/OverviewScreen.js';
import { PeopleScreen } from '../screens/people/PeopleScreen.js';
import { RecordsScreen } from '../screens/records/RecordsScreen.js';
import { SettingsScreen } from '../screens/settings/SettingsScreen.js';
import { SignScreen } from '../screens/sign/SignScreen.js';
import { SyncScreen } from '../screens/sync/SyncScreen.js';
import { VerifyScreen } from '../screens/verify/VerifyScreen.js';
import { NAV_LABELS, SCREENS, href, type Route } from './routes.js';
import { useRoute } from './useRoute.js';

function CurrentScreen({ route }: { route: Route }) {
  switch (route.screen) {
    case 'overview':
      return <OverviewScreen />;
    case 'records':
      return <RecordsScreen recordId={route.param} query={route.query} />;
    case 'people':
      return <PeopleScreen />;
    case 'entry':
      return <EntryScreen recordId={route.param} />;
    case 'import':
      return <ImportScreen />;
    case 'sign':
      return <SignScreen />;
    case 'sync':
      return <SyncScreen />;
    case 'certificates':
      return <CertificatesScreen recordId={route.param} />;
    case 'verify':
      return <VerifyScreen />;
    case 'settings':
      return <SettingsScreen />;
    case 'audit':
      return <AuditScreen />;
  }
}

function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  const choices: [Language, string][] = [
    ['vi', 'Tiếng Việt'],
    ['en', 'English'],
  ];
  return (
    <div className="language-switch" role="group" aria-label={t('app.language')}>
      {choices.map(([code, name]) => (
        <button key={code} type="button" lang={code} className="button link" aria-pressed={lang === code} onClick={() => setLang(code)}>
          {name}
        </button>
      ))}
    </div>
  );
}

export function App({ connectionLost }: { connectionLost: boolean }) {
  const { t, lang } = useI18n();
  const route = useRoute();
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = `${t(NAV_LABELS[route.screen])} — ${t('app.title')}`;
  }, [lang, route.screen, t]);
  return (
    <>
      <a className="skip-link" href="#main" onClick={(e) => {
        e.preventDefault();
        document.getElementById('main')?.focus();
      }}>
        {t('app.skip')}
      </a>
      <header className="app-header">
        <p className="app-title">{t('app.title')}</p>
        <LanguageSwitch />
      </header>
      {connectionLost && (
        <div className="notice notice-error banner" role="alert">
          <p>{t('app.connectionLost')}</p>
          <button type="button" className="button" onClick={() => window.location.reload()}>
            {t('app.reload')}
          </button>
        </div>
      )}
      <SignerStatusBanner />
      <div className="app-body">
        <nav className="app-nav" aria-label={t('app.mainNav')}>
          <ul>
            {SCREENS.map((screen) => (
              <li key={screen}>
                <a
                  href={href(screen)}
                  aria-current={route.screen === screen ? 'page' : undefined}
                  data-nav={screen}
                  onClick={() => {
                    // The same screen again: no route change, but the user still expects to land on it.
                    if (route.screen === screen && route.param === null) document.querySelector<HTMLElement>('main h1')?.focus();
                  }}
                >
                  {t(NAV_LABELS[screen])}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" tabIndex={-1}>
          <CurrentScreen route={route} />
        </main>
      </div>
    </>
  );
}

/** Keeps the language choice in the station's settings; failures are harmless (UI only). */
export function useLanguageSetting(): { initial: Language | null; save: (lang: Language) => void } {
  const client = useRpc();
  const [initial, setInitial] = useState<Language | null>(null);
  useEffect(() => {
    client.call('settings.get', { key: 'ui.language' }).then(
      (r) => setInitial(r.value === 'en' ? 'en' : 'vi'),
      () => setInitial('vi'),
    );
  }, [client]);
  return {
    initial,
    save: (lang) => {
      client.call('settings.set', { key: 'ui.language', value: lang }).catch(() => undefined);
    },
  };
}
