/**
 * A maker column beside the vaccine ("Hãng sản xuất", "Nhà sản xuất", "Manufacturer", "NSX"), as
 * hospital systems export it: a maker that does not make the vaccine written is an error naming
 * both (one of the two cells is wrong, and the wrong vaccine would be signed); a maker that makes it
 * says nothing; a maker unknown here says nothing either (the list may name a filling plant). A
 * vaccine cell that names only the class of all COVID-19 vaccines ("Vắc xin phòng COVID-19", ATC
 * J07BX03) or a maker of more than one product ("Sinopharm": Vero Cell, and Hayat-Vax made under
 * its licence) is read from the maker when that leaves one catalog vaccine, said with a warning.
 * "NSX" is also "ngày sản xuất", the production date: a cell that reads as a date or a number is
 * no maker and is passed over.
 */
import { error, foldForSearch, vaccineByCode, warning, type Finding } from './domainPort.js';
import { textOf } from './parseTextCells.js';
import type { CellValue } from './sheetData.js';

interface Maker {
  /** Folded names (letters and digits only; "&" as "and"); `whole` ones match only the whole cell. */
  names: readonly string[];
  whole?: readonly string[];
  /** The catalog vaccines it makes or licenses; [] for a maker of none of ours (Sinovac). */
  vaccines: readonly string[];
}

const MAKERS: readonly Maker[] = [
  // SK Bioscience (Korea) and Siam Bioscience (Thailand) filled AstraZeneca's vaccine for COVAX and Viet Nam.
  { names: ['astrazeneca', 'skbioscience', 'siambioscience', 'oxforduniversity'], whole: ['az', 'astra', 'oxford'], vaccines: ['ASTRAZENECA'] },
  { names: ['pfizer', 'biontech'], vaccines: ['PFIZER'] },
  { names: ['moderna'], vaccines: ['MODERNA'] },
  { names: ['janssen', 'johnsonandjohnson'], whole: ['jandj', 'jnj'], vaccines: ['JANSSEN'] },
  // Hayat-Vax is Sinopharm's BBIBP-CorV filled by Julphar for G42 in the UAE: Sinopharm makes both.
  { names: ['sinopharm', 'beijinginstituteofbiologicalproducts', 'chinanationalbiotec', 'chinanationalpharmaceutical'], whole: ['bibp', 'cnbg'], vaccines: ['VERO_CELL', 'HAYAT_VAX'] },
  { names: ['julphar', 'gulfpharmaceutical'], whole: ['g42', 'g42healthcare'], vaccines: ['HAYAT_VAX'] },
  { names: ['gamaleya'], vaccines: ['SPUTNIK_V'] },
  { names: ['centerforgeneticengineering', 'centrodeingenieriagenetica'], whole: ['cigb'], vaccines: ['ABDALA'] },
  // Makers of none of the catalog's vaccines (the Serum Institute's AstraZeneca is Covishield).
  { names: ['sinovac', 'bharatbiotech', 'seruminstitute', 'novavax', 'cansino', 'nanogen', 'medigen', 'valneva', 'zhifei'], vaccines: [] },
];

/** Words a vaccine cell puts around a name, and the ATC class of all COVID-19 vaccines. */
const CLASS_WORDS = new Set(['vac', 'xin', 'vacxin', 'vaccin', 'vaccine', 'vaccines', 'phong', 'ngua', 'benh', 'covid', 'covid19', '19', 'ncov', 'sars', 'cov', 'sarscov2', 'j07bx03', 'loai', 'tiem']);

function keyOf(text: string): string {
  return foldForSearch(text).replace(/&/g, 'and').replace(/[^a-z0-9]/g, '');
}

function wordsOf(text: string): string[] {
  return foldForSearch(text).replace(/&/g, ' and ').split(/[^a-z0-9]+/).filter((w) => w !== '');
}

/** The maker a cell names, or null (none, or two that differ: not judged). */
function makerOf(text: string): Maker | null {
  const key = keyOf(text);
  if (key === '') return null;
  const found = new Set<Maker>();
  for (const m of MAKERS) if (m.names.some((n) => key.includes(n)) || m.whole?.includes(key)) found.add(m);
  return found.size === 1 ? [...found][0]! : null;
}

/** A cell that names only the class of all COVID-19 vaccines: "Vắc xin phòng COVID-19", "J07BX03". */
export function namesVaccineClass(text: string): boolean {
  const words = wordsOf(text);
  return words.length > 0 && words.every((w) => CLASS_WORDS.has(w)) && (words.includes('j07bx03') || words.some((w) => w.startsWith('covid') || w === 'ncov' || w === 'sarscov2'));
}

/** The whole cell is a maker's name (the class words around it aside): "Sinopharm", "Vắc xin Sinopharm". */
function onlyMaker(text: string): Maker | null {
  const rest = wordsOf(text).filter((w) => !CLASS_WORDS.has(w)).join('');
  return MAKERS.find((m) => m.names.includes(rest) || m.whole?.includes(rest) === true) ?? null;
}

/** A production date under "NSX", a number: no maker's name. */
function isDateLike(value: CellValue | undefined): boolean {
  if (typeof value === 'number' || value instanceof Date) return true;
  return typeof value === 'string' && /^[\d\s./:\-]+$/.test(value.trim());
}

export interface MakerReading {
  /** The catalog code read from the maker, in place of the cell's. */
  vaccine?: string;
  /** The finding; `replaces`: it stands in for the vaccine cell's own error (the class, unclear). */
  finding?: Finding;
}

/**
 * The maker cell against the vaccine read: `code` the catalog code (or the cell's text when none),
 * `vaccineText` the vaccine cell as written.
 */
export function readMaker(cell: CellValue | undefined, vaccineText: string, code: string): MakerReading {
  if (cell === undefined || cell === null || isDateLike(cell)) return {};
  const makerText = textOf(cell);
  const maker = makerText === '' ? null : makerOf(makerText);
  if (maker === null) return {};
  const known = vaccineByCode(code);
  // "Sinopharm" beside "Julphar": the one product both name.
  const cellMaker = onlyMaker(vaccineText);
  const candidates = namesVaccineClass(vaccineText) ? maker.vaccines : cellMaker !== null ? cellMaker.vaccines.filter((v) => maker.vaccines.includes(v)) : null;
  if (candidates !== null && candidates.length === 1 && candidates[0] !== code) {
    const v = vaccineByCode(candidates[0]!)!;
    return {
      vaccine: v.code,
      finding: warning(
        'vaccine',
        'IMPORT_VACCINE_FROM_MAKER',
        `Ô vắc xin "${vaccineText}" không ghi rõ vắc xin nào; hãng sản xuất "${makerText}" cho biết đó là ${v.nameVi}. Hãy kiểm tra lại.`,
        `The vaccine cell "${vaccineText}" does not say which vaccine; the maker "${makerText}" says it is ${v.nameEn}. Check it.`,
      ),
    };
  }
  if (known === undefined || maker.vaccines.includes(known.code)) return {};
  return {
    finding: error(
      'vaccine',
      'IMPORT_VACCINE_MAKER_DIFFERS',
      `Ô vắc xin "${vaccineText}" (${known.nameVi}) và ô hãng sản xuất "${makerText}" không khớp: hãng này không sản xuất vắc xin đó. Hãy sửa ô sai rồi nhập lại.`,
      `The vaccine "${vaccineText}" (${known.nameEn}) and the maker "${makerText}" disagree: that maker does not make that vaccine. Correct the wrong cell and import again.`,
    ),
  };
}
