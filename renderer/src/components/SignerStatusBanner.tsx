/**
 * The signer host's state above every screen (issue 4): a crashed or hung host is restarted by
 * the core and the token is logged out, which the user must hear about before the next signature
 * fails; a host whose restarts stopped leaves signing unavailable until someone acts. Cleared when
 * the core reports the host running again. A restart is a polite status (it usually heals itself
 * within seconds); "unavailable" is an alert.
 */
import { useState } from 'react';
import type { EventData } from '../../../shared/rpc/contract.js';
import { href } from '../app/routes.js';
import { useI18n } from '../i18n/I18nContext.js';
import { useRpcEvent } from '../rpc/RpcContext.js';

type SignerStatus = EventData<'signer.status'>;

function StatusBody({ status, onDismiss }: { status: SignerStatus; onDismiss: () => void }) {
  const { t, pick } = useI18n();
  const unavailable = status.state === 'unavailable';
  const message = status.message_vi !== undefined || status.message_en !== undefined ? pick(status.message_vi, status.message_en) : null;
  return (
    <>
      <p className="notice-title">{t(unavailable ? 'signerStatus.unavailableTitle' : 'signerStatus.restartingTitle')}</p>
      {message !== null && <p>{message}</p>}
      {unavailable && <p>{t('signerStatus.unavailableHint')}</p>}
      {status.code !== undefined && <p className="muted">{t('common.errorCode', { code: status.code })}</p>}
      <div className="form-actions">
        <a className="button" href={href('sign')}>
          {t('signerStatus.openSign')}
        </a>
        <button type="button" className="button link" onClick={onDismiss}>
          {t('signerStatus.dismiss')}
        </button>
      </div>
    </>
  );
}

export function SignerStatusBanner() {
  const [status, setStatus] = useState<SignerStatus | null>(null);
  useRpcEvent('signer.status', (data) => setStatus(data.state === 'running' ? null : data));
  const dismiss = () => setStatus(null);
  const restarting = status?.state === 'restarting' ? status : null;
  const unavailable = status?.state === 'unavailable' ? status : null;
  return (
    <>
      {/* The status region stays in the page so that assistive technology announces what enters it. */}
      <div role="status" className="signer-status" data-testid="signer-status">
        {restarting && (
          <div className="notice notice-warning banner">
            <StatusBody status={restarting} onDismiss={dismiss} />
          </div>
        )}
      </div>
      {unavailable && (
        <div className="notice notice-error banner" role="alert" data-testid="signer-unavailable">
          <StatusBody status={unavailable} onDismiss={dismiss} />
        </div>
      )}
    </>
  );
}
