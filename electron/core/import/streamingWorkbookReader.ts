import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';

/**
 * exceljs 4.4.0's streaming WorkbookReader, with two gaps closed. Both patches replace internal
 * methods of that exact version (pinned in package.json); test/unit/import/xlsxPartOrder.test.ts
 * fails if an upgrade changes them.
 *
 * 1. It decodes each zip chunk to text on its own (utils/parse-sax.js), so a Vietnamese letter
 *    whose UTF-8 bytes straddle a 16 KB chunk boundary becomes two U+FFFD: names in large sheets
 *    are silently corrupted (exceljs issues #2063, #2316). We hand it text decoded with one
 *    streaming TextDecoder per part instead (its parser passes strings through).
 * 2. It ignores <mergeCells>, which real clinic sheets use for titles, two-row headers and a
 *    person's cells spanning their dose rows. We pick the ranges out of the same decoded text.
 * 3. It keeps only the last run of an inline rich-text cell (`<is><r><t>Trần Thị </t></r><r>
 *    <t>Hương</t></r></is>` reads as "Hương"): we join the runs into one `<t>` before it parses.
 * 4. It parses a worksheet as soon as the shared strings and the workbook rels are in, even if
 *    xl/workbook.xml (the sheet names) or xl/styles.xml (which numbers are dates) comes later in
 *    the zip — a zip may hold the parts in any order — and then crashed on the missing names.
 *    Until both are read, the rels read as absent at that check, so exceljs takes its own path
 *    for early worksheets: a temp file, parsed once the zip has been read to the end.
 */

interface InternalReader {
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseWorksheet(iterator: AsyncIterable<unknown>, sheetNo: string): Generator<{ eventType: string; value: unknown }>;
  properties?: { model?: { date1904?: boolean } };
  model?: { sheets?: { name: string; state?: string }[] };
}

export interface SheetInfo {
  name: string;
  hidden: boolean;
}

export interface StreamingWorkbook {
  reader: ExcelJS.stream.xlsx.WorkbookReader;
  /** The merged ranges ("A1:F1") of a worksheet, complete once its rows have all been read. */
  mergesOf(worksheet: object): readonly string[];
  /** The workbook's sheets in tab order (known once xl/workbook.xml has been read). */
  sheets(): SheetInfo[];
}

const MERGE_CELL = /<mergeCell\b[^>]*?\bref="([A-Za-z]+[0-9]+(?::[A-Za-z]+[0-9]+)?)"/g;
const MAX_TAIL = 1024;

/** Finds <mergeCell ref="..."> tags in text arriving in chunks (a tag may straddle two chunks). */
function mergeScanner(into: string[]): (text: string) => void {
  let tail = '';
  return (text) => {
    const buf = tail + text;
    let consumed = 0;
    if (buf.includes('mergeCell')) {
      MERGE_CELL.lastIndex = 0;
      for (let m = MERGE_CELL.exec(buf); m; m = MERGE_CELL.exec(buf)) {
        into.push(m[1]!.toUpperCase());
        consumed = MERGE_CELL.lastIndex;
      }
    }
    const open = buf.lastIndexOf('<');
    tail = open >= consumed && buf.indexOf('>', open) === -1 ? buf.slice(open, open + MAX_TAIL) : '';
  };
}

/** An inline string's runs as one `<t>` (phonetic guides left out, as Excel shows the cell). */
function joinRuns(is: string): string {
  if (!/<r[\s>]/.test(is)) return is;
  const texts = [...is.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '').matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((m) => m[1]);
  return `<is><t xml:space="preserve">${texts.join('')}</t></is>`;
}

/** An `<is>` element never spans more than this; past it the text is passed on untouched. */
const MAX_PENDING = 1024 * 1024;

