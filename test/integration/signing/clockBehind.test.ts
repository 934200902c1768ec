// A PC clock behind the calendar (a dead CMOS battery, a clock set back by hand) would date the
// facility's signature before the vaccinations it attests, and the platform takes such a batch
// (probe 16). A record waiting to be signed that is dated after the clinic's today proves the
// clock is behind: signing refuses before the token is asked anything, says both dates, and
// signs once the clock is right.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vietnamDay } from '../../../shared/domain/dates.js';
import { StationError } from '../../../shared/errors.js';
import type { TokenSigner } from '../../../electron/core/signing/signingPorts.js';
import { openStation, type StationCore } from '../../../electron/core/station.js';
import { systemStorePorts } from '../../../electron/core/store/ports.js';
import { createFacilityCert, createTestCa } from '../platform/facilityFixture.js';
import { softwareSigner } from '../sync/softwareSigner.js';

const DAY = 86400_000;
const TAX_CODE = '0301234567';

describe('signing with the PC clock behind', () => {
  let dir: string;
  let station: StationCore;
  let clock: Date | null = null;
  let tokenCalls = 0;
  const today = vietnamDay(new Date());

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'station-clock-behind-'));
    const key = softwareSigner(await createFacilityCert(await createTestCa(), TAX_CODE), { taxCode: TAX_CODE });
    const counted: TokenSigner = {
      listTokens: (p) => key.listTokens(p),
      logIn: (p) => key.logIn(p),
      sign: (p) => {
        tokenCalls += 1;
        return key.sign(p);
      },
    };
    const system = systemStorePorts('user:signer');
    station = openStation({ dataDir: dir, ports: { ...system, now: () => clock ?? new Date() }, signing: { signer: counted } });
    station.store.setSetting('facility.code', '79001');
    station.store.setSetting('facility.taxCode', TAX_CODE);
    // Given today, entered today with the right clock.
    const saved = station.store.createRecord(
      {
        person: { idType: 'CCCD', idNumber: '079090001234', fullName: 'Nguyễn Văn An', dob: '1990-05-12', sex: 'M' },
        dose: { vaccine: 'PFIZER', lot: 'FK1234', doseNumber: 1, vaccinationDate: today },
      },
      { source: 'form', confirmWarnings: true },
    );
    expect(saved.record.state).toBe('ready');
  });
  afterAll(async () => {
    await station.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ['seven days behind', () => new Date(Date.now() - 7 * DAY)],
    ['in the year 2000', () => new Date('2000-01-01T01:00:00Z')],
  ])('refuses with the clock %s, naming both dates, before the token signs', async (_what, at) => {
    clock = at();
    const err = await station.signing.sign({}).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(StationError);
    const e = err as StationError;
    expect(e.code).toBe('SIGN_CLOCK_BEHIND');
    const shown = (iso: string) => iso.split('-').reverse().join('/');
    expect(e.messageVi).toContain(`(${shown(vietnamDay(clock))})`);
    expect(e.messageVi).toContain(`(${shown(today)})`);
    expect(e.messageEn).toContain('the PC clock is behind');
    expect(tokenCalls).toBe(0);
    expect(station.store.countByState()).toMatchObject({ ready: 1, signed: 0 });
  });

  it('signs once the clock is right', async () => {
    clock = null;
    const r = await station.signing.sign({});
    expect(r.count).toBe(1);
    expect(tokenCalls).toBe(1);
  });
});
