/**
 * Signing (DESIGN §5): the tokens found and every certificate on them, usable or why not; what a
 * signature would cover now; the PIN dialog; progress; the signed batch.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { z } from 'zod';
import type { ResultOf } from '../../../../shared/rpc/contract.js';
import { HeldBackRecordSchema } from '../../../../shared/rpc/methods/signing.js';
import { href } from '../../app/routes.js';
import { Notice } from '../../components/Notices.js';
import { Pending } from '../../components/Pending.js';
import { Screen } from '../../components/Screen.js';
import { formatDate } from '../../i18n/format.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { useRpc, useRpcEvent } from '../../rpc/RpcContext.js';
import { newTaskId } from '../../rpc/tasks.js';
import { useCall } from '../../rpc/useCall.js';
import { useTaskProgress } from '../../rpc/useTaskProgress.js';
import { PinDialog, type Token } from './PinDialog.js';

type Signed = ResultOf<'sign.batch'>;
type HeldBack = z.infer<typeof HeldBackRecordSchema>;
/** SIGN_NOTHING_READY when every ready record was held back carries them in its details. */
const RefusalHeldBack = z.object({ details: z.object({ heldBack: z.array(HeldBackRecordSchema).min(1) }) });

/** The choice: a certificate, or (fingerprint null) the one a token shows only after the PIN. */
type Choice = { serial: string; fingerprint: string | null };

/**
 * The token's own notices this card says otherwise: a lock and the tries left by the screen's
 * words above, a certificate shown only after the PIN by its own choice below. Any other
 * (PIN_TO_BE_CHANGED, CERT_NOT_FOUND) is shown as the signer host words it.
 */
const SAID_BY_THE_CARD = new Set(['TOKEN_LOCKED', 'PIN_FINAL_TRY', 'PIN_COUNT_LOW', 'CERT_AFTER_LOGIN']);

/** No PIN can be typed for this token: locked, or its PIN must be changed first (the host sends it none). */
export function tokenRefusesPin(token: Token): boolean {
  return token.flags.locked || token.flags.pinToBeChanged;
}

