// What the signer client's events become for the user: every mapped event is valid under the
// contract's zod schema, hot-plug and session ends say whether the token is still there, and a
// crash, hang or stop of the signer host is reported with its bilingual message (issue 4).
import { describe, expect, it } from 'vitest';
import { stationEventFor } from '../../../electron/core/rpc/signerEvents.js';
import type { SignerClientEvent } from '../../../electron/core/signer-client/index.js';
import { events } from '../../../shared/rpc/contract.js';

const unavailable = { code: 'SIGNER_UNAVAILABLE', message_vi: 'Không khởi động được', message_en: 'Could not start' } as const;

const cases: [SignerClientEvent, unknown][] = [
  [{ type: 'token.inserted', data: { serial: 'T1', label: 'Facility' } }, { event: 'token.changed', data: { present: true, serial: 'T1', loggedIn: false } }],
  [{ type: 'token.removed', data: { serial: 'T1', label: 'Facility' } }, { event: 'token.changed', data: { present: false, serial: 'T1', loggedIn: false, reason: 'TOKEN_REMOVED' } }],
  [{ type: 'session.ended', data: { tokenSerial: 'T1', reason: 'TOKEN_REMOVED' } }, { event: 'token.changed', data: { present: false, serial: 'T1', loggedIn: false, reason: 'TOKEN_REMOVED' } }],
  [{ type: 'session.ended', data: { tokenSerial: 'T1', reason: 'IDLE' } }, { event: 'token.changed', data: { present: true, serial: 'T1', loggedIn: false, reason: 'IDLE' } }],
  [{ type: 'session.ended', data: { tokenSerial: null, reason: 'SIGNER_CRASHED' } }, { event: 'token.changed', data: { present: true, serial: null, loggedIn: false, reason: 'SIGNER_CRASHED' } }],
  [{ type: 'signer.started', pid: 42 }, { event: 'signer.status', data: { state: 'running' } }],
  [{ type: 'signer.crashed', code: 3, signal: null }, { event: 'signer.status', data: expect.objectContaining({ state: 'restarting', code: 'SIGNER_CRASHED' }) }],
  [{ type: 'signer.hung', method: 'sign' }, { event: 'signer.status', data: expect.objectContaining({ state: 'restarting', code: 'SIGNER_HUNG' }) }],
  [{ type: 'signer.unavailable', crashes: 5, error: unavailable }, { event: 'signer.status', data: { state: 'unavailable', ...unavailable } }],
];

describe('signer events for the station', () => {
  it.each(cases)('maps %o', (input, expected) => {
    const mapped = stationEventFor(input);
    expect(mapped).toEqual(expected);
    expect(events[mapped.event].safeParse(mapped.data).success).toBe(true);
  });

  it('reports a crash and a hang in both languages, saying the token must log in again', () => {
    for (const e of [{ type: 'signer.crashed', code: null, signal: 'SIGKILL' }, { type: 'signer.hung', method: 'sign' }] as SignerClientEvent[]) {
      const { data } = stationEventFor(e) as { data: { message_vi?: string; message_en?: string } };
      expect(data.message_vi).toMatch(/đăng nhập lại/);
      expect(data.message_en).toMatch(/log in again/);
    }
  });
});
