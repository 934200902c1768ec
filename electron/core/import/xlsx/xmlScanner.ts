/**
 * A small streaming XML tokenizer for the SpreadsheetML parts the import reads. Not a general XML
 * parser: no DTDs, no namespace resolution (a prefix is dropped: `<x:c>` is `c`, `r:id` is `id`,
 * which is all the parts we read need), entities limited to XML's five and character references.
 * It does check what tells a damaged part from a good one: tags close in order, attributes are
 * quoted, and nothing is left open at the end; entities are checked in the text it decodes (the
 * text a handler asks for), not in text it skips.
 *
 * Text arrives in chunks of any size (a tag, an attribute or an entity may straddle two); the
 * unfinished end of a chunk is kept for the next one, so memory is one chunk plus one element.
 */

export class XmlError extends Error {}

/** The attributes of the tag being reported, valid only during the `open` call. */
export interface XmlAttributes {
  get(localName: string): string | undefined;
}

export interface XmlHandler {
  open(name: string, attributes: XmlAttributes, selfClosing: boolean): void;
  close(name: string): void;
  /** Text (entities decoded) between tags; only called while `wantText` is true. */
  text(text: string): void;
  wantText: boolean;
}

/** One unfinished construct longer than this (a cell is at most 32,767 characters) is damage. */
const MAX_PENDING = 16 * 1024 * 1024;

/** Characters of a chunk joined to the unfinished end of the one before (see XmlScanner.push). */
const JOIN = 4096;

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Replaces XML's entities and character references; an unknown or unfinished one is damage. */
export function decodeEntities(raw: string): string {
  if (!raw.includes('&')) return raw;
  let out = '';
  let pos = 0;
  for (let amp = raw.indexOf('&'); amp !== -1; amp = raw.indexOf('&', pos)) {
    const semi = raw.indexOf(';', amp);
    if (semi === -1 || semi - amp > 12) throw new XmlError(`unfinished entity at ${raw.slice(amp, amp + 12)}`);
    const body = raw.slice(amp + 1, semi);
    let ch: string | undefined;
    if (body.startsWith('#')) {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      const digits = body[1] === 'x' || body[1] === 'X' ? /^#[xX][0-9a-fA-F]+$/ : /^#[0-9]+$/;
      if (!digits.test(body) || !(code > 0 && code <= 0x10ffff)) throw new XmlError(`bad character reference &${body};`);
      ch = String.fromCodePoint(code);
    } else {
      ch = NAMED[body];
      if (ch === undefined) throw new XmlError(`unknown entity &${body};`);
    }
    out += raw.slice(pos, amp) + ch;
    pos = semi + 1;
  }
  return out + raw.slice(pos);
}

const isSpace = (c: number): boolean => c === 32 || c === 10 || c === 13 || c === 9;

class Attributes implements XmlAttributes {
  names: string[] = [];
  values: string[] = [];
  count = 0;
  get(name: string): string | undefined {
    for (let i = 0; i < this.count; i++) if (this.names[i] === name) return decodeEntities(this.values[i]!);
    return undefined;
  }
}

/** Whether `buf` holds `name` at `at`: startsWith by character codes (names are a few letters). */
function sameAt(buf: string, at: number, name: string): boolean {
  for (let k = 0; k < name.length; k++) if (buf.charCodeAt(at + k) !== name.charCodeAt(k)) return false;
  return true;
}

/** Index of the '>' ending the tag at `lt` (quotes respected), or -1 if the chunk ends first. */
function tagEnd(buf: string, lt: number): number {
  let quote = 0;
  for (let i = lt + 1; i < buf.length; i++) {
    const c = buf.charCodeAt(i);
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === 62 /* > */) return i;
    else if (c === 34 || c === 39) quote = c;
    else if (c === 60 /* < */) throw new XmlError(`'<' inside the tag at ${buf.slice(lt, i + 1)}`);
  }
  return -1;
}

export class XmlScanner {
  private pending = '';
  private readonly stack: string[] = [];
  private readonly attrs = new Attributes();
  private sawRoot = false;

  constructor(private readonly handler: XmlHandler) {}

