// `station dcc decode|verify` prints who the certificate is for: the name and date of birth are
// two of the 11 fields (DESIGN §3), and a verifier compares them with the person's papers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main.js';
import { webCryptoSigner } from '../../../shared/cose/index.js';
import { encodeHc1 } from '../../../shared/dcc/hc1.js';
import { trustEntryFromCertificate } from '../../../shared/dcc/trust.js';
import { createDccChain } from '../../fixtures/pki.js';

let dir: string;
let hc1: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'station-dcc-holder-'));
  const { dsc } = await createDccChain('EC');
  const trust = await trustEntryFromCertificate(dsc.der);
  const now = Date.now();
  hc1 = await encodeHc1({
    payload: {
      ver: '1.3.0',
      nam: { fnt: 'NGUYEN', gnt: 'BAO<DUY' },
      dob: '1990-05',
      v: [{ tg: '840539006', vp: '1119349007', mp: 'EU/1/20/1528', ma: 'ORG-100030215', dn: 2, sd: 2, dt: '2021-10-01', co: 'VN', is: 'Bộ Y tế', ci: 'URN:UVCI:01:VN:HOLDER1' }],
    },
    signer: webCryptoSigner(dsc.keys.privateKey, -7),
    kid: trust.kid,
    iss: 'VN',
    iat: new Date(now),
    exp: new Date(now + 100 * 86400_000),
  });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('dcc decode prints the holder’s name and date of birth', async () => {
  const { result } = await runCli(['--data-dir', dir, 'dcc', 'decode', hc1]);
  expect(result.text).toContain('Họ và tên / Full name: NGUYEN BAO DUY');
  expect(result.text).toContain('Ngày sinh / Date of birth: 05/1990');
});
