/**
 * Where each dose was given, when the list says it: a "Nơi tiêm" / "Cơ sở tiêm" / "Điểm tiêm"
 * column, or the place's code ("Mã cơ sở tiêm"). The station signs every dose it imports as its own
 * facility's (the facility attests each dose it gave, DESIGN §6), so a dose the list says another
 * facility gave must not pass unseen: a district's list, a transfer from a hospital, the first dose
 * written for completeness beside the one given here.
 *
 * - A code that is not the station's `facility.code`: an error (IMPORT_PLACE_OTHER_CODE). The
 *   facility that gave the dose signs it.
 * - A place that says elsewhere ("Nơi khác", "Tiêm ở quê", "Đã tiêm nơi khác"): an error
 *   (IMPORT_PLACE_ELSEWHERE), with or without the facility's name: no facility to confirm.
 * - A place's name that does not read as the station's `facility.name`: a warning
 *   (IMPORT_PLACE_OTHER). Names are compared on their own words: "TYT P. Dịch Vọng" and "Trạm Y
 *   tế phường Dịch Vọng" are the same place; a name with none ("Tại trạm", "Điểm tiêm lưu động")
 *   is never said to differ.
 * - Without `facility.name`: a place other than the one most of the list names is said
 *   (IMPORT_PLACE_DIFFERS), with what the list mostly says.
 *
 * The column is read only for this; nothing of it is stored.
 */
import { error, foldForSearch, warning, type Finding } from './domainPort.js';
import { doseMarker, numberedDose } from './doseMarker.js';
import type { HeaderMapping } from './findHeaderRow.js';
import { foldHeader, withoutNotes } from './headerAliases.js';
import type { MappedRow } from './mapRow.js';
import { memoByText } from './memoByText.js';
import { saysNotGivenHere } from './notGiven.js';
import { textOf } from './parseTextCells.js';

export interface StationFacility {
  code: string | null;
  name: string | null;
}

/** Folded headers of the place a dose was given (not "Đơn vị công tác": a workplace; not an address). */
const PLACE_NAME_HEADERS: ReadonlySet<string> = new Set([
  'noitiem', 'noitiemchung', 'cosotiem', 'cosotiemchung', 'tencosotiem', 'tencosotiemchung', 'diemtiem', 'tendiemtiem',
  'diadiemtiem', 'diadiemtiemchung', 'donvitiem', 'donvitiemchung', 'tendonvitiem', 'cosoyte', 'tencosoyte', 'cosoytetiem',
  // Not "Site" alone: in an English list it is where on the body ("Left deltoid").
  'tiemtai', 'noithuchien', 'noithuchientiem', 'placeofvaccination', 'vaccinationplace', 'vaccinationsite',
  'vaccinationcentre', 'vaccinationcenter', 'facility', 'healthfacility', 'vaccinatedat', 'administeredat',
]);

/** Folded headers of the place's code. */
const PLACE_CODE_HEADERS: ReadonlySet<string> = new Set([
  'macosotiem', 'macosotiemchung', 'macoso', 'macosoyte', 'macsyt', 'macstc', 'madonvitiem', 'madiemtiem', 'manoitiem',
  'facilitycode', 'facilityid',
]);

interface PlaceColumn {
  index: number;
  kind: 'name' | 'code';
  /** In a list with a row per person: the dose whose place it is ("Nơi tiêm mũi 2"); none: every dose's. */
  dose?: number;
}

/** The columns that say where a dose was given; [] for most lists. */
export function placeColumns(mapping: HeaderMapping): PlaceColumn[] {
  const out: PlaceColumn[] = [];
  for (const c of mapping.columns) {
    if (c.field !== null || c.header === '') continue;
    // "Nơi tiêm mũi 2"; in a list whose doses are numbered so ("Vắc xin 1 | … | Vắc xin 2"), "Nơi tiêm 2".
    const marker = doseMarker(c.header);
    const numbered = marker === null && mapping.doses.length > 0 ? numberedDose(c.header) : null;
    const folded = foldHeader(withoutNotes(marker?.rest ?? numbered?.rest ?? c.header));
    const kind = PLACE_CODE_HEADERS.has(folded) ? 'code' : PLACE_NAME_HEADERS.has(folded) ? 'name' : null;
    if (kind === null) continue;
    const dose = marker !== null ? ('dose' in marker.mark ? marker.mark.dose : undefined) : numbered?.dose;
    out.push(dose === undefined ? { index: c.index, kind } : { index: c.index, kind, dose });
  }
  return out;
}

