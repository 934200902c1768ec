/**
 * The vaccine catalog of DESIGN §3 as data, so that the Ministry's own codes can replace ours:
 * the EU DCC value-set codes (mp, ma, vp) each vaccine is issued with, its primary series and the
 * minimum interval between doses, and the spellings clinics use for it in spreadsheets.
 */
import { foldForSearch } from './names.js';

export interface Vaccine {
  /** Our catalog code, stored in DoseRecord.vaccine. */
  code: string;
  /** Product name as printed on the certificate. */
  name: string;
  nameVi: string;
  nameEn: string;
  /** EU DCC `mp` (medicinal product). */
  mp: string;
  /** EU DCC `ma` (marketing authorisation holder / manufacturer). */
  ma: string;
  /** Display name of `ma`, from the EU value set. */
  manufacturer: string;
  /** EU DCC `vp` (vaccine or prophylaxis) issued for this vaccine. */
  vp: string;
  primaryDoses: number;
  /** Minimum days between two doses of the primary series; null for single-dose vaccines. */
  minIntervalDays: number | null;
  /**
   * The youngest age (whole years on the day of the dose) Viet Nam licensed or used the vaccine
   * for: Comirnaty from 5 (the children's formulation, 2022), Spikevax from 6 (2022), every other
   * vaccine of the catalog for adults only. A younger person is a warning (DOSE_BELOW_LICENSED_AGE).
   */
  minAgeYears: number;
  /** Spellings clinics use; matched after folding case, diacritics, spaces and punctuation. */
  aliases: string[];
}

/** SNOMED CT 840539006: COVID-19, the DCC `tg`. */
export const DISEASE_COVID19 = '840539006';
export const COUNTRY_VN = 'VN';

/**
 * Vero Cell is Sinopharm's BEIJING product (BBIBP-CorV, ORG-100020693). The EU id
 * `Inactivated-SARS-CoV-2-Vero-Cell` is Wuhan's (WIBP), deprecated: never issue it, never map to it.
 */
