// A QR that is not a certificate, scanned or pasted by mistake (probe 25): a link, a Wi-Fi login,
// a bank's VietQR, a Zalo code, an ID card. The refusal says what it is and what to scan instead,
// not only 'the "HC1:" prefix is missing: starts with "http"'.
import fc from 'fast-check';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { hc1FromBytes } from '../../../electron/core/image/hc1FromInput.js';
import { decodeHc1Report } from '../../../shared/dcc/verify.js';
import { otherCodeKind } from '../../../shared/dcc/otherCode.js';
import { qrToPng } from '../../../shared/qr/encode.js';

const VIETQR = '00020101021238570010A00000072701270006970436011300110123456780208QRIBFTTA53037045802VN62150811THANH TOAN6304A1B2';

describe('a code that is not a certificate', () => {
  it.each([
    ['a link', 'https://tiemchung.gov.vn/tra-cuu?id=123', /web address \(tiemchung\.gov\.vn\)/, /địa chỉ web/],
    ['a Zalo code', 'https://zalo.me/g/abcdef123', /Zalo QR code/, /Zalo/],
    ['a Wi-Fi login', 'WIFI:T:WPA;S:PhongKham;P:matkhau;;', /Wi-Fi/, /Wi-Fi/],
    ['a VietQR transfer', VIETQR, /VietQR bank transfer/, /VietQR chuyển khoản/],
    ['another payment code', '00020101021126360009SG.PAYNOW', /payment QR code/, /thanh toán/],
    ['a contact card', 'BEGIN:VCARD\nVERSION:3.0\nFN:Bac si A\nEND:VCARD', /contact card/, /danh thiếp/],
    ['an ID card', '001090012345|012345678|Nguyen Van A|01011990|Nam|Ha Noi|01012021', /citizen identity card \(CCCD\)/, /căn cước/],
    ['a SMART Health Card', 'shc:/5676290952432060346029243740', /SMART Health Card/, /SMART Health Card/],
  ])('%s is named, and the certificate asked for', async (_, text, en, vi) => {
    const report = await decodeHc1Report(text);
    expect(report.errors.map((e) => e.code)).toEqual(['HC1_PREFIX_MISSING']);
    expect(report.errors[0]!.message_en).toMatch(en);
    expect(report.errors[0]!.message_en).toContain('not a vaccination certificate; scan the certificate\'s QR code (its text starts with "HC1:")');
    expect(report.errors[0]!.message_vi).toMatch(vi);
    // An ID card's code holds a person's data: only its kind is said.
    expect(report.errors[0]!.message_en).not.toContain('Nguyen');
  });

  it('read off a picture, a Wi-Fi code is named the same', async () => {
    const png = PNG.sync.read(Buffer.from(qrToPng('WIFI:T:WPA;S:PhongKham;P:matkhau;;', { scale: 4 })));
    const input = hc1FromBytes(new Uint8Array(PNG.sync.write(png)), 'wifi.png');
    const report = await decodeHc1Report(input.text);
    expect(report.errors[0]!.message_en).toContain("a Wi-Fi network's login QR code");
  });

  it('text of no known kind is still said by its start', async () => {
    const report = await decodeHc1Report('NL2:ABCDEF');
    expect(report.errors[0]!.message_en).toContain('starts with "NL2:"');
  });

  it('any text is a kind or none, never an exception', () => {
    fc.assert(fc.property(fc.string(), (text) => {
      const kind = otherCodeKind(text);
      expect(kind === null || (kind.vi.length > 0 && kind.en.length > 0)).toBe(true);
    }));
    fc.assert(fc.property(fc.webUrl(), (url) => {
      expect(otherCodeKind(url)?.en).toMatch(/web address|Zalo/);
    }));
  });
});
