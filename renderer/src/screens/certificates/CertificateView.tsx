/**
 * One certificate as it is printed: the 11 fields in both languages and the QR code; a paper size
 * switch (A4 sheet, A6 pocket card) and print / save as PDF through the browser's print dialog.
 * The print layout is in styles/print.css (named @page sizes). The certificate itself is always
 * bilingual, whatever the interface language.
 *
 * A certificate the platform revoked (a correction replaced it) says so first, links to the
 * replacing one, and offers no Print / Save PDF: handed out, it would carry the details the
 * correction took away (probe 17, F1). Printing it anyway takes `station certificates export
 * --even-if-revoked`; a browser's own print still shows the "ĐÃ THU HỒI / REVOKED" mark on it.
 */
import { useState } from 'react';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { shellError, stationShell } from '../../hooks/shell.js';
import { href } from '../../app/routes.js';
import { Notice } from '../../components/Notices.js';
import { Pending } from '../../components/Pending.js';
import { Screen } from '../../components/Screen.js';
import { formatDate, formatDateTime } from '../../i18n/format.js';
import { translate, useI18n } from '../../i18n/I18nContext.js';
import { useRpc } from '../../rpc/RpcContext.js';
import { useCall } from '../../rpc/useCall.js';
import { verificationNotice, type VerificationNotice } from './verificationNotice.js';

type Layout = 'a4' | 'a6';

