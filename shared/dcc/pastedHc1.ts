/**
 * What people paste is not always the bare HC1 text: a code wrapped by a mail client or Zalo with
 * a space or tab at each line end, inside a verifier's web address (`?hc1=HC1%3ANCF…`), in quotes,
 * after a label ("Mã QR: HC1:…"), with a chat's "…" after it, or with "hc1:" in lower case (probe
 * 26: each was refused). `hc1Readings` lists the ways to read such a text, the text as given first;
 * the transport stages (Base45, zlib with its Adler-32 checksum, COSE) decide which one is the
 * certificate, and a later reading is only tried when every earlier one failed. So a code that
 * reads as given is never changed, and a repair can only give the very bytes that were encoded
 * (a property test holds it: test/unit/dcc/pastedText.test.ts).
 */

export interface Hc1Reading {
  text: string;
  /** Its failure may be the one reported (the lower-case repair's is not: "invalid character n" says less than "the prefix is in lower case"). */
  reportable: boolean;
}

/** Base45's alphabet (RFC 9285 §4): what an HC1 text's own characters can be. */
const BASE45 = /^[0-9A-Z $%*+\-./:]$/;
const LINE_BREAKS = /\r\n|\r|\n/;
/** A space, tab or no-break space a mail client or chat left at a line end: one, or all of them around a break. */
const ONE_BEFORE_BREAK = /[ \t\u00a0]?(?:\r\n|\r|\n)+/g;
const ALL_AROUND_BREAK = /[ \t\u00a0]*(?:\r\n|\r|\n)+[ \t\u00a0]*/g;

/** The text after its last character that Base45 has: quotes, "…", ")" and "," are never the code's own. */
function withoutTrailingJunk(text: string): string {
  let end = text.length;
  while (end > 0 && !BASE45.test(text.charAt(end - 1))) end--;
  return text.slice(0, end);
}

function percentDecoded(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/**
 * An HC1 text carried in a web address: a query or fragment value, percent-encoded. `+` is `+`
 * when the address was made with encodeURIComponent and a space when it was made as a form
 * (application/x-www-form-urlencoded): both are readings.
 */
function fromUrl(text: string): string[] {
  const at = text.search(/HC1(?::|%3A)/i);
  if (at <= 0) return [];
  const value = text.slice(at).split(/[&#\s]/)[0] ?? '';
  return [value, value.replace(/\+/g, '%20')].map(percentDecoded).filter((v): v is string => v !== null);
}

/**
 * Past this, a text is read only as given (and refused as too large by the prefix stage): an HC1
 * is at most 8,192 characters (MAX_HC1_LENGTH), in a web address percent-encoded three times that
 * at worst. A text file of half a million lines overflowed the stack here (review of session 26).
 */
const MAX_REPAIRED = 32_768;

/** The ways to read a pasted text as an HC1 code, the text as given first. */
export function hc1Readings(input: string): Hc1Reading[] {
  const given = input.replace(/\p{Cf}/gu, '').trim();
  if (given.length > MAX_REPAIRED) return [{ text: given, reportable: true }];
  const texts = new Set<string>([given]);
  // A code wrapped over lines: one whitespace character added at each line end (a mail client,
  // Zalo), then all of it; the text as given already joins bare line breaks (stripHc1Prefix).
  if (LINE_BREAKS.test(given)) {
    texts.add(given.replace(ONE_BEFORE_BREAK, '\n'));
    // Indented continuation lines (a quoted mail): the indent they all share.
    const indent = Math.min(...given.split(LINE_BREAKS).slice(1).map((line) => /^[ \t\u00a0]*/.exec(line)![0].length));
    if (indent > 0) texts.add(given.replace(ONE_BEFORE_BREAK, '\n').replace(new RegExp(`\\n[ \\t\\u00a0]{${indent}}`, 'g'), '\n'));
    texts.add(given.replace(ALL_AROUND_BREAK, '\n'));
  }
  for (const text of [...texts]) {
    for (const url of fromUrl(text)) texts.add(url.trim());
    // Something before "HC1:" (a label, a quote, a bracket) and after the code (a quote, "…").
    const at = text.search(/HC1:/i);
    const start = at > 0 ? text.slice(at) : text;
    texts.add(start);
    texts.add(withoutTrailingJunk(start));
    // "HC1:NCF...": a chat shortens a long text with three dots, a sentence ends with one; Base45 has ".".
    texts.add(withoutTrailingJunk(start).replace(/\.+$/, ''));
  }
  const readings: Hc1Reading[] = [...texts].filter((t) => t !== '').map((text) => ({ text, reportable: true }));
  if (readings.length === 0) readings.push({ text: given, reportable: true });
  // "hc1:" in lower case: only the prefix; the signature and zlib's checksum still cover the rest.
  for (const { text } of [...readings]) {
    if (/^hc1:/i.test(text) && !text.startsWith('HC1:')) readings.push({ text: `HC1:${text.slice(4)}`, reportable: false });
  }
  return readings;
}
