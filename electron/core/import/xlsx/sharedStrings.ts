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
 * xl/sharedStrings.xml: one entry per `<si>`, its text as Excel shows it — a plain `<t>`, or the
 * runs `<r><t>` of rich text joined, each `<t>` with its `_xHHHH_` escapes decoded (an escape
 * never spans two runs); phonetic guides (`<rPh>`, furigana) are not shown, so left out. An
 * `<si>` with no text at all is null (an empty cell), as exceljs read it.
 */
export function sharedStringsHandler(into: (string | null)[]): XmlHandler {
  let text = '';
  let run = '';
  let hasText = false;
  let hasRun = false;
  let phonetic = 0;
  const handler: XmlHandler = {
    wantText: false,
    open(name) {
      if (name === 'si') {
        text = '';
        hasText = false;
        hasRun = false;
      } else if (name === 't') {
        if (phonetic === 0) {
          run = '';
          handler.wantText = true;
        }
      } else if (name === 'r') {
        hasRun = true;
      } else if (name === 'rPh') {
        phonetic++;
      }
    },
    close(name) {
      if (name === 't') {
        if (!handler.wantText) return;
        handler.wantText = false;
        text += decodeXstring(run);
      } else if (name === 'rPh') phonetic--;
      else if (name === 'si') into.push(hasRun || hasText ? text : null);
    },
    text(t) {
      if (t.length === 0) return;
      run += t;
      hasText = true;
    },
  };
  return handler;
}
