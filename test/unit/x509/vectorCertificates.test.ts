// Every DSC certificate of the EU DCC vectors parses, and each field agrees with an independent
// parser (Node's X509Certificate, i.e. OpenSSL).
import { X509Certificate } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToHex } from '../../../shared/crypto/crypto.js';
import { parseCertificate, verifyCertificateSignature, type Certificate } from '../../../shared/x509/x509.js';

const vectors = resolve(import.meta.dirname, '../../..', '../shared/testdata/dcc/vectors');

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return jsonFiles(path);
    return name.endsWith('.json') ? [path] : [];
  });
}

const certificates = new Map<string, string>(); // base64 → first file using it
for (const file of jsonFiles(vectors)) {
  const b64 = (JSON.parse(readFileSync(file, 'utf8')) as { TESTCTX?: { CERTIFICATE?: string } }).TESTCTX?.CERTIFICATE;
  if (b64 && !certificates.has(b64)) certificates.set(b64, file.slice(vectors.length + 1));
}

const NODE_NAMES: Record<string, string> = { E: 'emailAddress' };
const nodeText = (dn: Certificate['subject']) => dn.attributes.map((a) => `${NODE_NAMES[a.name] ?? a.name}=${a.value}`).join('\n');

describe('EU DCC vector DSC certificates', () => {
  it('there are DSC certificates in every vector file that has a TESTCTX', () => {
    expect(certificates.size).toBeGreaterThan(10);
  });

  it('every distinct certificate parses, and agrees with OpenSSL field by field', () => {
    let count = 0;
    for (const [b64, file] of certificates) {
      const der = base64ToBytes(b64);
      const cert = parseCertificate(der);
      const node = new X509Certificate(Buffer.from(der));
      const where = `${file}`;
      expect(nodeText(cert.subject), where).toBe(node.subject);
      expect(nodeText(cert.issuer), where).toBe(node.issuer);
      expect(cert.serialNumber.toUpperCase().replace(/^0+(?=.)/, ''), where).toBe(node.serialNumber.replace(/^0+(?=.)/, ''));
      expect(cert.notBefore.getTime(), where).toBe(new Date(node.validFrom).getTime());
      expect(cert.notAfter.getTime(), where).toBe(new Date(node.validTo).getTime());
      expect(cert.extKeyUsage ?? undefined, where).toEqual(node.keyUsage);
      expect(cert.isCa, where).toBe(node.ca);
      expect(bytesToHex(cert.publicKey.spki), where).toBe(node.publicKey.export({ type: 'spki', format: 'der' }).toString('hex'));
      const details = node.publicKey.asymmetricKeyDetails!;
      if (cert.publicKey.type === 'RSA') expect(cert.publicKey.bits, where).toBe(details.modulusLength);
      else if (cert.publicKey.type === 'EC') {
        expect({ 'P-256': 'prime256v1', 'P-384': 'secp384r1', 'P-521': 'secp521r1' }[cert.publicKey.curve!], where).toBe(details.namedCurve);
      }
      count++;
    }
    expect(count).toBe(certificates.size);
  });

  it('self-issued vector certificates: our signature check agrees with OpenSSL', async () => {
    let checked = 0;
    for (const b64 of certificates.keys()) {
      const der = base64ToBytes(b64);
      const cert = parseCertificate(der);
      if (cert.issuer.text !== cert.subject.text) continue;
      const node = new X509Certificate(Buffer.from(der));
      expect(await verifyCertificateSignature(cert, cert)).toBe(node.verify(node.publicKey));
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('reads key usage bits and the vaccination extended key usage', () => {
    const all = [...certificates.keys()].map((b64) => parseCertificate(base64ToBytes(b64)));
    expect(all.some((c) => c.keyUsage?.includes('digitalSignature'))).toBe(true);
    expect(all.some((c) => c.extKeyUsage?.includes('1.3.6.1.4.1.1847.2021.1.2'))).toBe(true);
    expect(all.some((c) => c.publicKey.type === 'RSA') && all.some((c) => c.publicKey.curve === 'P-256')).toBe(true);
  });
});