/**
 * Words that say what kind of place it is, not which: "Trạm Y tế", "TYT", "Bệnh viện đa khoa",
 * "phường", "xã", "điểm tiêm lưu động", "tại". Folded.
 */
const KIND_WORDS: ReadonlySet<string> = new Set([
  'tram', 'y', 'te', 'tyt', 'ttyt', 'trung', 'tam', 'benh', 'vien', 'bv', 'bvdk', 'da', 'khoa', 'dk', 'phong', 'kham',
  'pk', 'pkdk', 'xa', 'phuong', 'thi', 'tran', 'tt', 'quan', 'huyen', 'thanh', 'pho', 'tp', 'tx', 'tinh', 'diem', 'tiem',
  'chung', 'co', 'so', 'csyt', 'luu', 'dong', 'tai', 'p', 'x', 'q', 'h', 'cua', 'va', 'health', 'station', 'centre',
  'center', 'hospital', 'clinic', 'commune', 'ward', 'district', 'city', 'province', 'site', 'vaccination', 'at', 'of',
  'medical', 'general',
]);

/** The words that name which place: folded, letters and numbers apart ("P5" → "5"), kind words left out. */
// Remembered per text: a list names its few places on every row, and both passes ask.
const placeWords = memoByText((text: string): ReadonlySet<string> => {
  const words = foldForSearch(text).replace(/([a-z])(\d)|(\d)([a-z])/g, '$1$3 $2$4').split(/[^a-z0-9]+/);
  // "P.05" is "Phường 5".
  return new Set(words.filter((w) => w !== '' && !KIND_WORDS.has(w)).map((w) => (w.charCodeAt(0) === 48 && /^\d+$/.test(w) ? w.replace(/^0+(?=\d)/, '') : w)));
});

/** The same place, as far as the words tell: one's words all among the other's, or nothing to tell by. */
function samePlace(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size === 0 || b.size === 0) return true;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const w of small) if (!large.has(w)) return false;
  return true;
}

/**
 * Whether a text names a facility other than `facilityName`: it says what kind of place it is
 * ("BV Bạch Mai", "TYT xã Tân Lập") and its naming words are not the facility's. "Tại trạm", "ở
 * nhà" name none. For a note "Mũi 3 tiêm tại BV Bạch Mai" (notGivenCells.ts).
 */
export function namesOtherPlace(text: string, facilityName: string): boolean {
  const words = foldForSearch(text).split(/[^a-z0-9]+/);
  if (!words.some((w) => KIND_WORDS.has(w) && w !== 'tai' && w !== 'tiem')) return false;
  const own = placeWords(text);
  return own.size > 0 && !samePlace(own, placeWords(facilityName));
}

function elsewhere(written: string, header: string): Finding {
  return error(
    'facility',
    'IMPORT_PLACE_ELSEWHERE',
    `Dòng ghi "${written}" (cột ${header}): mũi này không do cơ sở mình tiêm, không nhập để ký (cơ sở đã tiêm ký mũi đó). Hãy bỏ dòng này khỏi tệp; nếu đúng là cơ sở mình đã tiêm, hãy sửa ô đó rồi nhập lại.`,
    `The row says "${written}" (column ${header}): this dose was not given by your facility; it is not imported for signing (the facility that gave it signs it). Remove the row from the file; if your facility did give it, correct that cell and import again.`,
  );
}

