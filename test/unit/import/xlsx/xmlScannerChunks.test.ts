import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { XmlError, XmlScanner, type XmlHandler } from '../../../../electron/core/import/xlsx/xmlScanner.js';

/**
 * The scanner finishes a construct cut by a chunk's start on a short join (4,096 characters of the
 * new chunk) and scans the rest of the chunk as it came; a construct longer than that join takes
 * the whole-chunk path. Whatever the cuts, the events (and the refusals) must be those of the
 * document pushed in one piece.
 */
type Event = string;

function recorder(): { handler: XmlHandler; events: Event[] } {
  const events: Event[] = [];
  let text = '';
  const flush = () => {
    if (text !== '') events.push(`text ${text}`);
    text = '';
  };
  const handler: XmlHandler = {
    wantText: true,
    open(name, a) {
      flush();
      events.push(`open ${name} r=${a.get('r') ?? '-'} t=${a.get('t') ?? '-'}`);
    },
    close(name) {
      flush();
      events.push(`close ${name}`);
    },
    text(t) {
      text += t;
    },
  };
  return { handler, events };
}

function scanInPieces(xml: string, cuts: readonly number[]): Event[] | 'refused' {
  const { handler, events } = recorder();
  const scanner = new XmlScanner(handler);
  try {
    let at = 0;
    for (const cut of [...cuts].sort((a, b) => a - b)) {
      if (cut <= at) continue;
      scanner.push(xml.slice(at, cut));
      at = cut;
    }
    scanner.push(xml.slice(at));
    scanner.end();
  } catch (err) {
    if (err instanceof XmlError) return 'refused';
    throw err;
  }
  return events;
}

/** Short and long pieces (longer than the join) of text, attribute values, comments and CDATA. */
const lengthArb = fc.oneof(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 4_000, max: 9_000 }));
const pieceArb = fc.oneof(
  lengthArb.map((n) => `<v>${'ạ'.repeat(n)}&amp;</v>`),
  lengthArb.map((n) => `<c r="A${n}" t="${'s'.repeat(n)}"/>`),
  lengthArb.map((n) => `<c r='B1'><is><t>${'x'.repeat(n)}</t></is></c>`),
  lengthArb.map((n) => `<!--${'-'.repeat(n % 2)}${'c'.repeat(n)}-->`),
  lengthArb.map((n) => `<t><![CDATA[${'<'.repeat(n)}]]></t>`),
  fc.constantFrom('<v>1</v>', '<x:row r="2"></x:row>', '<?pi x?>', '\n  '),
);
const documentArb = fc.array(pieceArb, { maxLength: 8 }).map((pieces) => `<?xml version="1.0"?><sheetData>${pieces.join('')}</sheetData>`);

/** Cut anywhere (up to 12 times), a document scans to what it scans to in one piece. */
function sameHoweverCut(xmlArb: fc.Arbitrary<string>): void {
  fc.assert(
    fc.property(xmlArb, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 12 }), (xml, fractions) => {
      const cuts = fractions.map((f) => Math.floor(f * xml.length));
      expect(scanInPieces(xml, cuts)).toEqual(scanInPieces(xml, []));
    }),
    { numRuns: 200 },
  );
}

describe('XmlScanner chunks', () => {
  it('reports the same events however a document with long constructs is cut', () => {
    sameHoweverCut(documentArb);
  });

  it('refuses a damaged document the same way however it is cut', () => {
    const damagedArb = fc.tuple(documentArb, fc.constantFrom('<a b=c>', '</zz>', '&nbsp;', '<a', '<c r="1"t="2"/>')).chain(([xml, bad]) =>
      fc.integer({ min: 0, max: xml.length }).map((at) => xml.slice(0, at) + bad + xml.slice(at)),
    );
    sameHoweverCut(damagedArb);
  });

  it('finishes a tag cut right at the join and one running past it', () => {
    for (const len of [4_090, 4_096, 4_100, 8_200]) {
      const xml = `<a><c r="${'A'.repeat(len)}"/><v>1</v></a>`;
      for (const cut of [1, 5, 10, 20]) expect(scanInPieces(xml, [cut])).toEqual(scanInPieces(xml, []));
    }
  });
});
