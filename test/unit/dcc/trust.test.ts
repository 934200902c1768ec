// Trust files for `dcc verify --trust` and the platform trust list (DESIGN §6, §10).
import { describe, expect, it } from 'vitest';
import { bytesToBase64, bytesToHex } from '../../../shared/crypto/bytes.js';
import { sha256 } from '../../../shared/crypto/sha256.js';
import { parseTrustFile, parseTrustList } from '../../../shared/dcc/trust.js';
import { createDccChain } from '../../fixtures/pki.js';

const utf8 = (s: string) => new TextEncoder().encode(s);

const a = (await createDccChain('EC')).dsc;
const b = (await createDccChain('EC')).dsc;
const kidHex = async (der: Uint8Array) => bytesToHex((await sha256(der)).slice(0, 8));

describe('trust files', () => {
  it('reads a DER certificate and computes its kid (first 8 bytes of SHA-256 of the DER)', async () => {
    const [entry] = await parseTrustFile(a.der);
    expect(bytesToHex(entry!.kid)).toBe(await kidHex(a.der));
    expect(entry!.certificate?.extKeyUsage).toEqual(['1.3.6.1.4.1.1847.2021.1.2']);
  });

  it('reads every certificate of a PEM bundle, with a BOM and CRLF line ends', async () => {
    const pem = '\uFEFF' + (a.pem + b.pem).replace(/\n/g, '\r\n');
    const entries = await parseTrustFile(utf8(pem));
    expect(entries.map((e) => bytesToHex(e.kid))).toEqual([await kidHex(a.der), await kidHex(b.der)]);
  });

  it('reads the platform trust list, keeping its kid and country', async () => {
    const kid = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);
    const list = { certificates: [{ kid: bytesToBase64(kid), country: 'VN', certificate: bytesToBase64(a.der) }, { certificate: bytesToBase64(b.der) }] };
    const entries = await parseTrustFile(utf8(JSON.stringify(list)));
    expect(entries[0]).toMatchObject({ kid, country: 'VN' });
    expect(bytesToHex(entries[1]!.kid)).toBe(await kidHex(b.der));
  });

  it('refuses anything else with TRUST_INVALID', async () => {
    const bad: unknown[] = [
      utf8('{"certificates": [{"certificate": "!!"}]}'),
      utf8('{"certs": []}'),
      utf8('{not json'),
      utf8('just text'),
      utf8('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----'),
      new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01]),
    ];
    for (const bytes of bad) await expect(parseTrustFile(bytes as Uint8Array)).rejects.toMatchObject({ code: 'TRUST_INVALID' });
    await expect(parseTrustList({ certificates: [null] })).rejects.toMatchObject({ code: 'TRUST_INVALID' });
  });

  it('says what a JSON file lacks, whatever JSON it is', async () => {
    for (const text of ['[]', '[{"certificate": "AA=="}]', '"text"']) {
      await expect(parseTrustFile(utf8(text))).rejects.toMatchObject({ code: 'TRUST_INVALID', messageEn: expect.stringContaining('the "certificates" array is missing') });
    }
  });
});
