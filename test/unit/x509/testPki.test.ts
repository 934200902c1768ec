// The test PKI makes real X.509 v3 certificates: OpenSSL reads and verifies them, and our parser
// reads back every field we wrote (Vietnamese names included).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytesToHex } from '../../../shared/crypto/crypto.js';
import { OID, dnValue, isValidAt, parseCertificate, pemToDer, verifyCertificateSignature } from '../../../shared/x509/x509.js';
import { createCertificate, createDccChain, generateKeyPair, type IssuedCert } from '../../fixtures/pki.js';

const facilitySubject = [
  { attr: 'CN', value: 'Trạm Y tế Phường Bến Nghé' },
  { attr: 'O', value: 'Trung tâm Y tế Quận 1' },
  { attr: 'L', value: 'Quận 1' },
  { attr: 'ST', value: 'Hồ Chí Minh' },
  { attr: 'C', value: 'VN' },
  { attr: 'UID', value: 'MST:0301234567' },
];

let dir: string;
let ca: IssuedCert;
let facility: IssuedCert;
const notBefore = new Date('2024-01-01T00:00:00Z');
const notAfter = new Date('2027-01-01T00:00:00Z');

function openssl(...args: string[]): string {
  return execFileSync('openssl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pki-test-'));
  ca = await createCertificate({
    subject: [
      { attr: 'C', value: 'VN' },
      { attr: 'O', value: 'Viettel Group' },
      { attr: 'CN', value: 'Viettel-CA SHA-256 (test)' },
    ],
    keys: await generateKeyPair('RSA'),
    isCa: true,
    notBefore: new Date('2020-01-01T00:00:00Z'),
    notAfter: new Date('2030-01-01T00:00:00Z'),
  });
  facility = await createCertificate({
    subject: facilitySubject,
    keys: await generateKeyPair('EC'),
    issuer: ca,
    notBefore,
    notAfter,
    keyUsage: ['digitalSignature', 'nonRepudiation'],
    serial: 0x1234567890abcdefn,
  });
  writeFileSync(join(dir, 'ca.pem'), ca.pem);
  writeFileSync(join(dir, 'facility.pem'), facility.pem);
  writeFileSync(join(dir, 'facility.der'), facility.der);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('test PKI certificates', () => {
  it('OpenSSL reads a facility certificate as X.509 v3 with our fields', () => {
    const text = openssl('x509', '-inform', 'DER', '-in', join(dir, 'facility.der'), '-noout', '-text', '-nameopt', 'utf8,sep_comma_plus_space');
    expect(text).toContain('Version: 3 (0x2)');
    expect(text).toContain('(0x1234567890abcdef)');
    expect(text).toContain('Subject: CN=Trạm Y tế Phường Bến Nghé, O=Trung tâm Y tế Quận 1, L=Quận 1, ST=Hồ Chí Minh, C=VN, UID=MST:0301234567');
    expect(text).toContain('Issuer: C=VN, O=Viettel Group, CN=Viettel-CA SHA-256 (test)');
    expect(text).toContain('Not Before: Jan  1 00:00:00 2024 GMT');
    expect(text).toContain('Not After : Jan  1 00:00:00 2027 GMT');
    expect(text).toContain('ASN1 OID: prime256v1');
    expect(text).toMatch(/X509v3 Key Usage: critical\s+Digital Signature, Non Repudiation/);
    expect(text).toContain('Signature Algorithm: rsassaPss');
    expect(text).toContain('Salt Length: 0x20');
  });

  it('OpenSSL verifies the chain (signature, issuer name, key identifiers)', () => {
    const out = openssl('verify', '-attime', String(Date.parse('2025-06-01T00:00:00Z') / 1000), '-CAfile', join(dir, 'ca.pem'), join(dir, 'facility.pem'));
    expect(out.trim()).toBe(`${join(dir, 'facility.pem')}: OK`);
  });

  it('our parser reads back every field', async () => {
    const c = parseCertificate(facility.der);
    expect(c.version).toBe(3);
    expect(c.serialNumber).toBe('1234567890abcdef');
    expect(c.subject.attributes.map((a) => [a.name, a.value])).toEqual(facilitySubject.map((a) => [a.attr, a.value]));
    expect(c.subject.text).toBe('CN=Trạm Y tế Phường Bến Nghé, O=Trung tâm Y tế Quận 1, L=Quận 1, ST=Hồ Chí Minh, C=VN, UID=MST:0301234567');
    expect(dnValue(c.subject, 'UID')).toBe('MST:0301234567');
    expect(c.issuer.text).toBe('C=VN, O=Viettel Group, CN=Viettel-CA SHA-256 (test)');
    expect(bytesToHex(c.issuerDer)).toBe(bytesToHex(ca.cert.subjectDer));
    expect(c.notBefore).toEqual(notBefore);
    expect(c.notAfter).toEqual(notAfter);
    expect(c.publicKey).toMatchObject({ type: 'EC', curve: 'P-256', bits: 256 });
    expect(bytesToHex(c.publicKey.spki)).toBe(bytesToHex(facility.keys.spki));
    expect(c.keyUsage).toEqual(['digitalSignature', 'nonRepudiation']);
    expect(c.extKeyUsage).toBeNull();
    expect(c.isCa).toBe(false);
    expect(c.signatureAlgorithm).toBe(OID.rsassaPss);
    expect(bytesToHex(c.authorityKeyId!)).toBe(bytesToHex(ca.cert.subjectKeyId!));
    expect(ca.cert).toMatchObject({ isCa: true, keyUsage: ['keyCertSign', 'cRLSign'], publicKey: { type: 'RSA', bits: 2048 } });
    expect(await verifyCertificateSignature(c, ca.cert)).toBe(true);
  });

  it('isValidAt is inclusive at both ends', () => {
    expect(isValidAt(facility.cert, notBefore)).toBe(true);
    expect(isValidAt(facility.cert, notAfter)).toBe(true);
    expect(isValidAt(facility.cert, new Date(notBefore.getTime() - 1))).toBe(false);
    expect(isValidAt(facility.cert, new Date(notAfter.getTime() + 1000))).toBe(false);
  });

  it('PEM round trip; pemToDer finds every CERTIFICATE block and skips others', () => {
    const bundle = `junk\n${facility.pem}-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n${ca.pem}`;
    const ders = pemToDer(bundle);
    expect(ders.map(bytesToHex)).toEqual([bytesToHex(facility.der), bytesToHex(ca.der)]);
    expect(pemToDer('no certificates here')).toEqual([]);
    expect(() => pemToDer('-----BEGIN CERTIFICATE-----\n!!!\n-----END CERTIFICATE-----')).toThrow(expect.objectContaining({ code: 'CERT_INVALID' }));
  });

  it('BMPString and UTF8String Vietnamese names decode the same', async () => {
    const keys = await generateKeyPair('EC');
    const name = 'Nguyễn Thị Minh Khai – Đà Nẵng';
    const c = await createCertificate({
      subject: [
        { attr: 'CN', value: name, encoding: 'bmp' },
        { attr: 'O', value: name },
        { attr: 'E', value: 'tram@example.vn' },
        { attr: 'serialNumber', value: 'CCCD:079123456789' },
      ],
      keys,
    });
    expect(c.cert.subject.attributes.map((a) => a.value)).toEqual([name, name, 'tram@example.vn', 'CCCD:079123456789']);
    const der = join(dir, 'bmp.der');
    writeFileSync(der, c.der);
    expect(openssl('asn1parse', '-inform', 'DER', '-in', der)).toMatch(/BMPSTRING/);
    expect(await verifyCertificateSignature(c.cert, c.cert)).toBe(true);
  });

  it('a TeletexString holding UTF-8 (as some CA software writes a Vietnamese name) reads as the name, not mojibake', async () => {
    // OpenSSL and Node's X509Certificate show these bytes as Latin-1 ("Trung tÃ¢m Y táº¿");
    // Go's crypto/x509 keeps the bytes, which are the UTF-8 of the name: the station reads them so.
    const c = await createCertificate({
      subject: [
        { attr: 'C', value: 'VN' },
        { attr: 'O', value: 'Trung tâm Y tế Quận Một', encoding: 'teletex' },
        { attr: 'CN', value: 'Trạm Y tế Phường Bến Nghé', encoding: 'teletex' },
        { attr: 'L', value: 'Hà Nội', encoding: 'teletex' },
        { attr: 'ST', value: 'Québec Café', encoding: 'teletex-latin1' },
        { attr: 'UID', value: 'MST:0301234567', encoding: 'teletex' },
      ],
      keys: await generateKeyPair('EC'),
    });
    const der = join(dir, 't61.der');
    writeFileSync(der, c.der);
    expect(openssl('asn1parse', '-inform', 'DER', '-in', der)).toMatch(/T61STRING/);
    expect(c.cert.subject.attributes.map((a) => a.value)).toEqual(['VN', 'Trung tâm Y tế Quận Một', 'Trạm Y tế Phường Bến Nghé', 'Hà Nội', 'Québec Café', 'MST:0301234567']);
    expect(c.cert.subject.text).toBe('C=VN, O=Trung tâm Y tế Quận Một, CN=Trạm Y tế Phường Bến Nghé, L=Hà Nội, ST=Québec Café, UID=MST:0301234567');
  });

  it('escapes RFC 4514 specials in the text form', async () => {
    const c = await createCertificate({ subject: [{ attr: 'O', value: 'Công ty A, B + C' }, { attr: 'CN', value: '#1 ' }], keys: await generateKeyPair('EC') });
    expect(c.cert.subject.text).toBe('O=Công ty A\\, B \\+ C, CN=\\#1\\ ');
    expect(c.cert.subject.attributes[0]!.value).toBe('Công ty A, B + C');
  });
});

