import type { XmlHandler } from './xmlScanner.js';

const XSTRING_ESCAPE = /_x([0-9A-Fa-f]{4})_/g;

/**
 * The text of an ST_Xstring (ECMA-376 Part 1, 22.9.2.19): a UTF-16 code unit XML cannot carry is
 * written `_xHHHH_`, and so is CR, which XML parsers would turn into LF (MS-OI29500 2.1.1747: a
 * CR pasted from Word is `_x000D_`); an underscore that would otherwise start such a sequence is
 * itself written `_x005F_`, so `_x005F_x000D_` is the text `_x000D_`. One left-to-right pass: the
 * `x000D_` after a decoded `_x005F_` is never read as an escape. The `x` is lower case, H any
 * hexadecimal digit (`_x005f_` and `_x005F_` alike); anything not exactly that shape is text.
 */
export function decodeXstring(text: string): string {
  if (!text.includes('_x')) return text;
  return text.replace(XSTRING_ESCAPE, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * Rich text struck through inside a shared string (runs whose `<rPr>` has `<strike/>`): a clerk who
 * selects text in a cell and strikes it crosses out that text, not the cell's style. `kept`: the
 * runs not struck, joined; `struck`: the struck ones; `all`: nothing but blanks is kept.
 */
export interface StruckRuns {
  all: boolean;
  kept: string;
  struck: string;
}

/**
 * xl/sharedStrings.xml: one entry per `<si>`, its text as Excel shows it — a plain `<t>`, or the
 * runs `<r><t>` of rich text joined, each `<t>` with its `_xHHHH_` escapes decoded (an escape
 * never spans two runs); phonetic guides (`<rPh>`, furigana) are not shown, so left out. An
 * `<si>` with no text at all is null (an empty cell), as exceljs read it.
 */
export function sharedStringsHandler(into: (string | null)[], struckRuns?: Map<number, StruckRuns>): XmlHandler {
  let text = '';
  let run = '';
  // The current run's strike, and the si's text split by it (only once a run is struck).
  let inRun = false;
  let runStruck = false;
  let kept = '';
  let struck: string | null = null;
  let hasText = false;
  let hasRun = false;
  let phonetic = 0;
  const handler: XmlHandler = {
    wantText: false,
    open(name, attributes) {
      if (name === 'si') {
        text = '';
        hasText = false;
        hasRun = false;
        kept = '';
        struck = null;
      } else if (name === 't') {
        if (phonetic === 0) {
          run = '';
          handler.wantText = true;
        }
      } else if (name === 'r') {
        hasRun = true;
        inRun = true;
        runStruck = false;
      } else if (name === 'strike' && inRun && struckRuns !== undefined) {
        // <strike/> or <strike val="1"/>; val="0" / "false" turns it off (as in the styles part).
        const val = attributes.get('val');
        runStruck = val !== '0' && val !== 'false';
      } else if (name === 'rPh') {
        phonetic++;
      }
    },
    close(name) {
      if (name === 't') {
        if (!handler.wantText) return;
        handler.wantText = false;
        const decoded = decodeXstring(run);
        text += decoded;
        if (inRun && runStruck) struck = (struck ?? '') + decoded;
        else kept += decoded;
      } else if (name === 'r') inRun = false;
      else if (name === 'rPh') phonetic--;
      else if (name === 'si') {
        if (struck !== null && struck.trim() !== '') struckRuns?.set(into.length, { all: kept.trim() === '', kept, struck });
        into.push(hasRun || hasText ? text : null);
      }
    },
    text(t) {
      if (t.length === 0) return;
      run += t;
      hasText = true;
    },
  };
  return handler;
}