export const VACCINES: readonly Vaccine[] = Object.freeze([
  {
    code: 'ASTRAZENECA', name: 'Vaxzevria', nameVi: 'Vắc xin AstraZeneca (Vaxzevria)', nameEn: 'AstraZeneca (Vaxzevria)',
    mp: 'EU/1/21/1529', ma: 'ORG-100001699', manufacturer: 'AstraZeneca AB', vp: '29061000087103',
    primaryDoses: 2, minIntervalDays: 28, minAgeYears: 18,
    // 'Astra': the maker's name cut short, as clinics write it; it has no other vaccine.
    aliases: ['AstraZeneca', 'Astra Zeneca', 'Astra-Zeneca', 'Astra', 'Vaxzevria', 'AZ', 'AZD1222', 'ChAdOx1', 'ChAdOx1-S', 'ChAdOx1 nCoV-19'],
  },
  {
    code: 'SPUTNIK_V', name: 'Sputnik V', nameVi: 'Vắc xin Sputnik V', nameEn: 'Sputnik V',
    mp: 'Sputnik-V', ma: 'Gamaleya-Research-Institute', manufacturer: 'Gamaleya Research Institute', vp: '29061000087103',
    primaryDoses: 2, minIntervalDays: 21, minAgeYears: 18,
    // Not 'Sputnik' or 'Gamaleya' alone: Sputnik Light (one dose) has the same maker.
    aliases: ['Sputnik V', 'Sputnik-V', 'SputnikV', 'Gam-COVID-Vac'],
  },
  {
    code: 'VERO_CELL', name: 'Vero Cell (Sinopharm BIBP)', nameVi: 'Vắc xin Vero Cell (Sinopharm)', nameEn: 'Vero Cell (Sinopharm BIBP)',
    mp: 'BBIBP-CorV', ma: 'ORG-100020693', manufacturer: 'China Sinopharm International Corp. - Beijing location', vp: '1157024006',
    primaryDoses: 2, minIntervalDays: 21, minAgeYears: 18,
    aliases: ['Vero Cell', 'Verocell', 'Vero-Cell', 'Sinopharm', 'Sinopharm BIBP', 'Sinopharm Beijing', 'BBIBP-CorV', 'BBIBP', 'BIBP',
      'Vero Cell (Sinopharm)', 'Sinopharm (Vero Cell)'],
  },
  {
    code: 'PFIZER', name: 'Comirnaty', nameVi: 'Vắc xin Pfizer-BioNTech (Comirnaty)', nameEn: 'Pfizer-BioNTech (Comirnaty)',
    mp: 'EU/1/20/1528', ma: 'ORG-100030215', manufacturer: 'Biontech Manufacturing GmbH', vp: '1119349007',
    primaryDoses: 2, minIntervalDays: 21, minAgeYears: 5,
    aliases: ['Pfizer', 'Pfizer-BioNTech', 'Pfizer BioNTech', 'BioNTech', 'Comirnaty', 'BNT162b2', 'Tozinameran'],
  },
  {
    code: 'MODERNA', name: 'Spikevax', nameVi: 'Vắc xin Moderna (Spikevax)', nameEn: 'Moderna (Spikevax)',
    mp: 'EU/1/20/1507', ma: 'ORG-100031184', manufacturer: 'Moderna Biotech Spain S.L.', vp: '1119349007',
    primaryDoses: 2, minIntervalDays: 28, minAgeYears: 6,
    aliases: ['Moderna', 'Spikevax', 'mRNA-1273', 'Elasomeran'],
  },
  {
    code: 'JANSSEN', name: 'Jcovden', nameVi: 'Vắc xin Janssen (Jcovden)', nameEn: 'Janssen (Jcovden)',
    mp: 'EU/1/20/1525', ma: 'ORG-100001417', manufacturer: 'Janssen-Cilag International', vp: '29061000087103',
    primaryDoses: 1, minIntervalDays: null, minAgeYears: 18,
    aliases: ['Janssen', 'Johnson & Johnson', 'Johnson and Johnson', 'J&J', 'JNJ', 'Jcovden', 'Ad26.COV2.S'],
  },
  {
    code: 'HAYAT_VAX', name: 'Hayat-Vax', nameVi: 'Vắc xin Hayat-Vax', nameEn: 'Hayat-Vax',
    mp: 'Hayat-Vax', ma: 'ORG-100023050', manufacturer: 'Gulf Pharmaceutical Industries', vp: '1157024006',
    primaryDoses: 2, minIntervalDays: 21, minAgeYears: 18,
    // Hayat-Vax is Sinopharm's BBIBP-CorV filled in the UAE: the combined spelling must not read
    // as two vaccines.
    aliases: ['Hayat-Vax', 'Hayat Vax', 'HayatVax', 'Hayat', 'Hayat-Vax (Sinopharm)'],
  },
  {
    code: 'ABDALA', name: 'Abdala', nameVi: 'Vắc xin Abdala', nameEn: 'Abdala',
    mp: 'Abdala', ma: 'CIGB', manufacturer: 'Center for Genetic Engineering and Biotechnology', vp: '28531000087107',
    primaryDoses: 3, minIntervalDays: 14, minAgeYears: 18,
    // Not 'CIGB' alone: the centre makes other COVID-19 vaccines too (Mambisa).
    aliases: ['Abdala', 'CIGB-66', 'CIGB66'],
  },
].map((v) => Object.freeze({ ...v, aliases: Object.freeze([...v.aliases]) as string[] })));

/** Older `vp` codes a verifier must still accept on read (DESIGN §3); never issued. */
export const LEGACY_VP_CODES: readonly string[] = Object.freeze(['J07BX03', '1119305005']);

