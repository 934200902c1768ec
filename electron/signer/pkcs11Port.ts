/**
 * The PKCS#11 module is a port (STYLE rule 4): the host talks to an object with pkcs11js's
 * interface, so tests can wrap the real SoftHSM-backed instance with faults SoftHSM cannot make
 * (PIN lockout, removal, hangs, crashes).
 *
 * pkcs11js is imported with the DEFAULT import: under ESM `import * as` leaves every constant
 * undefined (CKF_OS_LOCKING_OK silently becomes 0 and SoftHSM drops its locks).
 */
import pkcs11js from 'pkcs11js';
import type { PKCS11 } from 'pkcs11js';

export type Pkcs11Port = Pick<
  PKCS11,
  | 'load'
  | 'C_Initialize'
  | 'C_Finalize'
  | 'C_GetInfo'
  | 'C_GetSlotList'
  | 'C_GetTokenInfo'
  | 'C_GetMechanismList'
  | 'C_OpenSession'
  | 'C_CloseSession'
  | 'C_Login'
  | 'C_Logout'
  | 'C_FindObjectsInit'
  | 'C_FindObjects'
  | 'C_FindObjectsFinal'
  | 'C_GetAttributeValue'
  | 'C_SignInit'
  | 'C_Sign'
>;

/** Makes one port per module load; the test host passes a factory that wraps the real one. */
export type Pkcs11PortFactory = () => Pkcs11Port;

export const createPkcs11js: Pkcs11PortFactory = () => new pkcs11js.PKCS11();

/** The PKCS#11 constants, read from the default import (see above). */
export const P = pkcs11js;