/** Rewrites inline rich strings in text arriving in chunks (an element may straddle two). */
function inlineRunJoiner(): { push(text: string): string; flush(): string } {
  let pending = '';
  return {
    push(chunk) {
      const buf = pending + chunk;
      pending = '';
      if (!buf.includes('<is>')) {
        // A tag cut at the end of the chunk might be the start of one: keep it for the next.
        const lt = buf.lastIndexOf('<');
        if (lt !== -1 && buf.indexOf('>', lt) === -1 && buf.length - lt < 8) {
          pending = buf.slice(lt);
          return buf.slice(0, lt);
        }
        return buf;
      }
      let out = '';
      let pos = 0;
      for (;;) {
        const open = buf.indexOf('<is>', pos);
        if (open === -1) break;
        const close = buf.indexOf('</is>', open);
        if (close === -1) {
          if (buf.length - open > MAX_PENDING) break;
          pending = buf.slice(open);
          return out + buf.slice(pos, open);
        }
        out += buf.slice(pos, open) + joinRuns(buf.slice(open, close + 5));
        pos = close + 5;
      }
      const rest = buf.slice(pos);
      const lt = rest.lastIndexOf('<');
      if (lt !== -1 && rest.indexOf('>', lt) === -1 && rest.length - lt < 8) {
        pending = rest.slice(lt);
        return out + rest.slice(0, lt);
      }
      return out + rest;
    },
    flush() {
      const rest = pending;
      pending = '';
      return rest;
    },
  };
}

async function* decodeUtf8(source: AsyncIterable<unknown>, onText: (text: string) => void): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  const runs = inlineRunJoiner();
  for await (const chunk of source) {
    const text = runs.push(typeof chunk === 'string' ? chunk : decoder.decode(chunk as Uint8Array, { stream: true }));
    if (text) {
      onText(text);
      yield text;
    }
  }
  const rest = runs.push(decoder.decode()) + runs.flush();
  if (rest) {
    onText(rest);
    yield rest;
  }
}

export function openStreamingWorkbook(input: Readable): StreamingWorkbook {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    // Hyperlink cells then read as the text they show, which is what a clinic sheet means.
    hyperlinks: 'ignore',
    // Styles are needed to tell a date-formatted serial from a plain number.
    styles: 'cache',
    entries: 'ignore',
  });
  const internal = reader as unknown as InternalReader;
  const merges = new WeakMap<object, string[]>();

  const parseSharedStrings = internal._parseSharedStrings.bind(reader);
  internal._parseSharedStrings = (entry) => {
    entry.setEncoding('utf8');
    return parseSharedStrings(entry);
  };

  // Patch 4: the rels are shown to the "parse this worksheet now?" check only once the workbook
  // and the styles have been read; a worksheet's own parse always sees them.
  let rels: unknown;
  let stylesRead = false;
  let workbookRead = false;
  let parsingSheet = false;
  Object.defineProperty(reader, 'workbookRels', {
    configurable: true,
    get: () => (parsingSheet || (workbookRead && stylesRead) ? rels : undefined),
    set: (value: unknown) => {
      rels = value;
    },
  });
  const parseStyles = internal._parseStyles.bind(reader);
  internal._parseStyles = async (entry) => {
    await parseStyles(entry);
    stylesRead = true;
  };
  const parseWorkbook = internal._parseWorkbook.bind(reader);
  internal._parseWorkbook = async (entry) => {
    await parseWorkbook(entry);
    workbookRead = true;
  };

  const parseWorksheet = internal._parseWorksheet.bind(reader);
  internal._parseWorksheet = function* (iterator, sheetNo) {
    const ranges: string[] = [];
    const events = parseWorksheet(decodeUtf8(iterator, mergeScanner(ranges)), sheetNo);
    // Its first step looks the sheet up in the rels and the workbook's sheet list.
    parsingSheet = true;
    let step: IteratorResult<{ eventType: string; value: unknown }>;
    try {
      step = events.next();
    } finally {
      parsingSheet = false;
    }
    while (!step.done) {
      const event = step.value;
      if (typeof event.value === 'object' && event.value !== null) merges.set(event.value, ranges);
      yield event;
      step = events.next();
    }
  };

  return {
    reader,
    mergesOf: (worksheet) => merges.get(worksheet) ?? [],
    sheets: () =>
      (internal.model?.sheets ?? []).map((s) => ({ name: s.name, hidden: s.state === 'hidden' || s.state === 'veryHidden' })),
  };
}

/** Whether the workbook counts dates from 1904 (old Mac Excel): serials are then 1462 days off. */
export function isDate1904(workbook: StreamingWorkbook): boolean {
  return (workbook.reader as unknown as InternalReader).properties?.model?.date1904 === true;
}
