/**
 * Verify a certificate (DESIGN §8): paste the HC1 text, open a picture of the QR, or hold it up
 * to the camera, or drop a picture or PDF on the screen. Pictures the browser decodes are read here
 * (jsQR) and only the text goes to the core; a picture that yields nothing, and any other file (a
 * PDF, a text file, a HEIC), is handed to the core as a file, whose report reads it or says why.
 */
import { useId, useState, type DragEvent, type FormEvent } from 'react';
import type { ResultOf } from '../../../../shared/rpc/contract.js';
import { BusyButton } from '../../components/BusyButton.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { NotAvailable } from '../../components/Notices.js';
import { Screen } from '../../components/Screen.js';
import { fileToBase64 } from '../../hooks/files.js';
import { formatDateTime } from '../../i18n/format.js';
import { useI18n } from '../../i18n/I18nContext.js';
import type { MessageKey } from '../../i18n/vi.js';
import { useRpc } from '../../rpc/RpcContext.js';
import { isUnavailable } from '../../rpc/useCall.js';
import { Camera } from './Camera.js';
import { entryViews } from '../../../../shared/dcc/entryView.js';
import { passedOverWarning } from '../../../../shared/dcc/otherCode.js';
import { holderText } from './holder.js';
import { readQrFromFile } from './readQrImage.js';
import { VERIFY_ACCEPT, readInBrowser } from './verifyFiles.js';

type Report = ResultOf<'dcc.verify'>;
const STEPS = ['image', 'prefix', 'base45', 'zlib', 'cose', 'kid', 'signature', 'expiry', 'keyUsage', 'schema'] as const;

