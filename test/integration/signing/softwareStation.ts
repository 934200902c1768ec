// A station whose token is a software key (the PKCS#11 path is covered by the SoftHSM tests), with
// `n` ready records of facility 79001, for tests of the store side of signing. Registers the
// facility certificate (beforeAll) and the cleanup (afterEach) of the test file that calls it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll } from 'vitest';
import type { TokenSigner } from '../../../electron/core/signing/signingPorts.js';
import { openStation, type StationCore } from '../../../electron/core/station.js';
import { systemStorePorts } from '../../../electron/core/store/ports.js';
import type { IssuedCert } from '../../fixtures/pki.js';
import { generateRecords } from '../../fixtures/records.js';
import { createFacilityCert, createTestCa } from '../platform/facilityFixture.js';
import { softwareSigner } from '../sync/softwareSigner.js';

const TAX_CODE = '0301234567';

export interface SoftwareStations {
  /** A fresh station with `n` ready records (seeded); `wrap` may put a signer around the key. */
  open(n: number, opts: { seed: number; prefix: string; wrap?: (key: TokenSigner) => TokenSigner }): { station: StationCore; dir: string };
  /** Another station on the same folder, signing with the same key: the app beside a CLI command. */
  beside(dir: string): StationCore;
  /** Runs after the test, before the station's own cleanup (a second connection, say). */
  onCleanup(fn: () => unknown): void;
}

export function softwareStations(): SoftwareStations {
  let cert: IssuedCert;
  beforeAll(async () => {
    cert = await createFacilityCert(await createTestCa(), TAX_CODE);
  });
  let cleanup: (() => unknown)[] = [];
  afterEach(async () => {
    for (const c of cleanup.reverse()) await c();
    cleanup = [];
  });
  return {
    open(n, { seed, prefix, wrap }) {
      const dir = mkdtempSync(join(tmpdir(), prefix));
      const key = softwareSigner(cert, { taxCode: TAX_CODE });
      const station = openStation({ dataDir: dir, ports: systemStorePorts('user:signer'), signing: { signer: wrap ? wrap(key) : key } });
      cleanup.push(() => rmSync(dir, { recursive: true, force: true }), () => station.close());
      station.store.setSetting('facility.code', '79001');
      station.store.setSetting('facility.taxCode', TAX_CODE);
      station.store.createRecords(generateRecords(n, { seed, facilityCode: '79001' }), { source: 'import', confirmWarnings: true });
      return { station, dir };
    },
    beside(dir) {
      const station = openStation({ dataDir: dir, ports: systemStorePorts('user:signer'), signing: { signer: softwareSigner(cert, { taxCode: TAX_CODE }) } });
      cleanup.push(() => station.close());
      return station;
    },
    onCleanup(fn) {
      cleanup.push(fn);
    },
  };
}
