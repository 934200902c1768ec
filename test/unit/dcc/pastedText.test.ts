// What people paste around an HC1 text (probe 26): a code wrapped by a mail client or Zalo with a
// space, tab or no-break space at each line end, inside a verifier's web address, in quotes, after
// a label, with a chat's "…", or with "hc1:" in lower case. Each was refused; each is now read, and
// a property holds that a repair never turns a valid code into another one.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base45Decode } from '../../../shared/dcc/base45.js';
import { decodeHc1, encodeHc1 } from '../../../shared/dcc/hc1.js';
import { decodeHc1Report } from '../../../shared/dcc/verify.js';

const VN = readFileSync('../shared/testdata/dcc/vn/VAC_VN.hc1.txt', 'utf8').trim();
const wrap = (text: string, width: number, end: string) => text.match(new RegExp(`.{1,${width}}`, 'gs'))!.join(end);

describe('a pasted certificate', () => {
  it.each([
    ['wrapped with a space at each line end (a mail client)', wrap(VN, 76, ' \n')],
    ['wrapped with a space and CRLF', wrap(VN, 76, ' \r\n')],
    ['wrapped with a tab at each line end', wrap(VN, 64, '\t\n')],
    ['wrapped with a no-break space (Zalo)', wrap(VN, 50, '\u00a0\n')],
    ['wrapped and indented', wrap(VN, 76, ' \n  ')],
    ['in a web address, percent-encoded', `https://verify.example.vn/check?lang=vi&hc1=${encodeURIComponent(VN)}&src=zalo`],
    ['in a web address, as a form (space as +)', `https://verify.example.vn/#hc1=${new URLSearchParams({ x: VN }).toString().slice(2)}`],
    ['after "hc1:" in lower case', `hc1:${VN.slice(4)}`],
    ['in straight quotes', `"${VN}"`],
    ['in curly quotes', `“${VN}”`],
    ['in angle brackets', `<${VN}>`],
    ['after a label', `Mã QR của bé: ${VN}`],
    ['with a chat\'s "…" after it', `${VN}…`],
    ['at the end of a sentence', `Đây là mã: ${VN}.`],
  ])('%s is read', async (_, text) => {
    const report = await decodeHc1Report(text);
    expect(report.errors).toEqual([]);
    expect(report.steps.prefix).toBe(true);
    expect(report.payload).toEqual((await decodeHc1Report(VN)).payload);
  });

  it('cut short where a chat shows "…" is said to be cut short, not an invalid character', async () => {
    const report = await decodeHc1Report(`${VN.slice(0, 400)}…`);
    expect(report.payload).toBeNull();
    expect(report.errors[0]?.message_en).toMatch(/cut short/);
  });

  it('a web address without a certificate is still named as one', async () => {
    const report = await decodeHc1Report('https://tiemchung.gov.vn/tra-cuu?id=123');
    expect(report.errors[0]?.message_en).toMatch(/web address/);
  });

  it('a lower-case code retyped whole is still said to have a lower-case prefix', async () => {
    const report = await decodeHc1Report(VN.toLowerCase());
    expect(report.errors[0]?.details).toEqual({ found: 'hc1:' });
  });
});

/** A certificate whose Base45 text has spaces here and there, as real ones do (the signature is not checked by decode). */
const certificate = (name: string) =>
  encodeHc1({
    payload: { ver: '1.3.0', nam: { fn: name, fnt: 'X' }, dob: '1990', v: [] },
    signer: { alg: -7, sign: async () => new Uint8Array(64).fill(7) },
    kid: Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8),
    iss: 'VN',
    iat: 1_700_000_000,
    exp: 1_800_000_000,
  });
const bytesOf = (hc1: string) => base45Decode(hc1.slice(4));

describe('reading a wrapped code (property)', () => {
  const breaks = fc.array(fc.integer({ min: 5, max: 2000 }), { minLength: 1, maxLength: 12 });

  it('never turns a valid code into another one, whatever whitespace is put at its line breaks', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 40 }), breaks, fc.array(fc.constantFrom('\n', ' \n', '\r\n', ' \r\n', '\t\n', '\n ', '  \n', '\u00a0\n', ' '), { minLength: 12, maxLength: 12 }), async (name, at, ends) => {
        const hc1 = await certificate(name);
        const cuts = [...new Set(at.map((p) => 4 + (p % (hc1.length - 4))))].sort((a, b) => a - b);
        let wrapped = '';
        let from = 0;
        cuts.forEach((cut, i) => {
          wrapped += hc1.slice(from, cut) + ends[i]!;
          from = cut;
        });
        wrapped += hc1.slice(from);
        let read: Uint8Array | null = null;
        try {
          read = decodeHc1(wrapped).compressed;
        } catch {
          // Refused is allowed (a space of the code's own beside the one added); another code is not.
        }
        if (read !== null) expect(read).toEqual(bytesOf(hc1));
      }),
      { numRuns: 150 },
    );
  });

  it('always reads a code with one space or tab added at each line end', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 40 }), fc.integer({ min: 20, max: 90 }), fc.constantFrom(' \n', ' \r\n', '\t\n', '\u00a0\n'), async (name, width, end) => {
        const hc1 = await certificate(name);
        expect(decodeHc1(wrap(hc1, width, end)).compressed).toEqual(bytesOf(hc1));
      }),
      { numRuns: 150 },
    );
  });
});

describe('a text far past any certificate', () => {
  // A text file of half a million short lines (the CLI reads files up to 50 MB): the indent the
  // lines share was taken by spreading every line into Math.min, which overflows the stack, and
  // `station dcc decode` ended in an internal error instead of the text's own refusal.
  it('is refused as too large, not a crash', async () => {
    const text = `HC1:${'A\n'.repeat(500_000)}`;
    expect(() => decodeHc1(text)).toThrow(expect.objectContaining({ code: 'INPUT_TOO_LARGE' }));
    const report = await decodeHc1Report(text);
    expect(report.errors.map((e) => e.code)).toEqual(['INPUT_TOO_LARGE']);
  });
});