function TokenCard({ token, chosen, onChoose }: { token: Token; chosen: Choice | null; onChoose: (fingerprint: string | null) => void }) {
  const { t, pick } = useI18n();
  const ids = useId();
  const blocked = tokenRefusesPin(token);
  return (
    <fieldset className="token">
      <legend>{t('sign.token', { label: token.label, manufacturer: token.manufacturer, serial: token.serial })}</legend>
      {token.flags.locked && <Notice kind="error">{t('sign.locked')}</Notice>}
      {!token.flags.locked && token.flags.finalTry && <Notice kind="warning">{t('sign.finalTry')}</Notice>}
      {!token.flags.locked && !token.flags.finalTry && token.flags.countLow && <Notice kind="warning">{t('sign.countLow')}</Notice>}
      {token.warnings
        .filter((w) => !SAID_BY_THE_CARD.has(w.code))
        .map((w) => (
          <Notice key={w.code} kind={w.code === 'PIN_TO_BE_CHANGED' ? 'error' : 'warning'}>
            {pick(w.message_vi, w.message_en)} <span className="muted">({w.code})</span>
          </Notice>
        ))}
      <ul className="certificates">
        {token.certificates.map((c) => (
          <li key={c.fingerprint} className={c.usable ? 'cert usable' : 'cert unusable'}>
            <label className="checkbox">
              <input
                type="radio"
                name={`cert-${ids}`}
                value={c.fingerprint}
                checked={chosen?.serial === token.serial && chosen.fingerprint === c.fingerprint}
                disabled={!c.usable || blocked}
                onChange={() => onChoose(c.fingerprint)}
                aria-describedby={`${ids}-${c.fingerprint}-info`}
              />{' '}
              <strong>{c.subject}</strong>
            </label>
            <div id={`${ids}-${c.fingerprint}-info`} className="cert-info">
              <p>
                <span className={c.usable ? 'badge badge-ready' : 'badge badge-rejected'}>{c.usable ? t('sign.certUsable') : t('sign.certNotUsable')}</span>{' '}
                {t('sign.certValidity', { from: formatDate(c.notBefore), to: formatDate(c.notAfter) })} · {c.keyType} {c.keyBits}
              </p>
              <p className="muted">{t('sign.certIssuer', { issuer: c.issuer })}</p>
              {/* Two certificates on one token often share the subject: label, serial and usage tell them apart. */}
              <p className="muted">
                {t('sign.certIdentity', {
                  label: c.label || '—',
                  serial: c.serialNumber,
                  usage: [c.keyUsage?.join(', ') ?? '—', ...(c.extKeyUsage ? [`EKU ${c.extKeyUsage.join(', ')}`] : [])].join('; '),
                })}
              </p>
              {c.usable &&
                c.warnings.map((w) => (
                  <Notice key={w.code} kind="warning">
                    {pick(w.message_vi, w.message_en)}
                  </Notice>
                ))}
              {c.whyNot.length > 0 && (
                <ul>
                  {c.whyNot.map((w) => (
                    <li key={w.code}>
                      {pick(w.message_vi, w.message_en)} <span className="muted">({w.code})</span>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          </li>
        ))}
        {token.certificatesAfterLogin && (
          <li className="cert after-login">
            <label className="checkbox">
              <input
                type="radio"
                name={`cert-${ids}`}
                checked={chosen?.serial === token.serial && chosen.fingerprint === null}
                disabled={blocked}
                onChange={() => onChoose(null)}
                aria-describedby={`${ids}-after-login`}
              />{' '}
              <strong>{t('sign.certAfterLogin')}</strong>
            </label>
            <p id={`${ids}-after-login`} className="muted">
              {t('sign.certAfterLoginHint')}
            </p>
          </li>
        )}
      </ul>
    </fieldset>
  );
}

export function SignScreen() {
  const { t, pick } = useI18n();
  const client = useRpc();
  const [tokens, reloadTokens] = useCall('token.list', {});
  const [preview, reloadPreview] = useCall('sign.preview', {});
  useRpcEvent('token.changed', reloadTokens);
  const [chosen, setChosen] = useState<Choice | null>(null);
  const [dialogOpen, setDialogOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [signed, setSigned] = useState<Signed | null>(null);
  // Records held back at the last signing: beside what was signed, or alone when every ready one
  // was (only the first one's reason was said then, in the PIN dialog; session 28).
  const [heldBack, setHeldBack] = useState<HeldBack[]>([]);
  const heldBackNotice = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (signed === null && heldBack.length > 0) heldBackNotice.current?.focus();
  }, [signed, heldBack]);
  const [taskId, setTaskId] = useState<string | null>(null);
  const progress = useTaskProgress(taskId);
  // The dialog gives the focus back to its opener, which is disabled once nothing is left to
  // sign: the focus goes to what happened (and the link to Sync after it) instead of the page.
  const signedNotice = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (signed !== null) signedNotice.current?.focus();
  }, [signed]);

  // The only usable certificate (or the only token showing its certificate after the PIN) is
  // chosen for the user.
  useEffect(() => {
    if (tokens.status !== 'ok' || chosen !== null) return;
    const usable = tokens.data.tokens.flatMap((tk): Choice[] =>
      tokenRefusesPin(tk)
        ? []
        : [...tk.certificates.filter((c) => c.usable).map((c) => ({ serial: tk.serial, fingerprint: c.fingerprint })), ...(tk.certificatesAfterLogin ? [{ serial: tk.serial, fingerprint: null }] : [])],
    );
    if (usable.length === 1) setChosen(usable[0]!);
  }, [tokens, chosen]);

  // A choice made before the token said its PIN must be changed (a refresh after CKR_PIN_EXPIRED)
  // signs nothing: no PIN dialog for it.
  const token =
    tokens.status === 'ok' && chosen !== null ? tokens.data.tokens.find((tk) => tk.serial === chosen.serial && !tk.flags.pinToBeChanged) : undefined;
  const count = preview.status === 'ok' ? preview.data.count : 0;

  const sign = (pin: string, confirmFinalTry: boolean) => {
    if (chosen === null) return;
    const id = newTaskId('sign');
    setTaskId(id);
    setBusy(true);
    setError(null);
    setHeldBack([]);
    client
      .call('sign.batch', { tokenSerial: chosen.serial, ...(chosen.fingerprint !== null ? { certFingerprint: chosen.fingerprint } : {}), pin, confirmFinalTry, taskId: id })
      .then(
        (result) => {
          setSigned(result);
          setHeldBack(result.heldBack ?? []);
          setDialogOpen(false);
          reloadPreview();
          // A good PIN clears the token's COUNT_LOW: else "the last PIN was wrong" stayed on the
          // screen under a batch just signed (probe 19).
          reloadTokens();
        },
        (err: unknown) => {
          const all = RefusalHeldBack.safeParse(err);
          if (all.success) {
            // Nothing signed, each record back to draft: the list says which and why, the dialog closes.
            setHeldBack(all.data.details.heldBack);
            setDialogOpen(false);
            reloadPreview();
          } else {
            setError(err);
          }
          // The token's flags (COUNT_LOW, FINAL_TRY, LOCKED) may have changed with this attempt.
          reloadTokens();
        },
      )
      .finally(() => setBusy(false));
  };

  return (
    <Screen
      name="sign"
      title={t('sign.title')}
      actions={
        <button
          type="button"
          className="button secondary"
          onClick={() => {
            reloadTokens();
            reloadPreview();
          }}
        >
          {t('common.refresh')}
        </button>
      }
    >
      <section aria-labelledby="sign-preview">
        <h2 id="sign-preview">{t('sign.preview')}</h2>
        <Pending state={preview}>
          {(p) => (
            <>
              {p.count === 0 ? <p>{t('sign.nothing')}</p> : <p data-testid="sign-preview">{t('sign.previewCounts', { count: p.count, withWarnings: p.withWarnings, people: p.people, eligible: p.eligiblePeople })}</p>}
              {/* Drafts a PC clock behind left (probe 17, F4): said here, where the clinic looks for what waits. */}
              {p.rechecked > 0 && <Notice kind="ok"><p data-testid="sign-rechecked">{t('sign.rechecked', { count: p.rechecked, ready: p.recheckedReady })}</p></Notice>}
              {p.futureDrafts > 0 && <Notice kind="warning"><p data-testid="sign-future-drafts">{t('sign.futureDrafts', { count: p.futureDrafts, today: formatDate(p.today) })}</p></Notice>}
              {p.drafts > 0 && (
                <p data-testid="sign-drafts">
                  {t('sign.drafts', { count: p.drafts })} <a href={href('records', undefined, { state: 'draft' })}>{t('sign.draftsOpen')}</a>
                </p>
              )}
            </>
          )}
        </Pending>
      </section>
      <section aria-labelledby="sign-tokens">
        <h2 id="sign-tokens">{t('sign.tokens')}</h2>
        <Pending state={tokens}>
          {(list) => (
            <>
              {list.tokens.length === 0 ? <p>{t('sign.noToken')}</p> : list.tokens.map((tk) => <TokenCard key={tk.serial} token={tk} chosen={chosen} onChoose={(fp) => setChosen({ serial: tk.serial, fingerprint: fp })} />)}
              <details className="modules">
                <summary>{t('sign.modules')}</summary>
                <ul>
                  {list.modules.map((m) => (
                    <li key={m.path}>
                      <code>{m.path}</code> — {m.loaded ? t('sign.moduleLoaded') : t('sign.moduleFailed')}
                      {m.reason !== null && `: ${pick(m.reason.message_vi, m.reason.message_en)}`}
                    </li>
                  ))}
                </ul>
              </details>
            </>
          )}
        </Pending>
      </section>
      {/* No "Sign 0 records…" button when nothing is ready: the preview above says so, and why
          (drafts, a clock behind); the button comes back with the first ready record. */}
      {count > 0 && (
        <p>
          <button
            type="button"
            className="button primary"
            disabled={token === undefined || busy}
            aria-describedby={token === undefined ? 'sign-needs-certificate' : undefined}
            onClick={() => {
              setError(null);
              setSigned(null);
              setDialogOpen(true);
            }}
          >
            {t('sign.start', { count })}
          </button>{' '}
          {token === undefined && (
            <span id="sign-needs-certificate" className="hint">
              {t('sign.chooseCertificate')}
            </span>
          )}
        </p>
      )}
      {signed !== null && (
        <div ref={signedNotice} tabIndex={-1}>
          <Notice kind="ok">
            <p data-testid="sign-result">{t('sign.done', { batch: signed.batch, count: signed.count, alg: signed.alg })}</p>
            <p className="muted">
              {t('sign.root', { root: signed.root })}
            </p>
            <p>
              <a href={href('sync')}>{t('sign.goSync')}</a>
            </p>
          </Notice>
        </div>
      )}
      {heldBack.length > 0 && (
        <div ref={heldBackNotice} tabIndex={-1}>
          <Notice kind="warning">
            <p data-testid="sign-held-back">{t('sign.heldBack', { count: heldBack.length })}</p>
            <ul>
              {heldBack.map((h) => (
                <li key={`${h.id}:${h.field}`}>
                  <a href={href('records', h.id)}>{t('sign.heldBackOpen')}</a>: {pick(h.message_vi, h.message_en)} <span className="muted">({h.code})</span>
                </li>
              ))}
            </ul>
          </Notice>
        </div>
      )}
      {dialogOpen && token !== undefined && <PinDialog token={token} busy={busy} progress={progress} error={error} onSubmit={sign} onClose={() => setDialogOpen(false)} />}
    </Screen>
  );
}
