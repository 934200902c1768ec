/**
 * What the signer client's events mean to the user, as contract events: hot-plug and session ends
 * become `token.changed` (the token views reload), host restarts become `signer.status` (issue 4:
 * a crashed or hung host is reported to the user, not only seen by the next call that fails).
 */
import type { EventData } from '../../../shared/rpc/contract.js';
import { signerError } from '../../../shared/signer/index.js';
import type { SignerClientEvent } from '../signer-client/index.js';

export type StationSignerEvent =
  | { event: 'token.changed'; data: EventData<'token.changed'> }
  | { event: 'signer.status'; data: EventData<'signer.status'> };

function restarting(code: 'SIGNER_HUNG' | 'SIGNER_CRASHED'): StationSignerEvent {
  const e = signerError(code);
  return { event: 'signer.status', data: { state: 'restarting', code, message_vi: e.messageVi, message_en: e.messageEn } };
}

export function stationEventFor(e: SignerClientEvent): StationSignerEvent {
  switch (e.type) {
    case 'token.inserted':
      return { event: 'token.changed', data: { present: true, serial: e.data.serial, loggedIn: false } };
    case 'token.removed':
      return { event: 'token.changed', data: { present: false, serial: e.data.serial, loggedIn: false, reason: 'TOKEN_REMOVED' } };
    case 'session.ended':
      // Logged out (idle, logout, restart): the token is still there unless it was pulled.
      return {
        event: 'token.changed',
        data: { present: e.data.reason !== 'TOKEN_REMOVED', serial: e.data.tokenSerial, loggedIn: false, reason: e.data.reason },
      };
    case 'signer.started':
      return { event: 'signer.status', data: { state: 'running' } };
    case 'signer.crashed':
      return restarting('SIGNER_CRASHED');
    case 'signer.hung':
      return restarting('SIGNER_HUNG');
    case 'signer.unavailable':
      return { event: 'signer.status', data: { state: 'unavailable', ...e.error } };
  }
}
