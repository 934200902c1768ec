/** Certificates pulled back from the platform: a searchable list; a record id shows one. */
import { useState } from 'react';
import { href } from '../../app/routes.js';
import { Pending } from '../../components/Pending.js';
import { Screen } from '../../components/Screen.js';
import { useDebounced } from '../../hooks/useDebounced.js';
import { formatDate } from '../../i18n/format.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { useCall } from '../../rpc/useCall.js';
import { CertificateView } from './CertificateView.js';

const PAGE = 50;
/** The expiry filter: all, only the valid, only the expired — by the station's clock, as the "Expired" mark. */
type Expiry = '' | 'valid' | 'expired';

function CertificateList() {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const [expiry, setExpiry] = useState<Expiry>('');
  const [limit, setLimit] = useState(PAGE);
  const query = useDebounced(search.trim(), 200);
  const [list] = useCall('certificates.list', { limit, ...(query === '' ? {} : { search: query }), ...(expiry === '' ? {} : { expired: expiry === 'expired' }) });
  return (
    <Screen name="certificates" title={t('certs.title')}>
      <form role="search" onSubmit={(e) => e.preventDefault()} className="filters">
        <div className="field field-wide">
          <label htmlFor="cert-search">{t('certs.search')}</label>
          <input id="cert-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} autoComplete="off" aria-describedby="cert-search-hint" />
          <p id="cert-search-hint" className="hint">
            {t('certs.searchHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor="cert-expiry">{t('certs.expiry')}</label>
          <select id="cert-expiry" value={expiry} onChange={(e) => setExpiry(e.target.value as Expiry)}>
            <option value="">{t('certs.expiryAll')}</option>
            <option value="valid">{t('certs.expiryValid')}</option>
            <option value="expired">{t('certs.expiryExpired')}</option>
          </select>
        </div>
      </form>
      <Pending state={list}>
        {(r) =>
          r.items.length === 0 ? (
            <p data-testid="certs-none">{query === '' && expiry === '' ? t('certs.none') : t('certs.noneMatch')}</p>
          ) : (
            <>
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{t('col.name')}</th>
                    <th scope="col">{t('col.uvci')}</th>
                    <th scope="col">{t('col.issued')}</th>
                    <th scope="col">{t('col.expires')}</th>
                  </tr>
                </thead>
                <tbody>
                  {r.items.map((c) => (
                    <tr key={c.recordId}>
                      <td>
                        <a href={href('certificates', c.recordId)} aria-label={t('certs.open', { name: c.fullName })}>
                          {c.fullName}
                        </a>
                        {c.revokedAt !== null && <span className="badge badge-rejected"> {t('certs.revoked')}</span>}
                        {c.revokedAt === null && c.expired && (
                          <span className="badge badge-superseded" data-testid="cert-expired">
                            {' '}
                            {t('certs.expiredMark')}
                          </span>
                        )}
                        {c.awaitingReplacement && (
                          <span className="badge badge-signed" data-testid="cert-awaiting-replacement" title={t('certs.correctionPending')}>
                            {' '}
                            {t('certs.awaitingReplacement')}
                          </span>
                        )}
                      </td>
                      <td>
                        <code>{c.uvci}</code>
                      </td>
                      <td>{formatDate(c.issuedAt)}</td>
                      <td>{formatDate(c.expiresAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {r.total > r.items.length && (
                <button type="button" className="button secondary" onClick={() => setLimit((l) => Math.min(1000, l + PAGE))}>
                  {t('common.loadMore')}
                </button>
              )}
            </>
          )
        }
      </Pending>
    </Screen>
  );
}

export function CertificatesScreen({ recordId }: { recordId: string | null }) {
  return recordId === null ? <CertificateList /> : <CertificateView recordId={recordId} />;
}