describe('certificate signatures', () => {
  it.each(['ES256', 'PS256', 'RS256'] as const)('a %s-signed chain verifies; another issuer or a changed TBS does not', async (alg) => {
    const root = await createCertificate({
      subject: [{ attr: 'CN', value: `root ${alg}` }],
      keys: await generateKeyPair(alg === 'ES256' ? 'EC' : 'RSA', { forSign: alg }),
      isCa: true,
    });
    const leaf = await createCertificate({ subject: [{ attr: 'CN', value: 'leaf' }], keys: await generateKeyPair('EC'), issuer: root });
    expect(await verifyCertificateSignature(leaf.cert, root.cert)).toBe(true);
    expect(await verifyCertificateSignature(root.cert, root.cert)).toBe(true);
    expect(await verifyCertificateSignature(leaf.cert, leaf.cert)).toBe(false);
    const tampered = leaf.der.slice();
    const at = bytesToHex(tampered).indexOf(bytesToHex(new TextEncoder().encode('leaf'))) / 2;
    tampered[at] = 'L'.charCodeAt(0);
    expect(await verifyCertificateSignature(parseCertificate(tampered), root.cert)).toBe(false);
  });

  it('an RSA key can sign with the scheme asked for (RS256 from a PSS key)', async () => {
    const root = await createCertificate({ subject: [{ attr: 'CN', value: 'r' }], keys: await generateKeyPair('RSA'), isCa: true, signatureAlg: 'RS256' });
    expect(root.cert.signatureAlgorithm).toBe(OID.sha256WithRSA);
    expect(await verifyCertificateSignature(root.cert, root.cert)).toBe(true);
  });

  it('a DCC chain: CSCA → DSC with the vaccination extended key usage', async () => {
    const { csca, dsc } = await createDccChain('EC');
    expect(dsc.cert.extKeyUsage).toEqual([OID.dccVaccination]);
    expect(await verifyCertificateSignature(dsc.cert, csca.cert)).toBe(true);
    writeFileSync(join(dir, 'csca.pem'), csca.pem);
    writeFileSync(join(dir, 'dsc.pem'), dsc.pem);
    expect(openssl('verify', '-CAfile', join(dir, 'csca.pem'), join(dir, 'dsc.pem')).trim()).toMatch(/: OK$/);
  });
});
