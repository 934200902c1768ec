import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeEntities, XmlError, XmlScanner, type XmlHandler } from '../../../../electron/core/import/xlsx/xmlScanner.js';

type Event = ['open', string, Record<string, string | undefined>] | ['close', string] | ['text', string];

/** Records what the scanner reports, asking for the given attributes and all text. */
function recorder(attributeNames: readonly string[]): { handler: XmlHandler; events: Event[] } {
  const events: Event[] = [];
  const handler: XmlHandler = {
    wantText: true,
    open(name, a) {
      events.push(['open', name, Object.fromEntries(attributeNames.map((n) => [n, a.get(n)]))]);
    },
    close(name) {
      events.push(['close', name]);
    },
    text(t) {
      const last = events.at(-1);
      // Text may arrive in pieces where a chunk ends: compare it joined.
      if (last?.[0] === 'text') last[1] += t;
      else events.push(['text', t]);
    },
  };
  return { handler, events };
}

function scan(xml: string, cuts: readonly number[], attributeNames: readonly string[] = []): Event[] {
  const { handler, events } = recorder(attributeNames);
  const scanner = new XmlScanner(handler);
  let at = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    scanner.push(xml.slice(at, Math.max(at, cut)));
    at = Math.max(at, cut);
  }
  scanner.push(xml.slice(at));
  scanner.end();
  return events;
}

/** How XML may spell a character: itself (if allowed), or a named, decimal or hex reference. */
function encodeChar(ch: string, how: number): string {
  const named: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
  const cp = ch.codePointAt(0)!;
  if (how === 1) return `&#${cp};`;
  if (how === 2) return `&#x${cp.toString(16).toUpperCase()};`;
  if (how === 3) return `&#x${cp.toString(16)};`;
  return named[ch] ?? ch;
}

const textArb = fc.string({ unit: fc.constantFrom('a', 'Z', ' ', 'ạ', 'Ư', 'ữ', '&', '<', '>', '"', "'", '😀', '1', '\n'), maxLength: 30 });
const encodedArb = textArb.chain((t) =>
  fc.array(fc.integer({ min: 0, max: 3 }), { minLength: [...t].length, maxLength: [...t].length }).map((hows) => ({
    text: t,
    xml: [...t].map((ch, i) => encodeChar(ch, hows[i]!)).join(''),
  })),
);
const cutsArb = (max: number) => fc.array(fc.integer({ min: 0, max }), { maxLength: 8 });

describe('XmlScanner', () => {
  it('decodes every way of writing a character, in text and attributes, however the text is cut', () => {
    fc.assert(
      fc.property(encodedArb, encodedArb, fc.constantFrom('"', "'"), cutsArb(200), (body, attr, quote, cuts) => {
        // An attribute may hold the other quote character as itself, never its own.
        const attrXml = attr.xml.replaceAll(quote, quote === '"' ? '&quot;' : '&apos;');
        const xml = `<?xml version="1.0"?><root><t v=${quote}${attrXml}${quote}>${body.xml}</t></root>`;
        const events = scan(xml, cuts, ['v']);
        expect(events).toEqual([
          ['open', 'root', { v: undefined }],
          ['open', 't', { v: attr.text }],
          ...(body.text === '' ? [] : [['text', body.text]]),
          ['close', 't'],
          ['close', 'root'],
        ]);
      }),
    );
  });

  it('reads attributes in any order, either quote, spaced or not, with or without a prefix', () => {
    const attrArb = fc.uniqueArray(
      fc.record({ name: fc.constantFrom('r', 't', 's', 'id', 'state'), value: fc.stringMatching(/^[A-Za-z0-9 ]{0,6}$/), quote: fc.constantFrom('"', "'"), prefix: fc.constantFrom('', 'x:', 'r:'), space: fc.constantFrom('', ' ', '\n\t') }),
      { selector: (a) => a.name, maxLength: 5 },
    );
    fc.assert(
      fc.property(attrArb, fc.constantFrom('', 'x:', 'main:'), fc.boolean(), cutsArb(120), (attrs, prefix, selfClosing, cuts) => {
        const written = attrs.map((a) => ` ${a.prefix}${a.name}${a.space}=${a.space}${a.quote}${a.value}${a.quote}`).join('');
        const inner = selfClosing ? `<${prefix}c${written}/>` : `<${prefix}c${written}></${prefix}c>`;
        const xml = `<${prefix}sheetData xmlns:x="urn:x">${inner}</${prefix}sheetData>`;
        const events = scan(xml, cuts, ['r', 't', 's', 'id', 'state']);
        const expected = Object.fromEntries(['r', 't', 's', 'id', 'state'].map((n) => [n, attrs.find((a) => a.name === n)?.value]));
        expect(events).toEqual([['open', 'sheetData', expect.anything()], ['open', 'c', expected], ['close', 'c'], ['close', 'sheetData']]);
      }),
    );
  });

  it('keeps CDATA as it is and skips comments and processing instructions', () => {
    const events = scan('<?xml version="1.0"?><!-- x --><a><!-- <b> --><t><![CDATA[a < b & c]]></t><?pi x?></a>', [5, 13, 40]);
    expect(events).toEqual([['open', 'a', {}], ['open', 't', {}], ['text', 'a < b & c'], ['close', 't'], ['close', 'a']]);
  });

  it('refuses what is not well-formed XML', () => {
    for (const bad of [
      '<a><b></a>', // closed out of order
      '<a><b>', // never closed
      '<a b=c></a>', // unquoted attribute
      '<a b="1"c="2"></a>', // attributes run together
      '<a>&nbsp;</a>', // an entity XML does not define
      '<a>AT&T</a>', // a bare ampersand
      '<a>&#xZZ;</a>', // a bad character reference
      '<a></a><b></b>', // two roots
      'text<a></a>', // text outside the root
      '<a', // cut inside a tag
      '', // nothing at all
      '<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>', // a DTD
    ]) {
      expect(() => scan(bad, []), bad).toThrow(XmlError);
    }
  });

  it('decodes entities only where there are some', () => {
    expect(decodeEntities('Nguyễn Văn An')).toBe('Nguyễn Văn An');
    expect(decodeEntities('&#7841;&#x1EA1;&amp;lt;')).toBe('ạạ&lt;');
  });
});
