/**
 * The header names clinic sheets use for each field, Vietnamese and English. Matching is done on a
 * folded form (no diacritics, đ→d, lower case, letters and digits only), so "Họ và tên",
 * "HO VA TEN" and "Ho  va ten:" are the same header. This is a DATA table: a new spelling seen in
 * a facility's file is one more string here (already folded, see `foldHeader`).
 */

import { isPlannedHeader } from './doseMarker.js';

export type ImportField =
  | 'fullName'
  | 'familyName'
  | 'givenName'
  /** "Tên đệm", "Chữ lót": between the family and the given name, in forms that split all three. */
  | 'middleName'
  | 'dob'
  | 'birthYear'
  /** "Tháng sinh": with it, "Ngày sinh" is the day alone and "Năm sinh" the year (dateParts.ts). */
  | 'birthMonth'
  | 'sex'
  | 'idNumber'
  | 'idType'
  | 'phone'
  | 'nationality'
  | 'vaccine'
  | 'lot'
  | 'doseNumber'
  | 'vaccinationDate'
  /** "Hãng sản xuất": the vaccine's maker, checked against the vaccine (makerColumn.ts), never stored. */
  | 'manufacturer'
  /** "Tuổi": the age, checked against the date of birth (ageColumn.ts), never stored; it cannot give one. */
  | 'age'
  /** Recognised but carries nothing to import (row numbers: "STT"). */
  | 'ignore';

export const HEADER_ALIASES: Record<ImportField, readonly string[]> = {
  fullName: [
    'hovaten', 'hoten', 'hotennguoiduoctiem', 'hovatennguoiduoctiem', 'hotennguoitiem', 'hovatennguoitiem',
    'tennguoiduoctiem', 'hotendaydu', 'fullname', 'name', 'patientname', 'nameofvaccinee',
    'tennguoitiem', 'tenbenhnhan', 'tenbe', 'tentre', 'tenchau',
  ],
  // "Họ và chữ lót", "Họ tên đệm": the family and middle names in one column, the given name in "Tên".
  familyName: ['ho', 'hodem', 'hovatendem', 'hotendem', 'hovatenlot', 'hotenlot', 'hovachulot', 'hochulot', 'familyname', 'surname', 'lastname'],
  givenName: ['ten', 'givenname', 'givennames', 'firstname'],
  // Not "Lót" or "Đệm" alone: "lot" is the vaccine lot's header, and a one-word header is too loose.
  middleName: ['tendem', 'tenlot', 'chulot', 'tengiua', 'middlename', 'middlenames'],
  dob: ['ngaysinh', 'ngaythangnamsinh', 'sinhngay', 'dateofbirth', 'dob', 'birthdate', 'birthday'],
  birthYear: ['namsinh', 'sinhnam', 'yearofbirth', 'birthyear'],
  birthMonth: ['thangsinh', 'monthofbirth', 'birthmonth'],
  sex: ['gioitinh', 'gioi', 'gt', 'phai', 'namnu', 'sex', 'gender'],
  idNumber: [
    'socccdcmndhochieu', 'cccdcmndhochieu', 'socccdcmnd', 'cccdcmnd', 'cmndcccd', 'socmndcccd', 'socccd', 'cccd',
    'socmnd', 'cmnd', 'sohochieu', 'hochieu', 'sodinhdanh', 'sodinhdanhcanhan', 'madinhdanh', 'sogiayto',
    'sogiaytotuythan', 'giaytotuythan', 'socancuoc', 'socancuoccongdan', 'cancuoccongdan', 'idnumber', 'id', 'idno',
    'documentnumber', 'documentno', 'passportnumber', 'passportno', 'nationalid',
    'cccdhochieu', 'cmndhochieu', 'cccdpassport', 'cmndpassport', 'passportidno', 'passportid', 'passportidnumber',
    'idpassport', 'idpassportno', 'identitynumber', 'identityno', 'identitycardnumber', 'identitycardno', 'identitydocumentnumber',
    // The North's "chứng minh thư" (CMT), the personal id number (ĐDCN), the new "thẻ căn cước".
    'cmt', 'socmt', 'cmtnd', 'socmtnd', 'cmtcccd', 'cccdcmt', 'chungminhthu', 'sochungminhthu', 'chungminhnhandan', 'sochungminhnhandan',
    'ddcn', 'soddcn', 'maddcn', 'cancuoc', 'thecancuoc', 'sothecancuoc',
  ],
  idType: ['loaigiayto', 'loaigiaytotuythan', 'idtype', 'documenttype', 'typeofid'],
  phone: ['sodienthoai', 'dienthoai', 'sdt', 'sodt', 'dt', 'didong', 'sodidong', 'sdtlienhe', 'sodtlienhe', 'dtlienhe', 'dtdd', 'phone', 'phonenumber', 'mobile', 'telephone', 'tel'],
  nationality: ['quoctich', 'nationality', 'citizenship'],
  vaccine: [
    'tenvacxin', 'loaivacxin', 'vacxin', 'tenvaccine', 'loaivaccine', 'tenvacxintiem', 'vaccine', 'vaccinename',
    'vaccin', 'vaccinetype', 'tenvaccin', 'loaivaccin',
    // A product code ("EU/1/20/1528", "BBIBP-CorV"): the catalog reads it; beside a name column, the name's.
    'mavacxin', 'mavaccine', 'mavaccin', 'vaccinecode', 'productcode',
  ],
  // "Lô SX", "Số lô SX": lô sản xuất, the manufacturer's lot ("Số lô SX" was not read, and every row
  // said the lot was missing). "Số lô/HSD": the lot and its expiry (parseLotCell.ts).
  lot: [
    'solo', 'lo', 'loso', 'losx', 'solosx', 'losanxuat', 'solosanxuat', 'solovacxin', 'solovaccine', 'lovacxin', 'lovaccine', 'lot', 'lotnumber', 'lotno', 'batch', 'batchno', 'batchnumber',
    'solohsd', 'lohsd', 'solohandung', 'lohandung', 'solovahsd', 'solovahandung',
  ],
  // Not "Liều" alone: it also heads the dose volume ("Liều (ml)").
  doseNumber: ['muitiemthu', 'muiso', 'muithu', 'mui', 'muitiem', 'lantiem', 'lantiemthu', 'lieuthu', 'lieuso', 'thutumui', 'thutumuitiem', 'dose', 'dosenumber', 'doseno'],
  vaccinationDate: [
    'ngaytiem', 'ngaytiemchung', 'ngaytiemvacxin', 'ngaythangnamtiem', 'ngaythangtiem', 'ngaytc', 'thoigiantiem', 'ngaygiotiem',
    'vaccinationdate', 'dateofvaccination', 'datevaccinated',
    'dateadministered', 'administereddate', 'administrationdate', 'dategiven',
    'dateofinjection', 'injectiondate',
  ],
  // "NSX" is also "ngày sản xuất", a production date: makerColumn.ts passes over a cell that reads as one.
  manufacturer: ['hangsanxuat', 'nhasanxuat', 'hangsx', 'nhasx', 'nsx', 'hangvacxin', 'manufacturer', 'manufacturedby', 'maker', 'marketingauthorisationholder', 'marketingauthorizationholder'],
  // Whole only: "Tuổi thai" (weeks of a pregnancy) is no age. One in months ("Tuổi (tháng)") is none: matchHeader.
  age: ['tuoi', 'sotuoi', 'age', 'ageyears', 'ageinyears', 'tuoinguoitiem'],
  ignore: ['stt', 'tt', 'sothutu', 'no', 'number'],
};