/** Display names of the diseases targeted (EU value set disease-agent-targeted): COVID-19. */
export const DISEASE_NAMES: Readonly<Record<string, { vi: string; en: string }>> = Object.freeze({ [DISEASE_COVID19]: { vi: 'COVID-19', en: 'COVID-19' } });

/** Display names of the `vp` codes we issue or accept (EU value set vaccine-prophylaxis). */
export const VACCINE_PROPHYLAXIS: Readonly<Record<string, { vi: string; en: string }>> = Object.freeze({
  '29061000087103': { vi: 'Vắc xin COVID-19 véc-tơ virus không sao chép', en: 'COVID-19 non-replicating viral vector vaccine' },
  '1157024006': { vi: 'Vắc xin SARS-CoV-2 bất hoạt toàn virus', en: 'Inactivated whole SARS-CoV-2 antigen vaccine' },
  '1119349007': { vi: 'Vắc xin mRNA SARS-CoV-2', en: 'SARS-CoV-2 mRNA vaccine' },
  '28531000087107': { vi: 'Vắc xin COVID-19', en: 'COVID-19 vaccine' },
  '1119305005': { vi: 'Vắc xin kháng nguyên SARS-CoV-2', en: 'SARS-CoV-2 antigen vaccine' },
  J07BX03: { vi: 'Vắc xin COVID-19', en: 'covid-19 vaccines' },
});

const byCode = new Map(VACCINES.map((v) => [v.code, v]));

export function vaccineByCode(code: string): Vaccine | undefined {
  return byCode.get(code);
}

/** Case, diacritics, spaces and punctuation folded away; '&' read as 'and' (J&J, Johnson & Johnson). */
export function vaccineKey(text: string): string {
  return foldForSearch(text).replace(/&/g, 'and').replace(/[^a-z0-9]/g, '');
}

/** Words around a vaccine name in Vietnamese and English lists ("Vắc xin phòng COVID-19 ..."). */
const NOISE_WORDS = new Set([
  'vac', 'xin', 'vacxin', 'vacin', 'vaccin', 'vaccine', 'vaccines', 'vacxine', 'phong', 'ngua', 'benh', 'loai',
  'covid', 'covid19', '19', 'ncov', 'sars', 'cov', 'sarscov2',
]);

/**
 * Text that names Sinopharm's Wuhan product (WIBP, `Inactivated-SARS-CoV-2-Vero-Cell`): it is not
 * our VERO_CELL, and no other catalog entry either.
 */
const NOT_OURS = /wibp|wuhan|inactivated/;

/**
 * Other vaccines, none of them in the catalog, that a cell may name beside one of ours ("Vero
 * Cell (Sinovac)", "Sputnik V Light", "AstraZeneca (Covishield)"): the cell names a product the
 * station cannot sign as any of ours, so it resolves to none rather than to the familiar word.
 */
// The Serum Institute of India makes AstraZeneca's vaccine as Covishield (and Novavax's as
// Covovax): "AstraZeneca (Serum Institute)" is Covishield, which the catalog does not sign.
const OTHER_PRODUCTS =
  /sinovac|coronavac|covaxin|covishield|novavax|nuvaxovid|vidprevtyn|valneva|bimervax|cansino|convidecia|zifivax|epivac|soberana|covovax|corbevax|nanocovax|covivac|sputniklight|seruminstitute/;
const OTHER_PRODUCT_WORDS = new Set(['light']);

/**
 * A vaccine made under licence from another of the catalog's: named beside its licensor ("Hayat-Vax
 * (Sinopharm UAE)": Sinopharm's BBIBP-CorV filled in the UAE), the cell names the fill, not two.
 */
const FILL_OF: ReadonlyMap<string, string> = new Map([['HAYAT_VAX', 'VERO_CELL']]);
const LIST_SEPARATOR = /[/,;+|]/;

/**
 * One vaccine when the parts name a fill and its licensor only, one in brackets after the other
 * ("Hayat-Vax (Sinopharm UAE)"): the fill. Not across a list's separator ("Sinopharm, Hayat-Vax",
 * "Mũi 1 Sinopharm / mũi 2 Hayat"): that is two doses' vaccines, never a guess.
 */
