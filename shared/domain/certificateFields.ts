/**
 * The 11 fields a certificate shows (DESIGN §3), bilingual, in the order of the Ministry's layout.
 * When the issued DCC is known its payload is the source (what the QR says is what is printed);
 * before issuance they come from the person and their latest dose.
 */
import { readableTransliteration } from '../dcc/holderView.js';
import { valueSetName } from '../dcc/valuesets.js';
import { StationError } from '../errors.js';
import { countryName } from './countries.js';
import { formatDayFirst } from './dates.js';
import type { DccVaccination } from './dccPayload.js';
import { latestDose } from './dccPayload.js';
import { dnSd } from './eligibility.js';
import { resolveNames } from './personValidation.js';
import type { DoseRecord, Person } from './types.js';
import { DISEASE_COVID19, DISEASE_NAMES, VACCINE_PROPHYLAXIS, VACCINES, vaccineByCode } from './vaccines.js';

export interface CertificateField {
  key: string;
  labelVi: string;
  labelEn: string;
  /** What the Vietnamese side shows. */
  value: string;
  /** What the English side shows, when it differs from `value`. */
  valueEn?: string;
  /** Machine form beside the text: the transliterated name, the EU code of the value. */
  detail?: string;
}

export interface IssuedCertificateInfo {
  uvci: string;
  /** The issued DCC's vaccination entry, when the certificate was pulled back. */
  vaccination?: DccVaccination;
  /** The issued DCC's name and date of birth, when known. */
  nam?: { fn?: string; gn?: string; fnt: string; gnt?: string };
  dob?: string;
}


/** A code outside the station's own tables: the EU value set's English name, else the code itself. */
function euName(set: Parameters<typeof valueSetName>[0], code: string): { vi: string; en: string } {
  const name = valueSetName(set, code);
  return { vi: name, en: name };
}


function field(key: string, labelVi: string, labelEn: string, value: string, valueEn?: string, detail?: string): CertificateField {
  const f: CertificateField = { key, labelVi, labelEn, value };
  if (valueEn !== undefined && valueEn !== value) f.valueEn = valueEn;
  if (detail !== undefined && detail !== '') f.detail = detail;
  return f;
}

/** Exactly 11 fields; dates dd/mm/yyyy. Throws CERTIFICATE_NO_DOSE when the person has no live dose. */
export function certificateFields(person: Person, doses: readonly DoseRecord[], issued?: IssuedCertificateInfo): CertificateField[] {
  const dose = latestDose(doses);
  if (dose === undefined && issued?.vaccination === undefined) {
    throw new StationError('CERTIFICATE_NO_DOSE', 'Người này chưa có mũi tiêm nào để cấp chứng nhận.', 'This person has no dose to certify.');
  }
  const catalog = dose === undefined ? undefined : vaccineByCode(dose.vaccine);
  const pair = dose !== undefined && catalog !== undefined ? dnSd(catalog.code, dose.doseNumber) : undefined;
  const v = issued?.vaccination;
  const tg = v?.tg ?? DISEASE_COVID19;
  const vp = v?.vp ?? catalog?.vp ?? '';
  const mp = v?.mp ?? catalog?.mp ?? '';
  const ma = v?.ma ?? catalog?.ma ?? '';
  const dn = v?.dn ?? pair?.dn ?? dose?.doseNumber ?? 0;
  const sd = v?.sd ?? pair?.sd ?? dn;
  const dt = v?.dt ?? dose?.vaccinationDate ?? '';
  const product = VACCINES.find((x) => x.mp === mp);
  const maker = VACCINES.find((x) => x.ma === ma);
  // Once issued, the name is the QR's alone: its transliteration stands in for a missing fn or gn
  // (the schema needs only fnt), never the local record's spelling.
  const names = resolveNames(person);
  const nam = issued?.nam;
  const fn = nam ? (nam.fn ?? readableTransliteration(nam.fnt)) : names.familyName;
  const gn = nam ? (nam.gn ?? readableTransliteration(nam.gnt ?? '')) : names.givenName;
  const fnt = nam ? nam.fnt : names.fnt;
  const gnt = nam ? (nam.gnt ?? '') : names.gnt;
  const dob = issued?.dob ?? person.dob;
  const country = countryName(person.nationality === '' ? 'VN' : person.nationality);
  const disease = DISEASE_NAMES[tg] ?? euName('disease-agent-targeted', tg);
  const prophylaxis = VACCINE_PROPHYLAXIS[vp] ?? euName('vaccine-prophylaxis', vp);
  const uvci = issued?.uvci ?? '';
  return [
    field('fullName', 'Họ và tên', 'Full name', `${fn} ${gn}`.trim(), undefined, gnt === '' ? fnt : `${fnt}<<${gnt}`),
    // DCC dob "" is a date of birth not known (hcert: empty when unknown).
    dob === '' ? field('dateOfBirth', 'Ngày sinh', 'Date of birth', 'Không rõ', 'Unknown') : field('dateOfBirth', 'Ngày sinh', 'Date of birth', formatDayFirst(dob)),
    field('nationality', 'Quốc tịch', 'Nationality', country.vi, country.en, person.nationality),
    field('disease', 'Bệnh phòng ngừa', 'Disease or agent targeted', disease.vi, disease.en, tg),
    field('dosesReceived', 'Số mũi đã tiêm', 'Number of doses received', String(dn)),
    field('vaccinationDate', 'Ngày tiêm', 'Date of vaccination', formatDayFirst(dt)),
    field('doseNumber', 'Mũi tiêm', 'Dose number', `${dn}/${sd}`),
    field('vaccine', 'Loại vắc xin', 'Vaccine or prophylaxis', prophylaxis.vi, prophylaxis.en, vp),
    field('product', 'Tên vắc xin', 'Vaccine product', product?.name ?? valueSetName('vaccine-medicinal-product', mp), undefined, mp),
    field('manufacturer', 'Nhà sản xuất', 'Manufacturer', maker?.manufacturer ?? valueSetName('vaccine-mah-manf', ma), undefined, ma),
    field('certificateId', 'Mã chứng nhận', 'Certificate identifier', uvci === '' ? 'Chưa cấp' : uvci, uvci === '' ? 'Not issued yet' : uvci),
  ];
}
