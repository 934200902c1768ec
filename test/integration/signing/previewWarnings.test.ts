// Probe 19: the demo's sign screen said "37 ready records (36 with warnings)" when none of the 36
// had a warning. They came in with "import the rows with warnings too" ticked, which sets the
// confirm flag on every row; the preview counted the flag. It now counts records with a warning.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { RpcClient } from '../../../shared/rpc/client.js';
import { inProcessTransport } from '../../../electron/core/rpc/inProcess.js';
import { openStation, type StationCore } from '../../../electron/core/station.js';
import { systemStorePorts } from '../../../electron/core/store/ports.js';

let dir: string;
let station: StationCore;
let client: RpcClient;

const person = (idNumber: string, fullName: string) => ({ idType: 'CCCD' as const, idNumber, fullName, dob: '1990-05-12', sex: 'M' as const, nationality: 'VN', phone: null });
const dose = (doseNumber: number, vaccinationDate: string) => ({ vaccine: 'PFIZER', lot: 'FK1234', doseNumber, vaccinationDate, facilityCode: '79001' });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'station-preview-warnings-'));
  station = openStation({ dataDir: dir, ports: systemStorePorts('user:clerk') });
  client = new RpcClient(inProcessTransport(station.dispatcher));
  station.store.setSetting('facility.code', '79001');
  const an = person('079090001234', 'Nguyễn Văn An');
  station.store.createRecords(
    [
      { person: an, dose: dose(1, '2021-09-01') },
      // Nine days after dose 1 (Comirnaty needs 21): the one warning of the import.
      { person: an, dose: dose(2, '2021-09-10') },
      { person: person('079090001235', 'Trần Văn Bình'), dose: dose(1, '2021-09-01') },
      { person: person('079090001236', 'Lê Văn Cường'), dose: dose(1, '2021-09-01') },
    ],
    { source: 'import', confirmWarnings: true },
  );
});

afterAll(async () => {
  await station.close();
  rmSync(dir, { recursive: true, force: true });
});

it('counts as "with warnings" only the records that have one, not every record of a confirmed import', async () => {
  const preview = await client.call('sign.preview', {});
  expect(preview.count).toBe(4);
  expect(preview.withWarnings).toBe(1);
});
