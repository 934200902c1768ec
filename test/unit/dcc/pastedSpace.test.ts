// "HC1: NCF…": the code typed or pasted with a space after the colon, as people write a label
// (probe 25), was refused as a Base45 error at position 12. A Base45 text of zlib data never
// starts with a space, so the space is dropped and the certificate read.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base45Encode } from '../../../shared/dcc/base45.js';
import { decodeHc1Report } from '../../../shared/dcc/verify.js';

const VN = readFileSync('../shared/testdata/dcc/vn/VAC_VN.hc1.txt', 'utf8').trim();

describe('a space after "HC1:"', () => {
  it.each([
    ['one space', `HC1: ${VN.slice(4)}`],
    ['a line break', `HC1:\r\n${VN.slice(4)}`],
    ['spaces and a tab', `HC1:  \t${VN.slice(4)}`],
  ])('%s: the certificate is read', async (_, text) => {
    const report = await decodeHc1Report(text);
    expect(report.errors).toEqual([]);
    expect(report.payload).not.toBeNull();
  });

  it('is never the first character of a certificate: no zlib header encodes to a leading space', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 0, max: 255 }), fc.uint8Array({ maxLength: 8 }), (cinfo, flg, rest) => {
        const cmf = (cinfo << 4) | 8;
        fc.pre((cmf * 256 + flg) % 31 === 0);
        expect(base45Encode(Uint8Array.of(cmf, flg, ...rest))[0]).not.toBe(' ');
      }),
    );
  });
});
