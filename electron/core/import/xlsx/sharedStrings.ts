import type { XmlHandler } from './xmlScanner.js';

/**
 * xl/sharedStrings.xml: one entry per `<si>`, its text as Excel shows it — a plain `<t>`, or the
 * runs `<r><t>` of rich text joined; phonetic guides (`<rPh>`, furigana) are not shown, so left
 * out. An `<si>` with no text at all is null (an empty cell), as exceljs read it.
 */
export function sharedStringsHandler(into: (string | null)[]): XmlHandler {
  let text = '';
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
        if (phonetic === 0) handler.wantText = true;
      } else if (name === 'r') {
        hasRun = true;
      } else if (name === 'rPh') {
        phonetic++;
      }
    },
    close(name) {
      if (name === 't') handler.wantText = false;
      else if (name === 'rPh') phonetic--;
      else if (name === 'si') into.push(hasRun || hasText ? text : null);
    },
    text(t) {
      if (t.length === 0) return;
      text += t;
      hasText = true;
    },
  };
  return handler;
}
