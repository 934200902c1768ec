/** What verification needs of a DSC certificate (a subset of shared/x509's parsed certificate). */
export interface DscCertificate {
  notBefore: Date;
  notAfter: Date;
  /** Extended key usage OIDs; null when the certificate has no EKU extension. */
  extKeyUsage: readonly string[] | null;
  /** type/curve/bits: what the X.509 parser saw, to name a key that cannot verify (optional). */
  publicKey: { spki: Uint8Array; type?: string; curve?: string; bits?: number };
}

/** One trusted document signer: its kid, and its certificate or bare public key. */
export interface TrustEntry {
  kid: Uint8Array;
  certificate?: DscCertificate;
  /** A key without a certificate (no validity range or key usage to check then). */
  publicKey?: CryptoKey | Uint8Array;
  country?: string;
}
