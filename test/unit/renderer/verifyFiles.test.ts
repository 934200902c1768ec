// The verify screen's file picker and what it reads itself (probe 25): the certificate PDF a
// person was given could not be chosen (PNG and JPEG only), and a file the page could not decode
// was announced "No QR code found" before the core read it.
import { describe, expect, it } from 'vitest';
import { VERIFY_ACCEPT, readInBrowser } from '../../../renderer/src/screens/verify/verifyFiles.js';
import { en } from '../../../renderer/src/i18n/en.js';
import { vi } from '../../../renderer/src/i18n/vi.js';

describe('the verify screen’s files', () => {
  it('offers pictures, PDFs, text files and iPhone photos', () => {
    const accepted = VERIFY_ACCEPT.split(',');
    for (const kind of ['image/*', 'application/pdf', '.pdf', 'text/plain', '.txt', '.heic']) expect(accepted).toContain(kind);
    expect(en['verify.image']).toContain('PDF');
    expect(vi['verify.image']).toContain('PDF');
  });

  it.each([
    [{ type: 'image/png', name: 'qr.png' }, true],
    [{ type: 'image/jpeg', name: 'IMG_1.JPG' }, true],
    [{ type: 'image/webp', name: 'qr.webp' }, true],
    [{ type: '', name: 'screenshot.PNG' }, true],
    [{ type: 'application/pdf', name: 'certificate.pdf' }, false],
    [{ type: 'text/plain', name: 'hc1.txt' }, false],
    [{ type: 'image/heic', name: 'IMG_0001.HEIC' }, false],
    [{ type: 'image/svg+xml', name: 'qr.svg' }, false],
    [{ type: '', name: 'certificate.pdf' }, false],
  ])('%o is read on the page: %s (else the core reads it or names it)', (file, here) => {
    expect(readInBrowser(file)).toBe(here);
  });

  it('has no "no QR found" notice left to contradict the core’s report', () => {
    expect(Object.keys(en)).not.toContain('verify.noQr');
    expect(Object.keys(vi)).not.toContain('verify.noQr');
  });
});
