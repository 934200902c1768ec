/** X.509 certificates: DER reader and writer, parsing, PEM, keys and signatures. */
export {
  isValidAt,
  parseCertificate,
  type Certificate,
  type CertificateExtension,
  type CertificatePublicKey,
  type DistinguishedName,
  type DnAttribute,
} from './certificate.js';
export { importCertificateKey, importSpki, spkiForScheme, verifyCertificateSignature } from './certificateKey.js';
export { dnValue } from './distinguishedName.js';
export { ATTRIBUTE_NAMES, ATTRIBUTE_OIDS, KEY_USAGE_BITS, OID, type KeyUsageName } from './oids.js';
export { derToPem, pemToDer } from './pem.js';
