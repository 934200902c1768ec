// Probe 17, F4, as the clinic lived it: the PC clock two days behind, the day's doses entered as
// drafts "in the future"; signing then said only "nothing is ready", and after the clock was set
// right they stayed drafts, counted nowhere. Now signing names the clock, and once it is right the
// drafts are checked again: at the next sign preview (which says so) and at the next open.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vietnamDay } from '../../../shared/domain/dates.js';
import { RpcClient, RpcError } from '../../../shared/rpc/client.js';
import { inProcessTransport } from '../../../electron/core/rpc/inProcess.js';
import { openStation, type StationCore } from '../../../electron/core/station.js';
import { systemStorePorts } from '../../../electron/core/store/ports.js';
import { createFacilityCert, createTestCa } from '../platform/facilityFixture.js';
import { softwareSigner } from '../sync/softwareSigner.js';

const DAY = 86400_000;
const TAX_CODE = '0301234567';
const dmy = (iso: string) => iso.split('-').reverse().join('/');

describe('drafts a PC clock behind left', () => {
  let dir: string;
  let station: StationCore;
  let client: RpcClient;
  let skew = -2 * DAY;
  const today = vietnamDay(new Date());
  const ports = { ...systemStorePorts('user:clerk'), now: () => new Date(Date.now() + skew) };
  const open = async () => {
    const key = softwareSigner(await createFacilityCert(await createTestCa(), TAX_CODE), { taxCode: TAX_CODE });
    station = openStation({ dataDir: dir, ports, validateResults: true, signing: { signer: key } });
    client = new RpcClient(inProcessTransport(station.dispatcher));
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'station-clock-drafts-'));
    await open();
    station.store.setSetting('facility.code', '79001');
    station.store.setSetting('facility.taxCode', TAX_CODE);
    const people = [['079090001234', 'Nguyễn Văn An'], ['079090001235', 'Trần Văn Bình'], ['079090001236', 'Lê Văn Cường'], ['079090001237', 'Phạm Văn Dũng']];
    for (const [idNumber, fullName] of people) {
      const r = await client.call('records.create', {
        person: { idType: 'CCCD', idNumber: idNumber!, fullName: fullName!, dob: '1990-05-12', sex: 'M' },
        dose: { vaccine: 'PFIZER', lot: 'FK1234', doseNumber: 1, vaccinationDate: today },
        confirmWarnings: true,
      });
      expect(r.record.state).toBe('draft');
      expect(r.findings[0]!.message_en).toContain(`after this PC's date (${dmy(vietnamDay(ports.now()))})`);
    }
  });
  afterAll(async () => {
    await station.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('with the clock behind, signing and its preview name the clock', async () => {
    const pcDay = dmy(vietnamDay(ports.now()));
    expect(await client.call('sign.preview', {})).toMatchObject({ count: 0, rechecked: 0, futureDrafts: 4, drafts: 4, today: vietnamDay(ports.now()) });
    const e = await client.call('sign.batch', { pin: '' }).then(() => null, (err: unknown) => err);
    expect(e).toBeInstanceOf(RpcError);
    expect((e as RpcError).code).toBe('SIGN_NOTHING_READY');
    expect((e as RpcError).messageEn).toContain(`4 draft(s) have a vaccination date after the PC's date (${pcDay})`);
    expect((e as RpcError).messageVi).toContain('đồng hồ máy tính đang chậm');
  });

  it('once the clock is right, the sign preview checks them again and says how many are ready', async () => {
    skew = 0;
    expect(await client.call('sign.preview', {})).toMatchObject({ count: 4, rechecked: 4, recheckedReady: 4, futureDrafts: 0, drafts: 0 });
    expect(await client.call('sign.preview', {})).toMatchObject({ count: 4, rechecked: 0 });
  });

  it('a station opened after the clock was set right checks them at open', async () => {
    // Two more doses entered behind, then the app restarted with the clock right.
    skew = -2 * DAY;
    await client.call('records.create', {
      person: { idType: 'CCCD', idNumber: '079090001238', fullName: 'Hoàng Văn Em', dob: '1990-05-12', sex: 'M' },
      dose: { vaccine: 'PFIZER', lot: 'FK1234', doseNumber: 1, vaccinationDate: today },
      confirmWarnings: true,
    });
    await station.close();
    skew = 0;
    await open();
    expect(station.store.countByState()).toMatchObject({ ready: 5, draft: 0 });
    const r = await station.signing.sign({});
    expect(r.count).toBe(5);
  });
});
