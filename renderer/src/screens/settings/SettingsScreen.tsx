/**
 * Settings (DESIGN §10 keys): facility, national platform (the API key is write-only: the core
 * never sends it back, only whether one is set), PKCS#11 library, language. A facility code
 * change refused because batches signed under the current code wait for the platform asks first,
 * and goes through only for a code that was wrong from the start. Below: the backups.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { SETTINGS_KEYS } from '../../../../shared/rpc/contract.js';
import { Dialog } from '../../components/Dialog.js';
import { BackupsPanel } from './BackupsPanel.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { Loading, NotAvailable, Notice } from '../../components/Notices.js';
import { Screen } from '../../components/Screen.js';
import { useI18n } from '../../i18n/I18nContext.js';
import type { MessageKey } from '../../i18n/vi.js';
import { href } from '../../app/routes.js';
import { useRpc } from '../../rpc/RpcContext.js';
import { RpcError } from '../../../../shared/rpc/client.js';
import { isUnavailable } from '../../rpc/useCall.js';

type Key = (typeof SETTINGS_KEYS)[number];
const EDITABLE: readonly { key: Key; group: MessageKey }[] = [
  { key: 'facility.code', group: 'settings.facility' },
  { key: 'facility.name', group: 'settings.facility' },
  { key: 'facility.taxCode', group: 'settings.facility' },
  { key: 'platform.url', group: 'settings.platform' },
  { key: 'platform.key', group: 'settings.platform' },
  { key: 'pkcs11.module', group: 'settings.signing' },
];
const GROUPS: readonly MessageKey[] = ['settings.facility', 'settings.platform', 'settings.signing'];
const SECRET: Key = 'platform.key';

export function SettingsScreen() {
  const { t, lang, setLang } = useI18n();
  const client = useRpc();
  const ids = useId();
  const [loaded, setLoaded] = useState<Partial<Record<Key, string | null>> | null>(null);
  const [values, setValues] = useState<Partial<Record<Key, string>>>({});
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [saving, setSaving] = useState(false);
  // FACILITY_CODE_BATCHES_WAITING: the refusal, shown in a dialog that may confirm the change.
  const [waiting, setWaiting] = useState<RpcError | null>(null);

  useEffect(() => {
    Promise.all(EDITABLE.map(({ key }) => client.call('settings.get', { key }))).then(
      (all) => {
        const got: Partial<Record<Key, string | null>> = {};
        const form: Partial<Record<Key, string>> = {};
        for (const { key, value } of all) {
          got[key] = value;
          form[key] = key === SECRET ? '' : (value ?? '');
        }
        setLoaded(got);
        setValues(form);
      },
      (err: unknown) => setError(err),
    );
  }, [client]);

  const save = async (e: FormEvent | null, confirmUnsynced = false) => {
    e?.preventDefault();
    if (loaded === null) return;
    setWaiting(null);
    setSaving(true);
    setSaved(false);
    setError(null);
    try {
      for (const { key } of EDITABLE) {
        const value = (values[key] ?? '').trim();
        // The key field is empty unless a new key was typed: empty means "keep the one set".
        if (key === SECRET && value === '') continue;
        if (key !== SECRET && value === (loaded[key] ?? '')) continue;
        const stored = await client.call('settings.set', { key, value: value === '' ? null : value, ...(confirmUnsynced && key === 'facility.code' ? { confirmUnsynced } : {}) });
        // The field shows what the core stored, which may differ from what was typed (a module
        // path's quotes, pasted from Explorer's "Copy as path", are dropped).
        setLoaded((l) => ({ ...l, [key]: key === SECRET ? '********' : stored.value }));
        if (key !== SECRET) setValues((v) => ({ ...v, [key]: stored.value ?? '' }));
      }
      setValues((v) => ({ ...v, [SECRET]: '' }));
      setSaved(true);
    } catch (err) {
      if (err instanceof RpcError && err.code === 'FACILITY_CODE_BATCHES_WAITING') setWaiting(err);
      else setError(err);
    } finally {
      setSaving(false);
    }
  };

  if (error !== null && isUnavailable(error)) return <Screen name="settings" title={t('settings.title')}><NotAvailable /></Screen>;
  return (
    <Screen name="settings" title={t('settings.title')}>
      {loaded === null && error === null && <Loading />}
      {loaded !== null && (
        <form onSubmit={(e) => void save(e)} className="settings-form">
          {GROUPS.map((group) => (
            <fieldset key={group}>
              <legend>{t(group)}</legend>
              {EDITABLE.filter((s) => s.group === group).map(({ key }) => (
                <div className="field field-wide" key={key}>
                  <label htmlFor={`${ids}-${key}`}>{t(`setting.${key}` as MessageKey)}</label>
                  <input
                    id={`${ids}-${key}`}
                    type={key === SECRET ? 'password' : key === 'platform.url' ? 'url' : 'text'}
                    value={values[key] ?? ''}
                    onChange={(e) => setValues((v) => ({ ...v, [key]: e.target.value }))}
                    autoComplete="off"
                    aria-describedby={key === SECRET ? `${ids}-key-state` : undefined}
                  />
                  {key === SECRET && (
                    <p id={`${ids}-key-state`} className="hint">
                      {loaded[SECRET] !== null && loaded[SECRET] !== undefined ? t('settings.keySet') : t('settings.keyUnset')}
                    </p>
                  )}
                </div>
              ))}
            </fieldset>
          ))}
          <fieldset>
            <legend>{t('settings.display')}</legend>
            <div className="field">
              <label htmlFor={`${ids}-lang`}>{t('app.language')}</label>
              <select id={`${ids}-lang`} value={lang} onChange={(e) => setLang(e.target.value === 'en' ? 'en' : 'vi')}>
                <option value="vi">{t('settings.lang.vi')}</option>
                <option value="en">{t('settings.lang.en')}</option>
              </select>
            </div>
          </fieldset>
          <div className="form-actions">
            <button type="submit" className="button primary" disabled={saving}>
              {t('common.save')}
            </button>
          </div>
        </form>
      )}
      {saved && <Notice kind="ok">{t('settings.saved')}</Notice>}
      {error !== null && <ErrorMessage error={error} keptInput />}
      {loaded !== null && <BackupsPanel />}
      {waiting !== null && (
        <Dialog title={t('settings.facilityWaitingTitle')} onClose={() => setWaiting(null)} labelId={`${ids}-waiting`}>
          <ErrorMessage error={waiting} keptInput />
          <div className="form-actions">
            <a className="button primary" href={href('sync')}>
              {t('settings.facilityWaitingSync')}
            </a>
            <button type="button" className="button" data-testid="facility-change-anyway" onClick={() => void save(null, true)}>
              {t('settings.facilityWaitingConfirm')}
            </button>
            <button type="button" className="button" onClick={() => setWaiting(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </Dialog>
      )}
    </Screen>
  );
}
