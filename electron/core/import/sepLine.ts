import type { StationError } from '../../../shared/errors.js';
import { findHeaderRow } from './findHeaderRow.js';
import { importErrorAt } from './importErrors.js';
import { parseDelimited, SEPARATORS } from './parseDelimited.js';
import type { SheetData, SheetRow } from './sheetData.js';

/**
 * Excel's "sep=;" first line decides the separator, as it does in Excel; one that does not fit
 * the rows under it (written by hand, or kept when a file was re-saved with another separator)
 * gives only "no header row". These say it: the line, and the separator the rows are written
 * with. Excel itself would show such a file in one column, so it is not read by a guess.
 */

/** What the "sep=" line said, and the separator under which the rows have a complete header if not that one. */
export interface SepLine {
  separator: string;
  fits: string | null;
}

const SAMPLE_RECORDS = 50;

/** `text`: the file's text after the "sep=" line. */
export function sepLineOf(text: string, separator: string): SepLine {
  const complete = (sep: string): boolean => {
    const rows: SheetRow[] = [];
    for (const record of parseDelimited(text, sep)) {
      rows.push({ row: record.row, cells: record.fields });
      if (rows.length >= SAMPLE_RECORDS) break;
    }
    const mapping = findHeaderRow(rows);
    return mapping !== null && mapping.missing.length === 0;
  };
  if (complete(separator)) return { separator, fits: null };
  return { separator, fits: SEPARATORS.find((sep) => sep !== separator && complete(sep)) ?? null };
}

const NAMES: Readonly<Record<string, { vi: string; en: string; shown: string }>> = {
  ',': { vi: 'dấu phẩy (,)', en: 'commas (,)', shown: ',' },
  ';': { vi: 'dấu chấm phẩy (;)', en: 'semicolons (;)', shown: ';' },
  '\t': { vi: 'dấu tab', en: 'tabs', shown: '(Tab)' },
  '|': { vi: 'dấu gạch đứng (|)', en: 'vertical bars (|)', shown: '|' },
  ' ': { vi: 'dấu cách', en: 'spaces', shown: ' ' },
  '"': { vi: 'dấu ngoặc kép (")', en: 'quotes (")', shown: '"' },
};
const nameOf = (sep: string) => NAMES[sep] ?? { vi: `ký tự "${sep}"`, en: `"${sep}"`, shown: sep };

/**
 * IMPORT_NO_HEADER of a CSV whose "sep=" line decided a separator under which no header was
 * found; null without such a line, or when no other separator fits and some of the header's
 * columns were found (what they lack is said then).
 */
export function sepLineRefusal(data: SheetData, columnsFound: boolean): StationError | null {
  const line = data.sepLine;
  if (line === undefined || (line.fits === null && columnsFound)) return null;
  const said = nameOf(line.separator);
  const directive = `sep=${said.shown}`;
  if (line.fits !== null) {
    const fits = nameOf(line.fits);
    return importErrorAt(
      'IMPORT_NO_HEADER',
      {
        vi: `Dòng đầu "${directive}" của tệp nói các ô cách nhau bằng ${said.vi}, nhưng các dòng dưới nó dùng ${fits.vi}: hãy xoá dòng đó, hoặc sửa thành "sep=${fits.shown}"`,
        en: `The file's first line "${directive}" says its values are separated by ${said.en}, but the rows under it use ${fits.en}: delete that line, or write "sep=${fits.shown}"`,
      },
      { sepLine: line },
    );
  }
  return importErrorAt(
    'IMPORT_NO_HEADER',
    {
      vi: `Dòng đầu "${directive}" của tệp nói các ô cách nhau bằng ${said.vi}; không tìm thấy dòng tiêu đề khi tách như vậy: hãy kiểm tra dòng đó`,
      en: `The file's first line "${directive}" says its values are separated by ${said.en}; no header was found with them: check that line`,
    },
    { sepLine: line },
  );
}