function otherCode(written: string, code: string): Finding {
  return error(
    'facility',
    'IMPORT_PLACE_OTHER_CODE',
    `Mũi này ghi tiêm tại cơ sở mã "${written}", còn trạm này ký cho cơ sở mã ${code}: trạm chỉ ký những mũi do chính cơ sở mình tiêm, mũi do cơ sở khác tiêm thì cơ sở đó ký. Hãy bỏ dòng này khỏi tệp; nếu "${written}" là mã của cơ sở mình viết theo cách khác, hãy sửa hoặc xoá cột mã cơ sở rồi nhập lại.`,
    `This dose says it was given at facility "${written}", but this station signs for facility ${code}: a station signs only the doses its own facility gave; another facility's dose is signed by that facility. Remove this row from the file; if "${written}" is your own facility's code written another way, correct or delete the facility code column and import again.`,
  );
}

function otherPlace(written: string, name: string): Finding {
  return warning(
    'facility',
    'IMPORT_PLACE_OTHER',
    `Mũi này ghi tiêm tại "${written}", không giống tên cơ sở của trạm ("${name}"): trạm ký mọi mũi được nhập là do cơ sở mình tiêm. Nếu mũi này do cơ sở khác tiêm, hãy bỏ dòng này khỏi tệp (cơ sở đó ký); nếu đúng là cơ sở mình (một điểm tiêm của mình), hãy xác nhận.`,
    `This dose says it was given at "${written}", which does not read as the station's facility ("${name}"): the station signs every dose imported as given by its own facility. If another facility gave it, remove the row from the file (that facility signs it); if it is your own (one of your vaccination sites), confirm it.`,
  );
}

function placeDiffers(written: string, usual: string): Finding {
  return warning(
    'facility',
    'IMPORT_PLACE_DIFFERS',
    `Mũi này ghi tiêm tại "${written}", khác nơi tiêm của phần lớn danh sách ("${usual}"): trạm ký mọi mũi được nhập là do cơ sở mình tiêm. Nếu mũi này do cơ sở khác tiêm, hãy bỏ dòng này khỏi tệp (cơ sở đó ký); nếu đúng là cơ sở mình, hãy xác nhận. Ghi tên cơ sở trong phần cài đặt để trạm so với tên đó.`,
    `This dose says it was given at "${written}", not where most of the list was ("${usual}"): the station signs every dose imported as given by its own facility. If another facility gave it, remove the row from the file (that facility signs it); if it is your own, confirm it. Set the facility's name in the settings for the station to compare with it.`,
  );
}

/** Places a note names when no one place is most of the list. */
const PLACES_NAMED = 3;

function placesSeveral(written: string, several: { count: number; names: readonly string[] }): Finding {
  const more = several.count - several.names.length;
  const vi = several.names.map((n) => `"${n}"`).join(', ') + (more > 0 ? ` và ${more} nơi khác` : '');
  const en = several.names.map((n) => `"${n}"`).join(', ') + (more > 0 ? ` and ${more} more` : '');
  return warning(
    'facility',
    'IMPORT_PLACES_SEVERAL',
    `Mũi này ghi tiêm tại "${written}"; danh sách ghi ${several.count} nơi tiêm khác nhau (${vi}) mà không nơi nào chiếm phần lớn, nên trạm không biết mũi nào do cơ sở mình tiêm. Trạm ký mọi mũi được nhập là do cơ sở mình tiêm: hãy bỏ khỏi tệp các dòng do cơ sở khác tiêm, hoặc ghi tên cơ sở trong phần cài đặt để trạm so với tên đó.`,
    `This dose says it was given at "${written}"; the list names ${several.count} different places (${en}), none of them most of it, so the station cannot tell which doses your facility gave. The station signs every dose imported as given by its own facility: remove from the file the rows another facility gave, or set the facility's name in the settings for the station to compare with it.`,
  );
}

/** Two facility codes alike, case, spaces and a number's leading zeros aside ("01001" shown from the number 1001). */
function sameCode(a: string, b: string): boolean {
  const bare = (c: string) => {
    const t = c.replace(/\s+/g, '').toUpperCase();
    return /^\d+$/.test(t) ? t.replace(/^0+(?=\d)/, '') : t;
  };
  return bare(a) === bare(b);
}