function oneOf(found: ReadonlySet<Vaccine>, text: string): Vaccine | undefined {
  if (found.size === 1) return [...found][0];
  if (found.size !== 2 || LIST_SEPARATOR.test(text)) return undefined;
  const [a, b] = [...found] as [Vaccine, Vaccine];
  if (FILL_OF.get(a.code) === b.code) return a;
  if (FILL_OF.get(b.code) === a.code) return b;
  return undefined;
}

/** Folded key → code; a key claimed by two vaccines is ambiguous and left out. */
function buildIndex(): { index: Map<string, string>; ambiguous: Set<string> } {
  const index = new Map<string, string>();
  const ambiguous = new Set<string>();
  for (const v of VACCINES) {
    for (const spelling of [v.code, v.mp, v.name, ...v.aliases]) {
      const key = vaccineKey(spelling);
      if (key === '' || ambiguous.has(key)) continue;
      const seen = index.get(key);
      if (seen === undefined) index.set(key, v.code);
      else if (seen !== v.code) {
        index.delete(key);
        ambiguous.add(key);
      }
    }
  }
  return { index, ambiguous };
}

const { index: KEY_INDEX, ambiguous: AMBIGUOUS_KEYS } = buildIndex();

/** Keys the catalog itself makes ambiguous (a test keeps this empty). */
export function ambiguousVaccineKeys(): string[] {
  return [...AMBIGUOUS_KEYS];
}

function lookupKey(key: string): Vaccine | undefined {
  const code = KEY_INDEX.get(key);
  return code === undefined ? undefined : byCode.get(code);
}

/** The text's folded words, the words around vaccine names left out. */
function wordsOf(text: string): string[] {
  return foldForSearch(text)
    .replace(/&/g, ' and ')
    .replace(/sars\W*cov\W*2/g, ' ')
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '' && !NOISE_WORDS.has(w));
}

function withoutNoise(text: string): string {
  return wordsOf(text).join('');
}

function resolveWhole(text: string): Vaccine | undefined {
  return lookupKey(vaccineKey(text)) ?? lookupKey(withoutNoise(text));
}

/**
 * The catalog entry a clinic's spelling names: a catalog code, an `mp`, a product or brand name,
 * in any case, with or without diacritics, spaces, hyphens and "Vắc xin ... / COVID-19 vaccine"
 * around it. "Vero Cell (Sinopharm)" and "Pfizer (lô FF2382)" resolve part by part; when the parts
 * name two different vaccines ("Pfizer/Moderna") the answer is undefined: never a guess.
 */
export function findVaccine(text: string): Vaccine | undefined {
  if (typeof text !== 'string') return undefined;
  const key = vaccineKey(text);
  if (NOT_OURS.test(key) || OTHER_PRODUCTS.test(key) || wordsOf(text).some((w) => OTHER_PRODUCT_WORDS.has(w))) return undefined;
  const whole = resolveWhole(text);
  if (whole !== undefined) return whole;
  const found = new Set<Vaccine>();
  for (const part of text.split(/[()[\]/,;+|]/)) {
    // A part may carry a few words of its own: "Pfizer trẻ em (5-11 tuổi)".
    const v = resolveWhole(part) ?? byWords(part);
    if (v !== undefined) found.add(v);
  }
  if (found.size > 0) return oneOf(found, text);
  return byWords(text);
}

/**
 * Why a cell names no vaccine of the catalog though it has a catalog name in it, for a message
 * that says so: the catalog vaccines it names when they are two or more ("Pfizer/Moderna",
 * "Pfizer hoặc Moderna"), or the family name of a maker with more than one product ("Sputnik":
 * V or Light). Null when neither (a product of no catalog entry, or a name found).
 */
