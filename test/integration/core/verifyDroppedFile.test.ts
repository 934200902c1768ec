// What the verify screen hands the core for a file it does not read itself (probe 25): the
// certificate PDF a person was given, an iPhone photo. Through dcc.verify's input, searched in the
// worker thread as the screen's files are: the PDF is read, the HEIC named.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { verifyDccInput } from '../../../electron/core/sync/verifyDccInput.js';
import { certificatePdf } from '../../../electron/core/sync/certificatePdf.js';

const VN = readFileSync('../shared/testdata/dcc/vn/VAC_VN.hc1.txt', 'utf8').trim();
const at = new Date('2023-01-01T00:00:00Z');
const file = (name: string, bytes: Uint8Array) => ({ file: { name, base64: Buffer.from(bytes).toString('base64') } });

describe('a file dropped on the verify screen', () => {
  it("the station's certificate PDF is read: its QR found, the certificate decoded", async () => {
    const pdf = certificatePdf({ fields: [], hc1: VN, createdAt: at });
    const report = await verifyDccInput(file('chung-nhan.pdf', pdf), [], at);
    expect(report.steps.image).toBe(true);
    expect(report.text).toBe(VN);
    expect(report.payload).not.toBeNull();
    // Only the unknown signing key is wrong (no trust list given here), nothing about the file.
    expect(report.errors.map((e) => e.code)).toEqual(['KID_UNKNOWN', 'TRUST_LIST_MAYBE_STALE']);
  });

  it('an iPhone HEIC photo is named, with what to give instead', async () => {
    const heic = new Uint8Array(64);
    heic.set([0, 0, 0, 0x18, ...Buffer.from('ftypheic')]);
    const report = await verifyDccInput(file('IMG_0001.HEIC', heic), [], at);
    expect(report.steps.image).toBe(false);
    expect(report.errors[0]).toMatchObject({ code: 'IMAGE_INVALID' });
    expect(report.errors[0]!.message_en).toContain('iPhone HEIC photo');
    expect(report.errors[0]!.message_vi).toContain('ảnh HEIC của iPhone');
  });
});