/**
 * Headers about someone else (a child's guardian, a relative): never the vaccinated person's
 * name or id, even though "Họ tên người giám hộ" starts like "Họ tên".
 */
const OTHER_PERSON = [
  'giamho', 'nguoithan', 'phuhuynh', 'guardian', 'parent', 'nguoinha', 'father', 'mother',
  // A child's list names the father or mother: "Họ tên cha/mẹ", "Cha hoặc mẹ".
  'chame', 'bome', 'chahoacme', 'bohoacme',
  // Who gave the injection: "Họ tên cán bộ tiêm", "Nhân viên tiêm". ("Người tiêm" is either: GENERIC.)
  'canbotiem', 'nhanvientiem', 'vaccinator',
];

/**
 * The father or mother as a word of its own, read with its marks: "Tên bố", "SĐT của mẹ", "Số
 * CCCD của cha". Not on the folded text, where "bỏ" (drop: "Họ tên (bỏ dấu)") is "bố" too; not
 * the South's "ba" (father), which is also "three" ("Ngày tiêm mũi thứ ba").
 */
const PARENT_WORDS: ReadonlySet<string> = new Set(['cha', 'mẹ', 'bố', 'má']);

function namesParent(text: string): boolean {
  for (const word of text.normalize('NFC').toLowerCase().split(/[^\p{L}\p{N}]+/u)) if (PARENT_WORDS.has(word)) return true;
  return false;
}

/**
 * A health id, not the citizen's: "Mã định danh y tế" (the Ministry of Health's id of a person's
 * health record), "Mã ĐDYT", a health-insurance card ("Số thẻ BHYT"). "Mã định danh y tế" starts like
 * "Mã định danh" (the personal id number) and was read as the id column. Never the person's id.
 */
const HEALTH_ID = ['dinhdanhyte', 'maddyt', 'soddyt', 'bhyt', 'baohiemyte', 'healthinsurance', 'healthid', 'insuranceno', 'insurancenumber'];

/** Whether a header names a health or insurance id (HEALTH_ID), which no passport carries. */
export function namesHealthId(text: string): boolean {
  const folded = foldHeader(text);
  return HEALTH_ID.some((w) => folded.includes(w));
}

