/**
 * The PIN rules of DESIGN §5, applied BEFORE the token sees a PIN, and the mapping of what
 * C_Login answers. A PIN is never stored, logged or retried here: one call, one attempt.
 */
import { StationError } from '../../shared/errors.js';
import { signerError, signerNotice, type SignerNotice } from '../../shared/signer/index.js';
import { ckrName, isRemoval } from './ckr.js';
import { P, type Pkcs11Port } from './pkcs11Port.js';
import { tokenState, type TokenState } from './tokenObjects.js';

export function tokenFlags(flags: number) {
  return {
    loginRequired: (flags & P.CKF_LOGIN_REQUIRED) !== 0,
    userPinInitialized: (flags & P.CKF_USER_PIN_INITIALIZED) !== 0,
    pinCountLow: (flags & P.CKF_USER_PIN_COUNT_LOW) !== 0,
    pinFinalTry: (flags & P.CKF_USER_PIN_FINAL_TRY) !== 0,
    pinLocked: (flags & P.CKF_USER_PIN_LOCKED) !== 0,
    protectedAuthenticationPath: (flags & P.CKF_PROTECTED_AUTHENTICATION_PATH) !== 0,
    pinToBeChanged: (flags & P.CKF_USER_PIN_TO_BE_CHANGED) !== 0,
  };
}

/** What the PIN dialog shows before the user types: previous failure, last try, locked, a PIN to change. */
export function pinWarnings(flags: number): SignerNotice[] {
  const f = tokenFlags(flags);
  if (f.pinLocked) return [signerNotice('TOKEN_LOCKED')];
  const change = f.pinToBeChanged ? [signerNotice('PIN_TO_BE_CHANGED')] : [];
  if (f.pinFinalTry) return [signerNotice('PIN_FINAL_TRY'), ...change];
  if (f.pinCountLow) return [signerNotice('PIN_COUNT_LOW'), ...change];
  return change;
}

function pinLengthText(token: TokenState) {
  const min = token.pinMinLength ?? 1;
  const max = token.pinMaxLength;
  return max === null
    ? { vi: `ít nhất ${min} ký tự`, en: `at least ${min} characters` }
    : { vi: `từ ${min} đến ${max} ký tự`, en: `${min}–${max} characters` };
}

/**
 * Token PINs are printable ASCII: CA token managers take only unaccented letters, digits and
 * symbols. Anything else was typed with a Vietnamese input method on ("aa" → "â", digits turned
 * full-width), and sent to the token it is a wrong PIN that counts toward the lock.
 */
const PIN_TEXT = /^[\x20-\x7e]+$/;

/**
 * Decides the PIN to present, or refuses without touching the token. PIN-pad readers
 * (CKF_PROTECTED_AUTHENTICATION_PATH) take the PIN on the pad: C_Login gets "".
 */
export function pinForLogin(token: TokenState, pin: string | undefined, confirmFinalTry: boolean | undefined): string {
  const f = tokenFlags(token.flags);
  if (f.pinLocked) throw signerError('TOKEN_LOCKED', { tokenSerial: token.serial });
  // PKCS#11 §3.2 CKF_USER_PIN_TO_BE_CHANGED: a default or expired PIN. The station changes no
  // PIN (the CA's token manager does), and a login would be refused (CKR_PIN_EXPIRED) or sign
  // with a PIN printed on the token's envelope: nothing is sent, no try spent.
  if (f.pinToBeChanged) throw signerError('PIN_TO_BE_CHANGED', { tokenSerial: token.serial });
  if (f.pinFinalTry && confirmFinalTry !== true) throw signerError('PIN_FINAL_TRY', { tokenSerial: token.serial, confirmRequired: true });
  if (f.protectedAuthenticationPath) return '';
  if (pin === undefined || pin === '') throw signerError('PIN_REQUIRED', { tokenSerial: token.serial, countLow: f.pinCountLow });
  // Which character it was is not said: it is part of the PIN.
  if (!PIN_TEXT.test(pin)) throw signerError('PIN_CHARACTERS', { tokenSerial: token.serial });
  const length = new TextEncoder().encode(pin).length;
  const min = token.pinMinLength ?? 1;
  if (length < min || (token.pinMaxLength !== null && length > token.pinMaxLength)) {
    throw signerError('PIN_LENGTH', { min, max: token.pinMaxLength }, pinLengthText(token));
  }
  return pin;
}

function wrongPin(port: Pkcs11Port, token: TokenState): StationError {
  let flags = token.flags;
  try {
    flags = tokenState(port, token.slot).flags;
  } catch {
    // The token's new counters are a courtesy; the wrong PIN is the news.
  }
  const f = tokenFlags(flags);
  if (f.pinLocked) return signerError('TOKEN_LOCKED', { tokenSerial: token.serial, afterWrongPin: true });
  const details = { tokenSerial: token.serial, countLow: f.pinCountLow, finalTry: f.pinFinalTry, triesLeft: f.pinFinalTry ? 1 : null };
  if (f.pinFinalTry) return signerError('PIN_INCORRECT', details, { vi: 'chỉ còn 1 lần thử trước khi token bị khóa', en: 'one try left before the token locks' });
  // The token counts wrong PINs (CKF_USER_PIN_COUNT_LOW) without saying how many are left: the
  // signer should know before typing again that a few more may lock it.
  if (f.pinCountLow) {
    return signerError('PIN_INCORRECT', details, {
      vi: 'token báo đã có lần nhập sai mã PIN: có thể chỉ còn ít lần thử trước khi token bị khóa',
      en: 'the token reports wrong PINs entered: few tries may be left before it locks',
    });
  }
  return signerError('PIN_INCORRECT', details);
}

/** Maps any PKCS#11 failure to what the user is told; removal-class errors become TOKEN_REMOVED. */
export function tokenFailure(err: unknown, during: string): StationError {
  if (err instanceof StationError) return err;
  const ckr = ckrName(err);
  if (isRemoval(err)) return signerError('TOKEN_REMOVED', { ckr, during });
  return signerError('TOKEN_ERROR', { ckr, during, message: ckr ?? (err instanceof Error ? err.message : String(err)) });
}

/** C_Login as the user (or CKU_CONTEXT_SPECIFIC for CKA_ALWAYS_AUTHENTICATE keys), one attempt. */
export function login(port: Pkcs11Port, session: Buffer, token: TokenState, pin: string, userType: number = P.CKU_USER): void {
  try {
    port.C_Login(session, userType, pin);
  } catch (err) {
    switch (ckrName(err)) {
      case 'CKR_USER_ALREADY_LOGGED_IN':
        return; // Many drivers share login state between sessions of one application.
      case 'CKR_PIN_INCORRECT':
      case 'CKR_PIN_INVALID':
        throw wrongPin(port, token);
      case 'CKR_PIN_LOCKED':
        throw signerError('TOKEN_LOCKED', { tokenSerial: token.serial });
      case 'CKR_PIN_EXPIRED':
        throw signerError('PIN_TO_BE_CHANGED', { tokenSerial: token.serial, ckr: 'CKR_PIN_EXPIRED' });
      case 'CKR_PIN_LEN_RANGE':
        throw signerError('PIN_LENGTH', { min: token.pinMinLength, max: token.pinMaxLength }, pinLengthText(token));
      case 'CKR_USER_PIN_NOT_INITIALIZED':
        throw signerError('TOKEN_PIN_NOT_INITIALIZED', { tokenSerial: token.serial });
      default:
        throw tokenFailure(err, 'C_Login');
    }
  }
}
