/**
 * A delimited-text (CSV/TSV) parser in the dialect Excel writes and reads (RFC 4180 plus what
 * Excel tolerates): a field is quoted only when its first character is `"`; inside quotes `""` is
 * one quote and separators and line breaks are data; records end at CRLF, LF or a lone CR.
 */

export interface DelimitedRecord {
  /** 1-based record number: the row Excel shows when it opens the file (header line = 1). */
  row: number;
  /** 1-based physical line the record starts on (differs from `row` after quoted line breaks). */
  line: number;
  fields: string[];
  /** Character offset just past the record (for progress). */
  end: number;
  /** A quoted field in this record that took in what should have been rows (set only then). */
  quoteTrouble?: QuoteTrouble;
}

/**
 * A quote that is not closed where it should be: Excel reads on to the next quote, so a forgotten
 * closing quote merges the rows after it into one cell. This parser reads the same way (the
 * fields are what Excel shows) and says so, for the reader to refuse the file:
 * - `unclosed`: the file ends inside the quotes;
 * - `rows-inside`: the quotes close on a later line, the closing quote is followed by text (a
 *   correct writer puts a separator or a line break after it: this "closing" quote opened a cell of
 *   a row the stray one took in), and what the quotes hold after their first line break shows a
 *   row: a whole line with as many separators as the widest record before it (at least 3 fields),
 *   or a last line that ends where a cell starts (after a separator, or at the line's start). A cell
 *   written with line breaks by Excel, LibreOffice or any correct writer is never marked, whatever
 *   its lines hold (a note with a list of commas, an address on three lines).
 */
export interface QuoteTrouble {
  kind: 'unclosed' | 'rows-inside';
  /** 1-based physical line the quote opens on, and its field (1-based). */
  line: number;
  column: number;
  /** 1-based physical line the quotes close on (for `unclosed`, where the file ends). */
  closeLine: number;
  /** The first characters of the field, up to its first line break, to find it in an editor. */
  start: string;
}

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

export const SEPARATORS = [',', ';', '\t', '|'] as const;
export type Separator = (typeof SEPARATORS)[number];

/** A record needs this many fields before a line inside a quoted field can count as a row. */
const MIN_ROW_FIELDS = 3;
const START_CHARS = 30;

function countLineBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === LF) n++;
    else if (c === CR && text.charCodeAt(i + 1) !== LF) n++;
  }
  return n;
}

/**
 * Whether a quoted field's lines after its first line break show a row it took in: a whole line
 * with a row's separators, or a last line (up to the closing quote) that ends where a cell starts.
 */
function hasRowInside(value: string, separator: string, rowSeparators: number): boolean {
  const lines = value.split(/\r\n|\n|\r/);
  for (let k = 1; k < lines.length - 1; k++) {
    if (lines[k]!.split(separator).length - 1 >= rowSeparators) return true;
  }
  const last = lines[lines.length - 1]!;
  return lines.length > 1 && (last === '' || last.endsWith(separator));
}

function fieldStart(value: string): string {
  const firstLine = value.split(/\r|\n/, 1)[0]!;
  const chars = Array.from(firstLine);
  return chars.length > START_CHARS ? `${chars.slice(0, START_CHARS).join('')}…` : firstLine;
}

export function* parseDelimited(text: string, separator: string): Generator<DelimitedRecord> {
  const sep = separator.charCodeAt(0);
  const end = text.length;
  let i = 0;
  let row = 0;
  let line = 1;
  // Where the next separator / LF / CR is, found with indexOf (fast on long note cells) and
  // looked up again only once passed; -1: none left.
  let nextSep = -2;
  let nextLf = -2;
  let nextCr = -2;
  const fieldEnd = (from: number): number => {
    if (nextSep !== -1 && nextSep < from) nextSep = text.indexOf(separator, from);
    if (nextLf !== -1 && nextLf < from) nextLf = text.indexOf('\n', from);
    if (nextCr !== -1 && nextCr < from) nextCr = text.indexOf('\r', from);
    let stop = end;
    if (nextSep !== -1 && nextSep < stop) stop = nextSep;
    if (nextLf !== -1 && nextLf < stop) stop = nextLf;
    if (nextCr !== -1 && nextCr < stop) stop = nextCr;
    return stop;
  };
  // The widest record so far: how many separators a row of the table has.
  let widest = 0;
  while (i < end) {
    const fields: string[] = [];
    const startLine = line;
    let quoteTrouble: QuoteTrouble | undefined;
    row++;
    for (;;) {
      let value = '';
      if (text.charCodeAt(i) === QUOTE) {
        const openLine = line;
        let unclosed = false;
        i++;
        for (;;) {
          const close = text.indexOf('"', i);
          if (close === -1) {
            // Unterminated quote: the rest of the file is this field, as Excel reads it.
            value += text.slice(i);
            line += countLineBreaks(text, i, end);
            i = end;
            unclosed = true;
            break;
          }
          value += text.slice(i, close);
          line += countLineBreaks(text, i, close);
          i = close + 1;
          if (text.charCodeAt(i) === QUOTE) {
            value += '"';
            i++;
          } else break;
        }
        // Text right after the closing quote: no correct writer leaves any (see QuoteTrouble).
        const textAfter = i < end && text.charCodeAt(i) !== sep && text.charCodeAt(i) !== CR && text.charCodeAt(i) !== LF;
        const rowsInside = textAfter && line > openLine && widest >= MIN_ROW_FIELDS && hasRowInside(value, separator, widest - 1);
        if ((unclosed || rowsInside) && !quoteTrouble) {
          const kind = unclosed ? 'unclosed' : 'rows-inside';
          quoteTrouble = { kind, line: openLine, column: fields.length + 1, closeLine: line, start: fieldStart(value) };
        }
      }
      // Unquoted text, or characters after a closing quote (Excel keeps them: "ab"c -> abc).
      const from = i;
      i = fieldEnd(i);
      if (i > from) value += text.slice(from, i);
      fields.push(value);
      if (i < end && text.charCodeAt(i) === sep) {
        i++;
        continue;
      }
      break;
    }
    if (i < end) {
      if (text.charCodeAt(i) === CR && text.charCodeAt(i + 1) === LF) i += 2;
      else i++;
      line++;
    }
    if (fields.length > widest) widest = fields.length;
    yield quoteTrouble ? { row, line: startLine, fields, end: i, quoteTrouble } : { row, line: startLine, fields, end: i };
  }
}

/** The inverse, for tests and the demo data: quotes a field only when it has to. */
export function formatDelimited(records: string[][], separator: string, newline = '\r\n'): string {
  const needsQuote = (f: string): boolean => f.includes(separator) || f.includes('"') || f.includes('\n') || f.includes('\r');
  return records
    .map((fields) =>
      fields.length === 1 && fields[0] === ''
        ? '""'
        : fields.map((f) => (needsQuote(f) ? `"${f.replaceAll('"', '""')}"` : f)).join(separator),
    )
    .join(newline);
}
