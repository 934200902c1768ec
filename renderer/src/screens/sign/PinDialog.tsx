/**
 * The PIN dialog (DESIGN §5 PIN rules). The PIN lives only in the masked input's DOM value until
 * the one `sign.batch` call takes it: it is never React state, and the input is emptied the moment
 * the call starts. The token's flags are shown before typing: a previous failure (COUNT_LOW), the
 * last try (FINAL_TRY: an explicit confirm), locked (no login at all), a PIN to change first (no
 * input: the host sends such a token no PIN). PIN-pad tokens: no input.
 */
import { useId, useRef, useState, type FormEvent } from 'react';
import { Dialog } from '../../components/Dialog.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { Notice } from '../../components/Notices.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import { useI18n } from '../../i18n/I18nContext.js';
import type { Progress } from '../../components/ProgressBar.js';
import type { ResultOf } from '../../../../shared/rpc/contract.js';

export type Token = ResultOf<'token.list'>['tokens'][number];

export function PinDialog({ token, busy, progress, error, onSubmit, onClose }: {
  token: Token;
  busy: boolean;
  progress: Progress | null;
  error: unknown;
  /** Called with the PIN; the caller must not keep it. */
  onSubmit: (pin: string, confirmFinalTry: boolean) => void;
  onClose: () => void;
}) {
  const { t, pick } = useI18n();
  const ids = useId();
  const pinInput = useRef<HTMLInputElement>(null);
  const [confirmFinal, setConfirmFinal] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const errorCode = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : null;
  const finalTry = token.flags.finalTry || errorCode === 'PIN_FINAL_TRY';
  const locked = token.flags.locked || errorCode === 'TOKEN_LOCKED';
  // The PIN must be changed with the CA's token manager first (CKF_USER_PIN_TO_BE_CHANGED, or
  // CKR_PIN_EXPIRED from the last login): the host sends this token no PIN, so none is asked.
  const mustChange = !locked && (token.flags.pinToBeChanged || errorCode === 'PIN_TO_BE_CHANGED');
  const noPin = locked || mustChange;
  const pinPad = token.flags.pinPad;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (noPin) return;
    setProblem(null);
    const input = pinInput.current;
    const pin = pinPad ? '' : (input?.value ?? '');
    if (!pinPad && (pin.length < token.pinMin || (token.pinMax !== null && pin.length > token.pinMax))) {
      setProblem(token.pinMax === null ? t('sign.pinLengthMin', { min: token.pinMin }) : t('sign.pinLength', { min: token.pinMin, max: token.pinMax }));
      input?.focus();
      return;
    }
    if (finalTry && !confirmFinal) {
      setProblem(t('sign.needFinalConfirm'));
      return;
    }
    if (input) input.value = '';
    onSubmit(pin, confirmFinal);
  };

  return (
    <Dialog title={t('sign.pinTitle')} onClose={busy ? () => undefined : onClose} labelId={`${ids}-title`}>
      <form onSubmit={submit} className="pin-form" autoComplete="off">
        {locked ? (
          <Notice kind="error">{t('sign.locked')}</Notice>
        ) : mustChange ? (
          // The error itself (shown below) says what to do; without one, the listing's notice does.
          error === null && token.warnings.filter((w) => w.code === 'PIN_TO_BE_CHANGED').map((w) => <Notice key={w.code} kind="error">{pick(w.message_vi, w.message_en)}</Notice>)
        ) : (
          <>
            {token.flags.countLow && <Notice kind="warning">{t('sign.countLow')}</Notice>}
            {finalTry && <Notice kind="warning">{t('sign.finalTry')}</Notice>}
            {pinPad ? (
              <p>{t('sign.pinPad')}</p>
            ) : (
              <div className="field">
                <label htmlFor={`${ids}-pin`}>{t('sign.pin')}</label>
                <input
                  id={`${ids}-pin`}
                  ref={pinInput}
                  type="password"
                  autoComplete="off"
                  autoFocus
                  spellCheck={false}
                  {...(token.pinMax !== null ? { maxLength: Math.max(token.pinMax, 4) } : {})}
                  disabled={busy}
                  aria-describedby={`${ids}-pin-hint`}
                />
                <p id={`${ids}-pin-hint`} className="hint">
                  {token.pinMax === null ? t('sign.pinHintMin', { min: token.pinMin }) : t('sign.pinHint', { min: token.pinMin, max: token.pinMax })}
                </p>
              </div>
            )}
            {finalTry && (
              <label className="checkbox">
                <input type="checkbox" checked={confirmFinal} onChange={(e) => setConfirmFinal(e.target.checked)} disabled={busy} /> {t('sign.confirmFinalTry')}
              </label>
            )}
          </>
        )}
        {problem !== null && <Notice kind="warning">{problem}</Notice>}
        {error !== null && !busy && <ErrorMessage error={error} />}
        {busy && <ProgressBar label={t('sign.signing')} progress={progress} />}
        <div className="form-actions">
          {!noPin && (
            <button type="submit" className="button primary" disabled={busy}>
              {t('sign.submit')}
            </button>
          )}
          <button type="button" className="button secondary" onClick={onClose} disabled={busy}>
            {noPin ? t('common.close') : t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