/** The core's QR SVG as an image: an <img> never runs what it shows, and CSP allows data: images. */
export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/** The verdict on the stored certificate: what failed, in words, with the Viet Nam time. */
function VerificationNoticeView({ notice }: { notice: VerificationNotice }) {
  const { t, pick } = useI18n();
  return (
    <Notice kind={notice.kind}>
      <div data-testid="certificate-verification">
        {notice.lines.map((l) => (
          <p key={l.key}>{t(l.key, l.vars)}</p>
        ))}
        {notice.others.length > 0 && (
          <ul>
            {notice.others.map((e, i) => (
              <li key={i}>
                {pick(e.message_vi ?? e.message, e.message_en ?? e.message)} <span className="muted">({e.code})</span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </Notice>
  );
}

interface Standing {
  revocation: { revokedAt: string; replacedBy: { recordId: string; uvci: string | null } | null } | null;
  correctionPending: { recordId: string } | null;
}

/** Revoked, or about to be (a correction made here, not yet synced): what to use instead. */
function StandingNotice({ c }: { c: Standing }) {
  const { t } = useI18n();
  if (c.revocation !== null) {
    const by = c.revocation.replacedBy;
    return (
      <Notice kind="error">
        <div data-testid="certificate-revoked">
          <p>
            <strong>{t('certs.revokedNotice', { at: formatDateTime(c.revocation.revokedAt) })}</strong>
          </p>
          {by !== null && by.uvci !== null && (
            <p>
              {t('certs.replacedBy', { uvci: by.uvci })} <a href={href('certificates', by.recordId)}>{t('certs.openReplacement')}</a>
            </p>
          )}
          {by !== null && by.uvci === null && (
            <p>
              {t('certs.replacementNotYet')} <a href={href('records', by.recordId)}>{t('certs.openCorrection')}</a>
            </p>
          )}
          <p>{t('certs.noPrintRevoked')}</p>
        </div>
      </Notice>
    );
  }
  if (c.correctionPending === null) return null;
  return (
    <Notice kind="info">
      <div data-testid="certificate-correction-pending">
        <p>{t('certs.correctionPending')}</p>
        <a href={href('records', c.correctionPending.recordId)}>{t('certs.openCorrection')}</a>
      </div>
    </Notice>
  );
}

export function CertificateView({ recordId }: { recordId: string }) {
  const { t } = useI18n();
  const [state, reload] = useCall('certificates.get', { recordId });
  const client = useRpc();
  const [layout, setLayout] = useState<Layout>('a4');
  const [printError, setPrintError] = useState<unknown>(null);
  const shell = stationShell();
  const pageSize = layout === 'a4' ? 'A4' : 'A6';
  /**
   * Asked again just before it goes to paper: a sync (scheduled, or in another window) may have
   * revoked it since the screen loaded; then the screen shows that instead of printing (review
   * of session 17).
   */
  const stillStands = async (): Promise<boolean> => {
    try {
      const now = await client.call('certificates.get', { recordId });
      if (now.revocation === null) return true;
    } catch (error) {
      setPrintError(error);
      return false;
    }
    reload();
    return false;
  };
  // In Electron the shell prints (and saves PDFs) on the chosen paper; in a browser, its dialog.
  const print = async () => {
    setPrintError(null);
    if (!(await stillStands())) return;
    if (shell === null) {
      window.print();
      return;
    }
    const r = await shell.print({ pageSize });
    if (r.status === 'failed') setPrintError(shellError(r));
  };
  const savePdf = async (uvci: string) => {
    if (shell === null) return;
    setPrintError(null);
    if (!(await stillStands())) return;
    const r = await shell.savePdf({ pageSize, suggestedName: `${uvci.replace(/[^A-Za-z0-9]+/g, '_')}.pdf` });
    if (r.status === 'failed') setPrintError(shellError(r));
  };
  return (
    <Screen
      name="certificate"
      title={t('certs.heading')}
      actions={
        <a className="button secondary" href={href('certificates')}>
          {t('certs.back')}
        </a>
      }
    >
      <Pending state={state}>
        {(c) => (
          <>
            <div className="no-print print-controls">
              <StandingNotice c={c} />
              {c.revocation === null && (
                <>
                  <fieldset className="inline">
                    <legend>{t('certs.layout')}</legend>
                    {(['a4', 'a6'] as const).map((l) => (
                      <label key={l} className="checkbox">
                        <input type="radio" name="layout" value={l} checked={layout === l} onChange={() => setLayout(l)} /> {t(l === 'a4' ? 'certs.a4' : 'certs.a6')}
                      </label>
                    ))}
                  </fieldset>
                  <button type="button" className="button primary" onClick={() => void print()}>
                    {t('certs.print')}
                  </button>
                  {shell !== null && (
                    <button type="button" className="button secondary" onClick={() => void savePdf(c.uvci)}>
                      {t('certs.savePdf')}
                    </button>
                  )}
                </>
              )}
              <VerificationNoticeView notice={verificationNotice(c.verification, c)} />
            </div>
            {printError !== null && <ErrorMessage error={printError} />}
            <article className={`certificate layout-${layout}`} data-layout={layout} aria-label={t('certs.heading')}>
              <header className="certificate-header">
                <p className="certificate-issuer" lang="vi">
                  {translate('vi', 'certs.issuer')}
                </p>
                <p className="certificate-issuer" lang="en">
                  {translate('en', 'certs.issuer')}
                </p>
                <h2 className="certificate-title">
                  <span lang="vi">{translate('vi', 'certs.heading')}</span> / <span lang="en">{translate('en', 'certs.heading')}</span>
                </h2>
                {c.revocation !== null && (
                  <p className="certificate-revoked-mark" data-testid="certificate-revoked-mark">
                    <span lang="vi">{translate('vi', 'certs.revokedMark')}</span> / <span lang="en">{translate('en', 'certs.revokedMark')}</span>
                  </p>
                )}
              </header>
              <div className="certificate-body">
                <dl className="certificate-fields">
                  {c.fields.map((f) => (
                    <div key={f.key} className="certificate-field" data-field={f.key}>
                      <dt>
                        <span lang="vi">{f.labelVi}</span> / <span lang="en">{f.labelEn}</span>
                      </dt>
                      <dd>
                        <span lang="vi">{f.value}</span>
                        {f.valueEn !== undefined && f.valueEn !== f.value && (
                          <>
                            {' / '}
                            <span lang="en">{f.valueEn}</span>
                          </>
                        )}
                      </dd>
                    </div>
                  ))}
                </dl>
                <figure className="certificate-qr">
                  <img src={svgDataUrl(c.qrSvg)} alt={t('certs.qrAlt')} data-testid="certificate-qr" />
                  <figcaption>
                    <code>{c.uvci}</code>
                    <br />
                    {formatDate(c.issuedAt)} – {formatDate(c.expiresAt)}
                  </figcaption>
                </figure>
              </div>
            </article>
          </>
        )}
      </Pending>
    </Screen>
  );
}
