/** Every sheet the xlsx reader yields for `path` (the wanted ones only, given `wantSheet`), collected. */
import { statSync } from 'node:fs';
import { DEFAULT_IMPORT_LIMITS } from '../../../../electron/core/import/importLimits.js';
import { readXlsxSheets, type XlsxSheet } from '../../../../electron/core/import/readXlsxSheets.js';

export async function readAllSheets(path: string, wantSheet?: (name: string) => boolean): Promise<XlsxSheet[]> {
  const out: XlsxSheet[] = [];
  for await (const sheet of readXlsxSheets(path, { limits: DEFAULT_IMPORT_LIMITS, size: statSync(path).size, ...(wantSheet ? { wantSheet } : {}) })) out.push(sheet);
  return out;
}