/**
 * Aliases that name their field only when no other column of the header names it more precisely:
 * a hospital export's "ID" is its own patient number, and the CCCD is in a column further right.
 * "Người tiêm" is the vaccinee on many forms and the nurse who gave the dose on others: beside
 * another name column ("Họ và tên người được tiêm chủng", "Họ tên trẻ") it is the nurse's.
 */
const GENERIC = new Set(['id', 'idno', 'hotennguoitiem', 'hovatennguoitiem', 'tennguoitiem', 'mavacxin', 'mavaccine', 'mavaccin', 'vaccinecode', 'productcode']);

/** Prefix matching is only for aliases long enough not to swallow unrelated headers. */
const MIN_PREFIX = 5;
/** Aliases matched whole only: "Tên bé" (the child's name) would swallow "Tên bệnh viện". */
const EXACT_ONLY: ReadonlySet<string> = new Set(['tenbe', 'tenchau', 'sotuoi', 'ageyears', 'ageinyears', 'tuoinguoitiem']);

export function foldHeader(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

const EXACT = new Map<string, ImportField>();
const PREFIXES: { alias: string; field: ImportField }[] = [];
for (const [field, aliases] of Object.entries(HEADER_ALIASES) as [ImportField, readonly string[]][]) {
  for (const alias of aliases) {
    EXACT.set(alias, field);
    if (alias.length >= MIN_PREFIX && !EXACT_ONLY.has(alias)) PREFIXES.push({ alias, field });
  }
}
PREFIXES.sort((a, b) => b.alias.length - a.alias.length);

export interface HeaderMatch {
  field: ImportField;
  /** exact: the folded header is an alias; prefix: it starts with one ("Ngày sinh (dd/mm/yyyy)"). */
  how: 'exact' | 'prefix';
  /** A generic alias ("ID"): any more precise header for the field wins over it (see GENERIC). */
  generic: boolean;
}

/** Longer than any header: a note or a data cell (and not worth folding on every sampled row). */
const MAX_HEADER_CHARS = 120;

/** Which field a header cell names, or null. */
export function matchHeader(text: string): HeaderMatch | null {
  if (text.length > MAX_HEADER_CHARS) return null;
  const match = matchAlias(text);
  // A child's age in months or weeks ("Tuổi (tháng)") is not the years ageColumn.ts compares.
  if (match?.field === 'age' && /thang|month|tuan|week|ngay|day/.test(foldHeader(text))) return null;
  // A planned dose's date or an appointment is no field of a dose given ("Ngày tiêm dự kiến").
  // Looked at only for a header that names a field: data cells (names) mostly name none.
  return match !== null && isPlannedHeader(text) ? null : match;
}

/** The text without its notes in brackets ("Ngày sinh (dd/mm/yyyy)" → "Ngày sinh  "). */
export function withoutNotes(text: string): string {
  return text.replace(/\([^)]*\)|\[[^\]]*\]/g, ' ');
}

function matchAlias(text: string): HeaderMatch | null {
  const folded = foldHeader(text);
  if (folded === '' || OTHER_PERSON.some((w) => folded.includes(w)) || namesParent(text) || HEALTH_ID.some((w) => folded.includes(w))) return null;
  for (const candidate of [folded, foldHeader(withoutNotes(text))]) {
    const exact = EXACT.get(candidate);
    if (exact) return { field: exact, how: 'exact', generic: GENERIC.has(candidate) };
  }
  const prefix = PREFIXES.find((p) => folded.startsWith(p.alias));
  return prefix ? { field: prefix.field, how: 'prefix', generic: GENERIC.has(prefix.alias) } : null;
}

/** A header for each field in the two languages, for messages and the failed-rows export. */
export const FIELD_LABELS: Record<Exclude<ImportField, 'ignore'>, { vi: string; en: string }> = {
  fullName: { vi: 'Họ và tên', en: 'Full name' },
  familyName: { vi: 'Họ', en: 'Family name' },
  givenName: { vi: 'Tên', en: 'Given name' },
  middleName: { vi: 'Tên đệm', en: 'Middle name' },
  dob: { vi: 'Ngày sinh', en: 'Date of birth' },
  birthYear: { vi: 'Năm sinh', en: 'Year of birth' },
  birthMonth: { vi: 'Tháng sinh', en: 'Month of birth' },
  sex: { vi: 'Giới tính', en: 'Sex' },
  idNumber: { vi: 'Số CCCD/CMND/Hộ chiếu', en: 'ID number' },
  idType: { vi: 'Loại giấy tờ', en: 'ID type' },
  phone: { vi: 'Số điện thoại', en: 'Phone' },
  nationality: { vi: 'Quốc tịch', en: 'Nationality' },
  vaccine: { vi: 'Tên vắc xin', en: 'Vaccine' },
  lot: { vi: 'Số lô', en: 'Lot' },
  doseNumber: { vi: 'Mũi tiêm thứ', en: 'Dose number' },
  vaccinationDate: { vi: 'Ngày tiêm', en: 'Vaccination date' },
  manufacturer: { vi: 'Hãng sản xuất', en: 'Manufacturer' },
  age: { vi: 'Tuổi', en: 'Age' },
};