/** The place column of a record: its dose's own, else the one every dose shares. */
function columnOf(columns: readonly PlaceColumn[], kind: 'name' | 'code', dose: number | undefined): PlaceColumn | undefined {
  return (dose === undefined ? undefined : columns.find((c) => c.kind === kind && c.dose === dose)) ?? columns.find((c) => c.kind === kind && c.dose === undefined);
}

/**
 * Adds to each record the findings of its place (above); nothing when the list has no place
 * column. `mapped`: the file's records in row order, as mapDataRows made them.
 */
export function addPlaceFindings(mapped: readonly MappedRow[], mapping: HeaderMapping, facility: StationFacility): void {
  const columns = placeColumns(mapping);
  if (columns.length === 0) return;
  const code = facility.code?.trim() || null;
  const name = facility.name?.trim() || null;
  const headers = new Map(mapping.columns.map((c) => [c.index, c.header]));
  const ownWords = name === null ? null : placeWords(name);
  const written = (r: MappedRow, c: PlaceColumn | undefined): string => (c === undefined ? '' : textOf(r.cells[c.index] ?? null).replace(/\s+/g, ' ').trim());
  // Without the facility's name: the place most of the list names stands for it.
  let usual: { text: string; words: ReadonlySet<string>; n: number } | null = null;
  let several: { count: number; names: string[] } | null = null;
  if (ownWords === null) {
    const counts = new Map<string, { text: string; words: ReadonlySet<string>; n: number }>();
    for (const r of mapped) {
      const text = written(r, columnOf(columns, 'name', r.doseOf));
      const words = placeWords(text);
      if (words.size === 0 || saysNotGivenHere(text)) continue;
      const key = [...words].sort().join(' ');
      const seen = counts.get(key);
      if (seen === undefined) counts.set(key, { text, words, n: 1 });
      else seen.n++;
    }
    // The same place written two ways ("TYT Dịch Vọng", "Trạm Y tế phường Dịch Vọng - Cầu Giấy")
    // counts as one: each spelling joins the first more frequent one it is the same place as.
    const places: { text: string; words: ReadonlySet<string>; n: number }[] = [];
    for (const c of [...counts.values()].sort((a, b) => b.n - a.n)) {
      const same = places.find((p) => samePlace(p.words, c.words));
      if (same === undefined) places.push({ ...c });
      else same.n += c.n;
    }
    // One place only: nothing differs. Named by more rows than any other: it stands for the
    // facility. No such place (a tie): which is this facility's is not known, and every row is said.
    if (places.length >= 2) {
      const ranked = places.sort((a, b) => b.n - a.n);
      if (ranked[0]!.n > ranked[1]!.n) usual = ranked[0]!;
      else several = { count: ranked.length, names: ranked.slice(0, PLACES_NAMED).map((c) => c.text) };
    }
  }
  for (const r of mapped) {
    const codeText = written(r, columnOf(columns, 'code', r.doseOf));
    if (code !== null && codeText !== '' && !sameCode(codeText, code)) {
      r.findings.push(otherCode(codeText, code));
      continue;
    }
    const column = columnOf(columns, 'name', r.doseOf);
    const text = written(r, column);
    if (text === '') continue;
    // "Nơi khác", "Tiêm ở quê": not this facility's to sign, whatever its name.
    if (saysNotGivenHere(text)) {
      r.findings.push(elsewhere(text, headers.get(column!.index) ?? ''));
      continue;
    }
    const words = placeWords(text);
    if (ownWords !== null && name !== null) {
      if (!samePlace(words, ownWords)) r.findings.push(otherPlace(text, name));
    } else if (usual !== null && !samePlace(words, usual.words)) {
      r.findings.push(placeDiffers(text, usual.text));
    } else if (several !== null && words.size > 0) {
      r.findings.push(placesSeveral(text, several));
    }
  }
}
