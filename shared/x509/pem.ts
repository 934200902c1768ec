/** PEM (RFC 7468) ⇄ DER for certificates. */
import { base64ToBytes, bytesToBase64 } from '../crypto/bytes.js';
import { StationError } from '../errors.js';

const BLOCK = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g;

/** Every CERTIFICATE block in `text`, in order (a chain file, a CA bundle). Other blocks are skipped. */
export function pemToDer(text: string): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const m of text.matchAll(BLOCK)) {
    try {
      out.push(base64ToBytes(m[1]!));
    } catch (e) {
      throw new StationError('CERT_INVALID', 'Khối PEM chứa base64 không hợp lệ', 'A PEM block holds invalid base64', {
        block: out.length,
        cause: e instanceof StationError ? e.toInfo() : undefined,
      });
    }
  }
  return out;
}

export function derToPem(der: Uint8Array): string {
  const b64 = bytesToBase64(der);
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 64) lines.push(b64.slice(i, i + 64));
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}
