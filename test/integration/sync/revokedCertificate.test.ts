// A certificate replaced by a correction (probe 17, F1). A wrong birth date is corrected after the
// certificate was issued: until the correction is answered the old certificate says a correction
// is pending; once the platform revokes it, the station marks it revoked wherever it is shown,
// verified or exported: CERTIFICATE_REVOKED, when (Viet Nam time) and what replaced it. Its
// signature still verifies, and the report says so.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main.js';
import { popplerText } from '../../fixtures/popplerText.js';
import { FACILITY, openSyncWorld, type SyncWorld } from './syncWorld.js';

async function station(dir: string, ...args: string[]) {
  const { result } = await runCli(['--json', '--data-dir', dir, ...args]);
  return { code: result.exitCode, json: result.json as Record<string, unknown> & { errors?: { code: string; message_vi: string; message_en: string }[] }, text: result.text };
}

describe('a certificate revoked by a correction', () => {
  let w: SyncWorld;
  let dir: string;
  let oldId: string;
  let fixedId: string;
  let oldHc1: string;

  beforeAll(async () => {
    w = await openSyncWorld({ seed: 174 });
    dir = join(w.dir, 'station');
    const person = { idType: 'CCCD' as const, idNumber: '079161004571', fullName: 'Lê Thị Cúc', dob: '1961-02-11', sex: 'F' as const };
    oldId = w.station.store.createRecord({ person, dose: { vaccine: 'JANSSEN', lot: 'XD7', doseNumber: 1, vaccinationDate: '2021-08-02', facilityCode: FACILITY.code } }, { source: 'form', confirmWarnings: true }).record.id;
    await w.sign();
    expect(await w.client.call('sync.run', {})).toMatchObject({ accepted: 1, certificates: 1 });
    oldHc1 = (await w.client.call('certificates.get', { recordId: oldId })).hc1;
    fixedId = w.station.store.correctRecord(oldId, { person: { dob: '1961-05-20' } }, 'Sai ngày sinh', { confirmWarnings: true }).record.id;
  });
  afterAll(() => w.close());

  it('before the correction is synced: still valid, with a notice that it will be replaced', async () => {
    const view = await w.client.call('certificates.get', { recordId: oldId });
    expect(view).toMatchObject({ revocation: null, verification: { valid: true }, correctionPending: { recordId: fixedId, notice: { code: 'CERTIFICATE_CORRECTION_PENDING' } } });
    expect(view.correctionPending!.notice.message_vi).toContain('sẽ bị thu hồi');
    expect(view.correctionPending!.notice.message_en).toContain('will be revoked and replaced');
    const exported = await station(dir, 'certificates', 'export', oldId);
    expect(exported).toMatchObject({ code: 0, json: { valid: true, correctionPending: { recordId: fixedId }, notices: [{ code: 'CERTIFICATE_CORRECTION_PENDING' }] } });
    // The list says it too: a clinic printing from it would hand out a certificate about to go.
    expect((await w.client.call('certificates.list', {})).items).toEqual([expect.objectContaining({ recordId: oldId, awaitingReplacement: true, revokedAt: null })]);
    const listed = await station(dir, 'certificates', 'list');
    expect(listed.text).toMatch(/TO BE REPLACED \(correction not synced\)  Lê Thị Cúc/);
  });

  it('once revoked: not valid, the signature step still passed, revoked when and replaced by what', async () => {
    await w.sign();
    expect(await w.client.call('sync.run', {})).toMatchObject({ accepted: 1, revoked: 1, status: { lastError: null } });
    const fixed = await w.client.call('certificates.get', { recordId: fixedId });
    expect(fixed).toMatchObject({ revocation: null, correctionPending: null, verification: { valid: true } });
    const items = (await w.client.call('certificates.list', {})).items;
    expect(items.map((c) => [c.recordId, c.awaitingReplacement, c.revokedAt !== null]).sort()).toEqual([[fixedId, false, false], [oldId, false, true]].sort());

    const view = await w.client.call('certificates.get', { recordId: oldId });
    expect(view.revokedAt).not.toBeNull();
    expect(view).toMatchObject({ correctionPending: null, revocation: { revokedAt: view.revokedAt, replacedBy: { recordId: fixedId, uvci: fixed.uvci } } });
    expect(view.verification).toMatchObject({ valid: false, steps: { signature: true } });
    const finding = view.verification.errors.find((e) => e.code === 'CERTIFICATE_REVOKED')!;
    expect(finding.message_vi).toMatch(/đã bị thu hồi lúc \d\d:\d\d \d\d\/\d\d\/\d{4} \(UTC\+7\); đã thay bằng chứng nhận/);
    expect(finding.message_vi).toContain(fixed.uvci);
    expect(finding.message_en).toMatch(/was revoked at \d\d:\d\d \d\d\/\d\d\/\d{4} \(UTC\+7\); replaced by certificate/);
    expect(finding.message_en).toContain(fixedId);
  });

  it('dcc.verify of the revoked QR says so; of the new one, valid', async () => {
    const old = await w.client.call('dcc.verify', { text: oldHc1 });
    expect(old).toMatchObject({ valid: false, steps: { signature: true } });
    expect(old.errors.map((e) => e.code)).toEqual(['CERTIFICATE_REVOKED']);
    const fixed = await w.client.call('certificates.get', { recordId: fixedId });
    expect(await w.client.call('dcc.verify', { text: fixed.hc1 })).toMatchObject({ valid: true, errors: [] });
    // The command line too, on this station's folder: with its trust list, the old QR is revoked.
    const cli = await station(dir, 'dcc', 'verify', oldHc1);
    expect(cli).toMatchObject({ code: 1, json: { valid: false, steps: { signature: true }, trustSource: { kind: 'station' } } });
    expect((cli.json as unknown as { errors: { code: string }[] }).errors.map((e) => e.code)).toEqual(['CERTIFICATE_REVOKED']);
    expect(await station(dir, 'dcc', 'verify', fixed.hc1)).toMatchObject({ code: 0, json: { valid: true } });
  });

  it('the CLI export refuses it (exit 1, both languages), unless asked by name: then the PDF is marked revoked', async () => {
    const pdf = join(w.dir, 'old.pdf');
    const refused = await station(dir, 'certificates', 'export', oldId, '--pdf', pdf);
    expect(refused).toMatchObject({ code: 1, json: { ok: false, recordId: oldId, replacedBy: { recordId: fixedId }, errors: [{ code: 'CERTIFICATE_REVOKED' }] } });
    expect(refused.json.errors![0]!.message_vi).toContain('thu hồi');
    expect(refused.json.errors![0]!.message_en).toContain('revoked');
    expect(existsSync(pdf)).toBe(false);

    const forced = await station(dir, 'certificates', 'export', oldId, '--pdf', pdf, '--even-if-revoked');
    expect(forced).toMatchObject({ code: 0, json: { valid: false, notices: [{ code: 'CERTIFICATE_REVOKED' }] } });
    const text = popplerText(pdf).replace(/\s+/g, ' ');
    expect(text).toContain('ĐÃ THU HỒI / REVOKED');
    expect(text).toMatch(/Certificate URN:UVCI:\S+ was revoked at/);

    const fixedPdf = join(w.dir, 'fixed.pdf');
    expect(await station(dir, 'certificates', 'export', fixedId, '--pdf', fixedPdf)).toMatchObject({ code: 0, json: { valid: true, notices: [] } });
    expect(popplerText(fixedPdf)).not.toContain('REVOKED');
  });
});
