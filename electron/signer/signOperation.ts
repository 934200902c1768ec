/**
 * One signature on a logged-in session: take the certificate the host read (tokenCache.ts) and
 * its key as found on THIS login (handles are not trusted across logins), check the certificate
 * for this facility, try the mechanisms in order, verify the result with the certificate, and only
 * then hand it back.
 */
import { StationError } from '../../shared/errors.js';
import { preferForDocuments, preferRenewed, signerError, type Facility, type SignResult, type SignerNotice } from '../../shared/signer/index.js';
import { issuerChain } from './certificateChain.js';
import { certificateProblems } from './certificateUsability.js';
import { KEY_MAY_NOT_SIGN, MECHANISM_REFUSED, ckrName } from './ckr.js';
import type { Logger } from '../core/logger.js';
import type { Pkcs11Port } from './pkcs11Port.js';
import { P } from './pkcs11Port.js';
import { verifyWithCertificate } from './signatureCheck.js';
import { signingPlans } from './signingPlans.js';
import { isSigningCandidate, type TokenCertificate, type TokenState } from './tokenObjects.js';
import { login, tokenFailure } from './tokenLogin.js';

export interface SignRequest {
  toBeSigned: Uint8Array;
  certFingerprint?: string | undefined;
  facility?: Facility | undefined;
  at: Date;
}

/** What signing needs of a private key: its handle on this login, and whether it wants the PIN per use. */
export interface SigningKey {
  handle: Buffer;
  alwaysAuthenticate: boolean;
  /**
   * alwaysAuthenticate=false came from a find template, not a read: a driver that ignores template
   * attributes may have matched an always-authenticate key (the attribute is read if C_Sign says
   * CKR_USER_NOT_LOGGED_IN).
   */
  fromTemplate?: true;
  /**
   * Keys under the same CKA_ID that the token does not tell apart from this one (an EC key pair
   * renewed under the old id shows no public key): tried in turn when a signature does not verify.
   */
  twins?: SigningKey[];
}

export interface SignContext {
  port: Pkcs11Port;
  session: Buffer;
  token: TokenState;
  /** The PIN for CKU_CONTEXT_SPECIFIC logins ("" on PIN-pad tokens), null when this call carried none. */
  pin: string | null;
  logger: Logger;
  /** The token's certificates (read now or moments ago). */
  certs: TokenCertificate[];
  /** null: the token would not list them (every plan is tried). */
  mechanisms: Set<number> | null;
  /** The private key of a certificate on this session's login, or null. */
  keyFor(cert: TokenCertificate): SigningKey | null;
  /** Reads CKA_ALWAYS_AUTHENTICATE of a key (the fallback for `fromTemplate`). */
  readAlwaysAuthenticate(key: SigningKey): boolean;
}

function problemError(problems: SignerNotice[], fingerprint: string): StationError {
  const first = problems[0]!;
  return new StationError(first.code, first.message_vi, first.message_en, { fingerprint, problems });
}

