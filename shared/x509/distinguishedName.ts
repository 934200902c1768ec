/** X.501 Name → attributes and a one-line text (RFC 5280 §4.1.2.4, RFC 4514 escaping). */
import { bytesToHex } from '../crypto/bytes.js';
import { TAG, children, decodeOid, decodeString, derInvalid, expectTag, type Tlv } from './der.js';
import { ATTRIBUTE_NAMES } from './oids.js';

export interface DnAttribute {
  oid: string;
  /** Short name (CN, O, OU, C, ST, L, UID, E, serialNumber, ...) or the OID when unknown. */
  name: string;
  value: string;
}

export interface DistinguishedName {
  attributes: DnAttribute[];
  /** 'CN=..., O=...' in the certificate's own order (as OpenSSL prints it, not RFC 4514's reverse). */
  text: string;
}

/** RFC 4514 §2.4 escaping, so a comma inside an organisation name cannot fake another attribute. */
function escapeValue(v: string): string {
  let s = v.replace(/[\\,+"<>;=]/g, (c) => '\\' + c);
  if (s.startsWith(' ') || s.startsWith('#')) s = '\\' + s;
  if (s.endsWith(' ') && s.length > 1) s = s.slice(0, -1) + '\\ ';
  return s;
}

export function parseName(name: Tlv): DistinguishedName {
  expectTag(name, TAG.SEQUENCE, 'Name');
  const attributes: DnAttribute[] = [];
  const rdnTexts: string[] = [];
  for (const rdn of children(name)) {
    expectTag(rdn, TAG.SET, 'RelativeDistinguishedName');
    const parts: string[] = [];
    for (const atv of children(rdn)) {
      const [type, value] = children(expectTag(atv, TAG.SEQUENCE, 'AttributeTypeAndValue'));
      const oid = decodeOid(expectTag(type, TAG.OID, 'attribute type').value);
      if (value === undefined) throw derInvalid('missing attribute value');
      const text = decodeString(value);
      const attrName = ATTRIBUTE_NAMES[oid] ?? oid;
      // RFC 4514 §2.4: a value that is not a string is shown as '#' + hex of its DER.
      const shown = text ?? '#' + bytesToHex(value.raw);
      attributes.push({ oid, name: attrName, value: shown });
      parts.push(`${attrName}=${text === null ? shown : escapeValue(text)}`);
    }
    rdnTexts.push(parts.join('+'));
  }
  return { attributes, text: rdnTexts.join(', ') };
}

/** First value of an attribute by short name or OID, e.g. `dnValue(cert.subject, 'UID')`. */
export function dnValue(dn: DistinguishedName, nameOrOid: string): string | null {
  const hit = dn.attributes.find((a) => a.name === nameOrOid || a.oid === nameOrOid);
  return hit ? hit.value : null;
}
