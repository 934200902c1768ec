// Session 26, a mutation probe of session 25's PIN check: the Vietnamese letters a Telex or VNI
// input method makes that are also Latin-1 (â ê ô á à é ó ú ý ã õ, "aa" typed as "â") could be let
// through to the token with no test failing, each a wrong PIN that counts toward the lock.
import { describe, expect, it } from 'vitest';
import { isStationError } from '../../../shared/errors.js';
import { pinForLogin } from '../../../electron/signer/tokenLogin.js';
import type { TokenState } from '../../../electron/signer/tokenObjects.js';

const token: TokenState = { slot: Buffer.alloc(8), serial: 'S1', label: 'VNPT-CA', manufacturer: 'x', model: 'x', flags: 0, pinMinLength: 4, pinMaxLength: 16 };

const refusal = (pin: string): string | null => {
  try {
    pinForLogin(token, pin, undefined);
    return null;
  } catch (err) {
    return isStationError(err) ? err.code : String(err);
  }
};

describe('a PIN typed with an input method on', () => {
  it('is refused for its Latin-1 Vietnamese letters too, before the token sees it', () => {
    for (const pin of ['12345â', 'aâ1234', 'é12345', 'bàn1234', '1234ô', 'ý1234', '1234\u00a0']) expect(refusal(pin), pin).toBe('PIN_CHARACTERS');
  });

  it('lets printable ASCII through, symbols and spaces included', () => {
    for (const pin of ['123456', 'Ab#12 ~x', '!@#$%^&*']) expect(refusal(pin), pin).toBeNull();
  });
});