export function vaccinesNamedTogether(text: string): { named: Vaccine[] } | { family: readonly string[] } | null {
  if (typeof text !== 'string' || findVaccine(text) !== undefined) return null;
  const key = vaccineKey(text);
  if (NOT_OURS.test(key) || OTHER_PRODUCTS.test(key) || wordsOf(text).some((w) => OTHER_PRODUCT_WORDS.has(w))) return null;
  const family = FAMILY_NAMES.get(withoutNoise(text));
  if (family !== undefined) return { family };
  const found = new Set<Vaccine>();
  for (const part of text.split(/[()[\]/,;+|]/)) {
    const whole = resolveWhole(part);
    if (whole !== undefined) found.add(whole);
    else for (const v of runsOfWords(part).found) found.add(v);
  }
  return found.size >= 2 ? { named: [...found] } : null;
}

/** Names of other products, folded (OTHER_PRODUCTS' words): a misspelling near one of them is not ours. */
const OTHER_NAMES = OTHER_PRODUCTS.source.split('|');

/** A maker's or family's name that is one letter from one of ours but names more than it ("Sputnik": Light too). */
const FAMILY_NAMES: ReadonlyMap<string, readonly string[]> = new Map([['sputnik', ['Sputnik V', 'Sputnik Light']]]);

/** Optimal string alignment distance, stopping once it passes `max`. */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * The vaccine a cell names with one letter wrong, missing, added or two swapped ("Astrazenca",
 * "Pfizzer", "Modena", "Jansen"): the one catalog name of six letters or more within one edit of
 * the cell's words, when no other product's name is. A family's name ("Sputnik": Sputnik Light
 * has the same maker) is no misspelling of one of its products. For the importer, which says it read so;
 * findVaccine itself never guesses.
 */
export function misspelledVaccine(text: string): Vaccine | undefined {
  if (typeof text !== 'string' || findVaccine(text) !== undefined) return undefined;
  const key = withoutNoise(text);
  if (key.length < 6 || key.length > 40 || /\d/.test(key) || NOT_OURS.test(key) || FAMILY_NAMES.has(key)) return undefined;
  if (OTHER_NAMES.some((name) => editDistance(key, name, 1) <= 1)) return undefined;
  const codes = new Set<string>();
  for (const [name, code] of KEY_INDEX) {
    if (name.length < 6 || /\d/.test(name)) continue;
    if (editDistance(key, name, 1) <= 1) codes.add(code);
  }
  return codes.size === 1 ? byCode.get([...codes][0]!) : undefined;
}

/** Words besides the vaccine's own a cell may hold ("Pfizer trẻ em", "Moderna 0.25ml", "Astrazeneca Covax"). */
const MAX_OTHER_WORDS = 3;

/**
 * The vaccine named by runs of the cell's words, longest runs first ("Astra Zeneca - Vaxzevria":
 * astra+zeneca, then vaxzevria; "Pfizer Comirnaty"): exactly one vaccine named, and at most a few
 * other words. Two vaccines, or a sentence, is undefined: never a guess.
 */
function byWords(text: string): Vaccine | undefined {
  const { found, others } = runsOfWords(text);
  return found.size === 1 && others <= MAX_OTHER_WORDS ? [...found][0] : undefined;
}

/** The vaccines runs of the text's words name, and how many words are left over. */
function runsOfWords(text: string): { found: Set<Vaccine>; others: number } {
  const words = wordsOf(text);
  const used = new Array<boolean>(words.length).fill(false);
  const found = new Set<Vaccine>();
  for (let len = Math.min(4, words.length); len >= 1; len--) {
    for (let i = 0; i + len <= words.length; i++) {
      if (used.slice(i, i + len).some(Boolean)) continue;
      const v = lookupKey(words.slice(i, i + len).join(''));
      if (v === undefined) continue;
      found.add(v);
      used.fill(true, i, i + len);
    }
  }
  return { found, others: used.filter((u) => !u).length };
}