export function signOnToken(ctx: SignContext, req: SignRequest): SignResult {
  const { port, session, token, certs } = ctx;
  const assess = (c: TokenCertificate) => {
    const key = ctx.keyFor(c);
    return { c, key, problems: certificateProblems({ cert: c.cert, hasPrivateKey: key !== null, facility: req.facility, at: req.at }) };
  };
  let chosen;
  if (req.certFingerprint) {
    const c = certs.find((x) => x.fingerprint === req.certFingerprint);
    if (!c) throw signerError('CERT_NOT_FOUND', { fingerprint: req.certFingerprint });
    chosen = assess(c);
  } else {
    const assessed = certs.map(assess);
    const forDocuments = preferForDocuments(assessed.filter((a) => a.problems.length === 0), (a) => a.c.cert?.keyUsage);
    const usable = preferRenewed(forDocuments, ({ c }) =>
      c.cert ? { subject: c.cert.subject.text, issuer: c.cert.issuer.text, keyUsage: c.cert.keyUsage, extKeyUsage: c.cert.extKeyUsage, notBefore: c.cert.notBefore.getTime(), notAfter: c.cert.notAfter.getTime() } : null,
    );
    if (usable.length > 1) throw signerError('CERT_AMBIGUOUS', { fingerprints: usable.map((a) => a.c.fingerprint) });
    // Nothing usable: explain the certificate the user most likely means (one with a key, not a CA).
    chosen = usable[0] ?? assessed.find((a) => a.key && isSigningCandidate(a.c, certs)) ?? assessed.find((a) => isSigningCandidate(a.c, certs));
    if (!chosen) throw signerError('CERT_NOT_FOUND', { tokenSerial: token.serial });
  }
  if (chosen.problems.length > 0) throw problemError(chosen.problems, chosen.c.fingerprint);
  const cert = chosen.c.cert!;

  const plans = signingPlans(cert.publicKey, ctx.mechanisms);
  if (plans.length === 0) throw signerError('SIGN_MECHANISM_UNAVAILABLE', { keyType: cert.publicKey.type, bits: cert.publicKey.bits });
  const tried: { mechanism: string; outcome: string }[] = [];
  const attempt = (plan: (typeof plans)[number], key: SigningKey): Uint8Array => {
    port.C_SignInit(session, plan.mechanism, key.handle);
    // PKCS#11 §5.2 (CKA_ALWAYS_AUTHENTICATE): the key wants the PIN again for this operation.
    if (key.alwaysAuthenticate) {
      if (ctx.pin === null) throw signerError('PIN_REQUIRED', { tokenSerial: token.serial, alwaysAuthenticate: true });
      login(port, session, token, ctx.pin, P.CKU_CONTEXT_SPECIFIC);
    }
    return plan.output(port.C_Sign(session, plan.input(req.toBeSigned), Buffer.alloc(plan.outputLength)));
  };
  // The key, then any it could not be told from (a renewal under one CKA_ID): a signature that
  // does not verify moves to the next key with the same mechanism before the next mechanism.
  const keys = [chosen.key!, ...(chosen.key!.twins ?? [])];
  let k = 0;
  plans: for (const plan of plans) {
    for (;;) {
      const key = keys[k]!;
      let signature: Uint8Array;
      try {
        try {
          signature = attempt(plan, key);
        } catch (err) {
          // A driver that ignored CKA_ALWAYS_AUTHENTICATE in the find template: C_Sign ended the
          // operation asking for the context-specific login. Read the attribute once; if it says
          // so, sign again with that login (the PIN's first use for this key, not a retry).
          if (!key.fromTemplate || ckrName(err) !== 'CKR_USER_NOT_LOGGED_IN') throw err;
          delete key.fromTemplate;
          if (!ctx.readAlwaysAuthenticate(key)) throw err;
          key.alwaysAuthenticate = true;
          signature = attempt(plan, key);
        }
      } catch (err) {
        const ckr = ckrName(err);
        if (!(err instanceof StationError) && ckr === KEY_MAY_NOT_SIGN) {
          throw signerError('KEY_NOT_ALLOWED_TO_SIGN', { tokenSerial: token.serial, fingerprint: chosen.c.fingerprint, tried: [...tried, { mechanism: plan.name, outcome: ckr }] });
        }
        if (!(err instanceof StationError) && ckr !== null && MECHANISM_REFUSED.has(ckr)) {
          tried.push({ mechanism: plan.name, outcome: ckr });
          continue plans;
        }
        throw tokenFailure(err, plan.name);
      }
      if (!verifyWithCertificate(plan.alg, cert.publicKey.spki, req.toBeSigned, signature)) {
        ctx.logger.log('warn', 'signature did not verify', { mechanism: plan.name, tokenSerial: token.serial, key: k });
        if (k + 1 < keys.length) {
          k++;
          continue;
        }
        tried.push({ mechanism: plan.name, outcome: 'SIGNATURE_VERIFY_FAILED' });
        continue plans;
      }
      ctx.logger.log('info', 'signed', { mechanism: plan.name, alg: plan.alg, tokenSerial: token.serial, cert: chosen.c.fingerprint.slice(0, 16) });
      if (k > 0) {
        // The key this login remembers for the certificate becomes the one that verified.
        const remembered = keys[0]!;
        remembered.handle = key.handle;
        remembered.alwaysAuthenticate = key.alwaysAuthenticate;
        delete remembered.twins;
      }
      return {
        signature,
        alg: plan.alg,
        mechanism: plan.name,
        certificateDer: chosen.c.der,
        certificateChain: issuerChain(chosen.c, certs, req.at),
        certFingerprint: chosen.c.fingerprint,
        tokenSerial: token.serial,
      };
    }
  }
  if (tried.some((t) => t.outcome === 'SIGNATURE_VERIFY_FAILED')) throw signerError('SIGNATURE_VERIFY_FAILED', { tried });
  throw signerError('SIGN_MECHANISM_UNAVAILABLE', { tried });
}
