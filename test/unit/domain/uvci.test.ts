import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UVCI_CHARSET, checkUvci, luhnMod38, makeUvci, uvciOpaqueFromUuid } from '../../../shared/domain/uvci.js';
import { StationError } from '../../../shared/errors.js';

/** The Vietnamese production sample's `ci` (../shared/testdata/dcc/vn/README.md). */
const VN_SAMPLE_CI = 'URN:UVCI:01:VN:FFFE3D31FABD035899134A9D3BAE9BCF';

const opaque = fc.stringMatching(/^[A-Z0-9]{1,12}(\/[A-Z0-9]{1,12}){0,3}$/);

describe('Luhn mod 38 (eHN UVCI guidelines, Annex 2)', () => {
  it.each([
    // EU DCC schema FAQ "UVCI checksum" (also diggsweden/dgc-java testAgaistWiki)
    ['URN:UVCI:01:NL:187/37512422923', 'Z'],
    // EU DCC schema, ci description example
    ['URN:UVCI:01:AT:10807843F94AEE0EE5093FBC254BD813', 'B'],
    // Swedish examples from the eu-dcc-business-rules tests
    ['URN:UVCI:01:SE:EHM/V12916227TFJJ', 'Q'],
    ['URN:UVCI:01:SE:EHM/C878/123456789ABC', 'B'],
    // eu-dcc-schema issue #63: without '#' in the charset
    ['01LUX/18737512422923', 'E'],
    // the code of eu-dcc-schema examples/Luhn-Mod-N (its docstring's "S" is from a digits-first draft)
    ['URN:UVCI:01:NL:MY/INPUT/STRING', 'H'],
  ])('matches the published example %s → %s', (body, check) => {
    expect(luhnMod38(body)).toBe(check);
    if (body.startsWith('URN:')) expect(checkUvci(`${body}#${check}`)).toEqual({ valid: true });
  });

  it('has 38 code points in the agreed order, without #', () => {
    expect(UVCI_CHARSET).toBe('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/:');
    expect(UVCI_CHARSET).not.toContain('#');
  });

  it('refuses characters outside the charset with a coded error', () => {
    expect(() => luhnMod38('urn:uvci')).toThrow(StationError);
  });
});

describe('makeUvci / checkUvci', () => {
  it('makes the Vietnamese form with a checksum over the whole string', () => {
    const uvci = makeUvci('187/37512422923', { country: 'NL' });
    expect(uvci).toBe('URN:UVCI:01:NL:187/37512422923#Z');
    expect(makeUvci('ABC123')).toMatch(/^URN:UVCI:01:VN:ABC123#[A-Z0-9/:]$/);
    expect(checkUvci(uvci)).toEqual({ valid: true });
  });

  it('make → check is valid for any opaque id', () => {
    fc.assert(fc.property(opaque, (id) => checkUvci(makeUvci(id)).valid && checkUvci(makeUvci(id)).code === undefined), { numRuns: 500 });
  });

  it('any single changed character makes it invalid', () => {
    fc.assert(fc.property(opaque, fc.nat(), fc.constantFrom(...UVCI_CHARSET), (id, at, replacement) => {
      const uvci = makeUvci(id);
      const positions = Array.from(uvci, (_c, i) => i).filter((i) => uvci[i] !== '#' && uvci[i] !== replacement);
      const i = positions[at % positions.length]!;
      const changed = uvci.slice(0, i) + replacement + uvci.slice(i + 1);
      return !checkUvci(changed).valid;
    }), { numRuns: 1000 });
  });

  it('one changed character: a concrete case', () => {
    const uvci = makeUvci('0190A3D4F2C47E5B8A6D');
    const changed = uvci.replace('0190A', '0191A');
    expect(checkUvci(changed)).toEqual({ valid: false, code: 'UVCI_CHECKSUM_MISMATCH' });
  });

  it('accepts a UVCI without a checksum, like the Vietnamese production sample, with a note', () => {
    expect(checkUvci(VN_SAMPLE_CI)).toEqual({ valid: true, code: 'UVCI_NO_CHECKSUM' });
    expect(checkUvci(makeUvci('ABC').slice(0, -2))).toEqual({ valid: true, code: 'UVCI_NO_CHECKSUM' });
  });

  it.each([
    ['', 'UVCI_EMPTY'],
    ['urn:uvci:01:VN:ABC#A', 'UVCI_FORMAT'],
    ['01:VN:ABC', 'UVCI_FORMAT'],
    ['URN:UVCI:1:VN:ABC', 'UVCI_FORMAT'],
    ['URN:UVCI:01:VNM:ABC', 'UVCI_FORMAT'],
    ['URN:UVCI:01:VN:', 'UVCI_FORMAT'],
    ['URN:UVCI:01:VN:abc', 'UVCI_CHARSET'],
    ['URN:UVCI:01:VN:AB-C', 'UVCI_CHARSET'],
    ['URN:UVCI:01:VN:ABC#', 'UVCI_FORMAT'],
    ['URN:UVCI:01:VN:ABC#AB', 'UVCI_FORMAT'],
    [`URN:UVCI:01:VN:${'A'.repeat(80)}`, 'UVCI_TOO_LONG'],
  ])('%j → %s', (uvci, code) => {
    expect(checkUvci(uvci)).toEqual({ valid: false, code });
  });

  it('refuses an opaque id that is not upper-case A–Z, 0–9 and / with a coded error', () => {
    for (const bad of ['abc', 'AB-C', 'AB:C', '', '/ABC', 'ABC/', 'ĐẶNG']) {
      expect(() => makeUvci(bad), bad).toThrow(StationError);
    }
    expect(() => makeUvci('ABC', { country: 'vn' })).toThrow(StationError);
    expect(() => makeUvci('A'.repeat(70))).toThrow(/80/);
  });

  it('turns a record UUID into an opaque id', () => {
    const id = uvciOpaqueFromUuid('0190a3d4-f2c4-7e5b-8a6d-1234567890ab');
    expect(id).toBe('0190A3D4F2C47E5B8A6D1234567890AB');
    expect(checkUvci(makeUvci(id)).valid).toBe(true);
  });
});
