import type { FileHandle } from 'node:fs/promises';
import { throwIfAborted } from '../importErrors.js';
import { readZipDirectory, type ZipEntry } from '../zipDirectory.js';
import { sharedStringsHandler, type StruckRuns } from './sharedStrings.js';
import { relsHandler, stylesHandler, workbookHandler, type Relationship, type SheetEntry, type StylesInfo, type WorkbookInfo } from './workbookParts.js';
import { XmlError, XmlPartReader, type XmlHandler } from './xmlScanner.js';
import { readPart, ZipPartDamaged, type PartSource } from './zipParts.js';

export interface WorkbookSheet extends SheetEntry {
  /** The worksheet's zip entry, or null if its relationship or part is missing. */
  entry: ZipEntry | null;
  /** False for chartsheets and dialog sheets: tabs without cells, not offered for import. */
  isWorksheet: boolean;
  /** The relationship's kind: worksheet, chartsheet, dialogsheet, macrosheet (what the tab is, said when one is chosen). */
  kind: string;
}

export interface OpenWorkbook {
  source: PartSource;
  sheets: WorkbookSheet[];
  date1904: boolean;
  /** WorkbookInfo.recalcOnLoad: formula results stored as 0 or nothing are placeholders. */
  recalcOnLoad: boolean;
  dateStyles: boolean[];
  zeroPadStyles: number[];
  scientificStyles: boolean[];
  partialDateStyles: ('year' | 'month' | null)[];
  dayFirstStyles: boolean[];
  /** StylesInfo.strikeStyles. */
  strikeStyles: boolean[];
  /** Read on first use: a workbook whose wanted sheet is never reached does not pay for them. */
  sharedStrings(signal: AbortSignal | undefined): Promise<(string | null)[] | null>;
  /** The shared strings with text struck inside them, by index: filled as sharedStrings() reads. */
  struckStrings: ReadonlyMap<number, StruckRuns>;
}

/** Streams one part through the XML scanner; its handler is told everything as it inflates. */
export async function readXmlPart(source: PartSource, entry: ZipEntry, handler: XmlHandler, signal: AbortSignal | undefined): Promise<void> {
  const reader = new XmlPartReader(handler);
  try {
    for await (const chunk of readPart(source, entry)) {
      throwIfAborted(signal);
      reader.push(chunk);
    }
    reader.end();
  } catch (err) {
    if (err instanceof XmlError) throw new XmlError(`${entry.name}: ${err.message}`);
    throw err;
  }
}

/**
 * The workbook part: xl/workbook.xml, as every writer names it, else where the package's rels
 * (`_rels/.rels`, its officeDocument relationship) put it ("xl/workbook2.xml"). Part names are
 * looked up in lower case: the package format compares them without case (ECMA-376 Part 2,
 * 9.1.1.1), and a writer's `xl/SharedStrings.xml` under the target `sharedStrings.xml` is the same part.
 */
const WORKBOOK = 'xl/workbook.xml';
const PACKAGE_RELS = '_rels/.rels';

/**
 * The part the package's rels name as its main document (officeDocument), if it is in the zip;
 * else null. Read only when there is no xl/workbook.xml (sniffFileKind.ts too).
 */
export async function mainDocumentPart(source: PartSource, entry: (name: string) => ZipEntry | undefined, signal: AbortSignal | undefined): Promise<string | null> {
  const relsEntry = entry(PACKAGE_RELS);
  if (!relsEntry) return null;
  const rels = new Map<string, Relationship>();
  await readXmlPart(source, relsEntry, relsHandler(rels, ''), signal);
  for (const rel of rels.values()) if (rel.kind === 'officeDocument' && entry(rel.part)) return rel.part;
  return null;
}

/** A part's rels: "xl/workbook.xml" → "xl/_rels/workbook.xml.rels" (ECMA-376 Part 2, 9.3). */
function relsOf(part: string): { rels: string; folder: string } {
  const slash = part.lastIndexOf('/');
  const folder = part.slice(0, slash + 1);
  return { rels: `${folder}_rels/${part.slice(slash + 1)}.rels`, folder };
}

/**
 * Reads the zip's central directory, then the parts every worksheet depends on — workbook, its
 * rels, styles — by name, whatever their order in the zip. No worksheet is touched yet.
 * `verified`: collects the parts read to their end with CRC and size checked (PartSource.verified).
 */
export async function openWorkbook(path: string, handle: FileHandle, size: number, signal: AbortSignal | undefined, verified?: Set<string>): Promise<OpenWorkbook> {
  const dir = await readZipDirectory(handle, size);
  if (!dir.ok) throw new ZipPartDamaged(dir.reason);
  const entries = new Map<string, ZipEntry>();
  for (const e of dir.entries) {
    const key = e.name.toLowerCase();
    if (!entries.has(key)) entries.set(key, e);
  }
  const entry = (name: string): ZipEntry | undefined => entries.get(name.toLowerCase());
  const source: PartSource = verified ? { path, handle, bytesRead: 0, verified } : { path, handle, bytesRead: 0 };

  const workbookPart = entry(WORKBOOK) ? WORKBOOK : await mainDocumentPart(source, entry, signal);
  const workbookEntry = workbookPart === null ? undefined : entry(workbookPart);
  if (!workbookEntry || workbookPart === null) throw new XmlError(`${WORKBOOK} is missing`);
  const { rels: workbookRels, folder } = relsOf(workbookPart);
  const info: WorkbookInfo = { sheets: [], date1904: false, recalcOnLoad: false };
  await readXmlPart(source, workbookEntry, workbookHandler(info), signal);

  const rels = new Map<string, Relationship>();
  const relsEntry = entry(workbookRels);
  if (relsEntry) await readXmlPart(source, relsEntry, relsHandler(rels, folder), signal);
  const partOfKind = (kind: string, fallback: string): ZipEntry | undefined => {
    for (const rel of rels.values()) if (rel.kind === kind) return entry(rel.part);
    return entry(fallback);
  };

  const styles: StylesInfo = { dateStyles: [], zeroPadStyles: [], scientificStyles: [], partialDateStyles: [], dayFirstStyles: [] };
  const stylesEntry = partOfKind('styles', 'xl/styles.xml');
  if (stylesEntry) await readXmlPart(source, stylesEntry, stylesHandler(styles), signal);

  let sharedStrings: Promise<(string | null)[] | null> | null = null;
  const struckStrings = new Map<number, StruckRuns>();
  const sharedEntry = partOfKind('sharedStrings', 'xl/sharedStrings.xml');

  return {
    source,
    date1904: info.date1904,
    recalcOnLoad: info.recalcOnLoad,
    dateStyles: styles.dateStyles,
    zeroPadStyles: styles.zeroPadStyles,
    scientificStyles: styles.scientificStyles,
    partialDateStyles: styles.partialDateStyles,
    dayFirstStyles: styles.dayFirstStyles,
    strikeStyles: styles.strikeStyles ?? [],
    struckStrings,
    sheets: info.sheets.map((sheet) => {
      const rel = rels.get(sheet.relId);
      return { ...sheet, entry: rel ? (entry(rel.part) ?? null) : null, isWorksheet: rel === undefined || rel.kind === 'worksheet', kind: rel?.kind ?? 'worksheet' };
    }),
    sharedStrings(sig) {
      sharedStrings ??= (async () => {
        if (!sharedEntry) return null;
        const list: (string | null)[] = [];
        await readXmlPart(source, sharedEntry, sharedStringsHandler(list, struckStrings), sig);
        return list;
      })();
      return sharedStrings;
    },
  };
}