function ReportView({ report }: { report: Report }) {
  const { t, pick } = useI18n();
  const holder = holderText(report.payload, t);
  return (
    <section className={`verify-report ${report.valid ? 'valid' : 'invalid'}`} aria-labelledby="verify-verdict">
      <h2 id="verify-verdict" className="verdict" data-testid="verify-verdict">
        {report.valid ? t('verify.valid') : t('verify.invalid')}
      </h2>
      {holder !== null && <p>{holder}</p>}
      {entryViews(report.payload).map((view, i) => (
        <section key={`${view.kind}-${i}`} className="verify-entry" aria-labelledby={`verify-entry-${i}`}>
          <h3 id={`verify-entry-${i}`}>{pick(view.titleVi, view.titleEn)}</h3>
          <dl className="facts" data-testid={`verify-entry-${view.kind}`}>
            {view.lines.map((l) => (
              <div key={l.key} className="fact">
                <dt>{pick(l.labelVi, l.labelEn)}</dt>
                <dd>
                  {pick(l.value, l.valueEn ?? l.value)}
                  {l.code !== undefined && <span className="muted"> ({l.code})</span>}
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
      {report.claims !== null && (
        <p>
          {t('verify.claims', {
            iss: report.claims.iss ?? '—',
            iat: report.claims.iat != null ? formatDateTime(report.claims.iat) : '—',
            exp: report.claims.exp != null ? formatDateTime(report.claims.exp) : '—',
          })}
        </p>
      )}
      {report.errors.length + report.warnings.length > 0 && (
        <ul className="findings">
          {report.errors.map((e, i) => (
            <li key={`${e.code}-${i}`} className="finding finding-error">
              {pick(e.message_vi, e.message_en) || e.message} <span className="muted">({e.code})</span>
            </li>
          ))}
          {report.warnings.map((w, i) => (
            <li key={`w-${w.code}-${i}`} className="finding finding-warning">
              {pick(w.message_vi, w.message_en) || w.message} <span className="muted">({w.code})</span>
            </li>
          ))}
        </ul>
      )}
      <h3>{t('verify.steps')}</h3>
      <ul className="steps">
        {STEPS.filter((s) => s in report.steps).map((s) => {
          const v = report.steps[s];
          return (
            <li key={s} className={v === true ? 'step-pass' : v === false ? 'step-fail' : 'step-skip'}>
              {t(`step.${s}` as MessageKey)}: {v === true ? t('verify.pass') : v === false ? t('verify.fail') : t('verify.skip')}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

export function VerifyScreen() {
  const { t } = useI18n();
  const client = useRpc();
  const ids = useId();
  const [text, setText] = useState('');
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [camera, setCamera] = useState(false);
  const [busy, setBusy] = useState(false);

  /**
   * `readHere`: the text came from a picture this page read; the core, given only text, never saw
   * it, nor the other codes passed over beside the certificate (`passedOver`, said as a warning).
   */
  const verify = async (params: Parameters<typeof client.call<'dcc.verify'>>[1], readHere = false, passedOver: string[] = []) => {
    setBusy(true);
    setError(null);
    setReport(null);
    try {
      const result = await client.call('dcc.verify', params);
      // Else a QR read from a picture said "Image read: not reached / not applicable" (probe 19).
      const warning = passedOverWarning(passedOver);
      const warnings = warning === null ? result.warnings : [...result.warnings, warning];
      setReport(readHere ? { ...result, warnings, steps: { ...result.steps, image: true } } : result);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const onPaste = (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (text.trim() !== '') void verify({ text: text.trim() });
  };

  const onImage = async (file: File | undefined) => {
    if (file === undefined || busy) return;
    const found = readInBrowser(file) ? await readQrFromFile(file).catch(() => null) : null;
    if (found !== null) {
      setText(found.text);
      await verify({ text: found.text }, true, found.passedOver);
      return;
    }
    // No "no QR found" notice here: the core reads what the page could not (a PDF) or its report
    // says what the file is, and a notice beside a valid verdict contradicted it.
    await verify({ file: { name: file.name.slice(0, 255), base64: await fileToBase64(file) } });
  };

  // A file dropped anywhere on the screen is taken as if opened (the browser would otherwise open it).
  const onDragOver = (e: DragEvent) => {
    if (e.dataTransfer.types.includes('Files')) e.preventDefault();
  };
  const onDrop = (e: DragEvent) => {
    if (e.dataTransfer.files.length === 0) return;
    e.preventDefault();
    void onImage(e.dataTransfer.files[0]);
  };

  if (error !== null && isUnavailable(error)) {
    return (
      <Screen name="verify" title={t('verify.title')}>
        <NotAvailable />
      </Screen>
    );
  }
  return (
    <Screen name="verify" title={t('verify.title')}>
      <div className="verify-drop" onDragOver={onDragOver} onDrop={onDrop} data-testid="verify-drop">
        <form onSubmit={onPaste} className="verify-form">
          <div className="field field-wide">
            <label htmlFor={`${ids}-text`}>{t('verify.paste')}</label>
            <textarea id={`${ids}-text`} value={text} onChange={(e) => setText(e.target.value)} rows={4} spellCheck={false} className="mono" />
          </div>
          <BusyButton type="submit" busy={busy}>
            {t('verify.check')}
          </BusyButton>
        </form>
        <div className="form-grid">
          <div className="field">
            <label htmlFor={`${ids}-image`}>{t('verify.image')}</label>
            <input id={`${ids}-image`} type="file" accept={VERIFY_ACCEPT} onChange={(e) => void onImage(e.target.files?.[0])} disabled={busy} />
          </div>
          <div className="field">
            {!camera && (
              <button type="button" className="button secondary" onClick={() => setCamera(true)}>
                {t('verify.camera')}
              </button>
            )}
          </div>
        </div>
        {camera && (
          <Camera
            onStop={() => setCamera(false)}
            onText={(found) => {
              setCamera(false);
              setText(found);
              void verify({ text: found }, true);
            }}
          />
        )}
        {error !== null && <ErrorMessage error={error} />}
        {/* The verdict, said by a screen reader when it comes (the report below is not a live region:
            all its steps would be read). Always in the page: a live region added with its text is
            not announced. Emptied when a check starts, so the same verdict twice is said twice. */}
        <p className="visually-hidden" role="status" data-testid="verify-announce">
          {report === null ? '' : report.valid ? t('verify.valid') : t('verify.invalid')}
        </p>
        {report !== null && <ReportView report={report} />}
      </div>
    </Screen>
  );
}