  push(chunk: string): void {
    let buf = chunk;
    let rest: number;
    const pending = this.pending;
    const head = pending.length > 0 ? pending + chunk.slice(0, JOIN) : '';
    // The construct cut by the chunk's start is finished on a short join, then the rest of the
    // chunk is scanned as the decoder made it, a flat string: scanning `pending + chunk` read every
    // character of the chunk through the joined (cons) string (~20 % of a worksheet's scan). The
    // events are the same: the scanner reports nothing until a construct is complete.
    const headRest = head === '' ? 0 : this.scan(head, 0);
    if (headRest >= pending.length) rest = this.scan(chunk, headRest - pending.length);
    else {
      // The cut construct runs past the short join (a long text or element): the whole chunk
      // joined, from that construct on.
      buf = pending + chunk;
      rest = this.scan(buf, headRest);
    }
    this.pending = rest === buf.length ? '' : buf.slice(rest);
    if (this.pending.length > MAX_PENDING) throw new XmlError('an element is too large');
  }

  /** The part is complete: anything unfinished or unclosed means it was cut or damaged. */
  end(): void {
    if (this.pending.trim() !== '') throw new XmlError('the part ends inside a tag or text');
    if (this.stack.length > 0) throw new XmlError(`<${this.stack[this.stack.length - 1]}> is never closed`);
    if (!this.sawRoot) throw new XmlError('the part has no root element');
  }

  /** Scans complete constructs from `start`; returns where the unfinished rest starts. */
  private scan(buf: string, start: number): number {
    const h = this.handler;
    let pos = start;
    const len = buf.length;
    while (pos < len) {
      const lt = buf.indexOf('<', pos);
      if (lt === -1) return pos; // text whose end has not arrived yet
      if (lt > pos) {
        if (this.stack.length === 0) {
          if (buf.slice(pos, lt).trim() !== '') throw new XmlError('text outside the root element');
        } else if (h.wantText) h.text(decodeEntities(buf.slice(pos, lt)));
      }
      pos = lt;
      const next = buf.charCodeAt(lt + 1);
      if (Number.isNaN(next)) return lt;
      if (next === 33 /* ! */) {
        const end = this.special(buf, lt);
        if (end === -1) return lt;
        pos = end;
        continue;
      }
      if (next === 63 /* ? */) {
        const end = buf.indexOf('?>', lt + 2);
        if (end === -1) return lt;
        pos = end + 2;
        continue;
      }
      const gt = tagEnd(buf, lt);
      if (gt === -1) return lt;
      if (next === 47 /* / */) {
        // Compared in place with the open element, without slicing the name (one per element).
        let end = gt;
        while (isSpace(buf.charCodeAt(end - 1))) end--;
        let start = lt + 2;
        for (let k = start; k < end; k++) if (buf.charCodeAt(k) === 58 /* : */) start = k + 1;
        const open = this.stack.pop();
        if (open === undefined || open.length !== end - start || !sameAt(buf, start, open)) {
          throw new XmlError(`</${buf.slice(lt + 2, end)}> closes <${open ?? 'nothing'}>`);
        }
        h.close(open);
      } else {
        this.openTag(buf, lt, gt);
      }
      pos = gt + 1;
    }
    return pos;
  }

  /** Comments, CDATA (its text is reported) and a DOCTYPE (skipped); -1 if unfinished. */
  private special(buf: string, lt: number): number {
    if (buf.startsWith('<!--', lt)) {
      const end = buf.indexOf('-->', lt + 4);
      return end === -1 ? -1 : end + 3;
    }
    if (buf.startsWith('<![CDATA[', lt)) {
      const end = buf.indexOf(']]>', lt + 9);
      if (end === -1) return -1;
      if (this.stack.length === 0) throw new XmlError('CDATA outside the root element');
      if (this.handler.wantText) this.handler.text(buf.slice(lt + 9, end));
      return end + 3;
    }
    if (buf.length - lt < 9) return -1;
    if (buf.startsWith('<!DOCTYPE', lt)) {
      // Internal subsets (entity declarations) are refused: no part Excel writes has one.
      const gt = buf.indexOf('>', lt);
      if (gt === -1) return -1;
      if (buf.slice(lt, gt).includes('[')) throw new XmlError('DTDs are not accepted');
      return gt + 1;
    }
    throw new XmlError(`unexpected markup ${buf.slice(lt, lt + 12)}`);
  }

  private openTag(buf: string, lt: number, gt: number): void {
    let end = gt;
    const selfClosing = buf.charCodeAt(gt - 1) === 47;
    if (selfClosing) end--;
    let i = lt + 1;
    let nameStart = lt + 1;
    while (i < end && !isSpace(buf.charCodeAt(i))) {
      if (buf.charCodeAt(i) === 58 /* : */) nameStart = i + 1;
      i++;
    }
    if (nameStart === i) throw new XmlError('a tag without a name');
    const name = buf.slice(nameStart, i);
    const attrs = this.attrs;
    attrs.count = 0;
    for (;;) {
      while (i < end && isSpace(buf.charCodeAt(i))) i++;
      if (i >= end) break;
      const eq = buf.indexOf('=', i);
      if (eq === -1 || eq >= end) throw new XmlError(`attribute without a value in <${name}>`);
      let nameEnd = eq;
      while (nameEnd > i && isSpace(buf.charCodeAt(nameEnd - 1))) nameEnd--;
      let attrStart = i;
      for (let k = i; k < nameEnd; k++) {
        const c = buf.charCodeAt(k);
        if (c === 58 /* : */) attrStart = k + 1;
        else if (isSpace(c) || c === 60 || c === 38) throw new XmlError(`bad attribute name in <${name}>`);
      }
      if (attrStart === nameEnd) throw new XmlError(`attribute without a name in <${name}>`);
      const attrName = buf.slice(attrStart, nameEnd);
      let q = eq + 1;
      while (q < end && isSpace(buf.charCodeAt(q))) q++;
      const quote = buf.charCodeAt(q);
      if (quote !== 34 && quote !== 39) throw new XmlError(`unquoted attribute ${attrName} in <${name}>`);
      const close = buf.indexOf(buf[q]!, q + 1);
      if (close === -1 || close >= end) throw new XmlError(`unfinished attribute ${attrName} in <${name}>`);
      attrs.names[attrs.count] = attrName;
      attrs.values[attrs.count] = buf.slice(q + 1, close);
      attrs.count++;
      i = close + 1;
      if (i < end && !isSpace(buf.charCodeAt(i))) throw new XmlError(`attributes run together in <${name}>`);
    }
    if (this.stack.length === 0) {
      if (this.sawRoot) throw new XmlError('a second root element');
      this.sawRoot = true;
    }
    if (!selfClosing) this.stack.push(name);
    this.handler.open(name, attrs, selfClosing);
    if (selfClosing) this.handler.close(name);
  }
}

/**
 * The encoding of an XML part from its first bytes (XML 1.0, appendix F): UTF-16 by its byte order
 * mark or by `<?` written in two bytes a character, which the package format allows beside UTF-8
 * (ECMA-376 Part 2, 8.1.4); anything else is read as UTF-8.
 */
function partEncoding(head: Uint8Array): 'utf-8' | 'utf-16le' | 'utf-16be' {
  const [a, b, c, d] = head;
  if ((a === 0xff && b === 0xfe) || (a === 0x3c && b === 0x00 && c === 0x3f && d === 0x00)) return 'utf-16le';
  if ((a === 0xfe && b === 0xff) || (a === 0x00 && b === 0x3c && c === 0x00 && d === 0x3f)) return 'utf-16be';
  return 'utf-8';
}

/** Feeds a part's bytes, as they inflate, through one streaming decoder into a scanner. */
export class XmlPartReader {
  // Not fatal, as Excel and exceljs before us: a stray byte reads as U+FFFD rather than refusing
  // the file (the BOM, if any, is dropped by the decoder). Chosen from the part's first 4 bytes.
  private decoder: InstanceType<typeof TextDecoder> | null = null;
  private head: Uint8Array = new Uint8Array(0);
  private readonly scanner: XmlScanner;

  constructor(handler: XmlHandler) {
    this.scanner = new XmlScanner(handler);
  }

  push(bytes: Uint8Array): void {
    if (this.decoder === null) {
      const joined = new Uint8Array(this.head.length + bytes.length);
      joined.set(this.head);
      joined.set(bytes, this.head.length);
      if (joined.length < 4) {
        this.head = joined;
        return;
      }
      this.decoder = new TextDecoder(partEncoding(joined));
      bytes = joined;
    }
    const text = this.decoder.decode(bytes, { stream: true });
    if (text.length > 0) this.scanner.push(text);
  }

  end(): void {
    // A part shorter than 4 bytes was held back whole: decoded now.
    const rest = this.decoder === null ? new TextDecoder(partEncoding(this.head)).decode(this.head) : this.decoder.decode();
    if (rest.length > 0) this.scanner.push(rest);
    this.scanner.end();
  }
}
