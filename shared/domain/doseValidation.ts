/** The rules of DESIGN §3 that concern one dose and its place among the person's other doses. */
import { ageInYears, daysBetween, formatDayFirst, isValidIsoDate, partialDateBounds } from './dates.js';
import { asText, error, isBlank, required, warning } from './findings.js';
import { foldForSearch } from './names.js';
import { assertToday, MAX_AGE_YEARS } from './personValidation.js';
import type { DoseInput, Finding, PersonInput } from './types.js';
import { fileRow, type OtherDose, type ValidationContext } from './validationContext.js';
import { findVaccine, vaccineByCode } from './vaccines.js';

/** The first COVID-19 vaccination in Viet Nam (AstraZeneca, 8 March 2021). */
export const FIRST_VACCINATION_DATE = '2021-03-08';
/**
 * A vaccination date at most this many days after the PC's today reads as today's dose on a PC
 * whose clock is behind (probe 17, F4: two days behind made each of the day's doses a draft "in
 * the future", with nothing naming the clock). Further ahead it is more likely a typing mistake.
 */
export const CLOCK_BEHIND_HINT_DAYS = 7;
/** EU DCC schema 1.3: dn and sd are integers 1–9. */
export const MAX_DOSE_NUMBER = 9;
const LOT_MAX = 30;
/** The signed record's `facility` (shared/batch/signedRecord.ts) and the setting's rule (settingsRules.ts). */
export const FACILITY_CODE_MAX = 40;
const LOT_MIN = 3;
/** What clinics type when they do not know the lot (folded). */
const LOT_PLACEHOLDERS = new Set(['na', 'n/a', 'none', 'null', 'unknown', 'khong', 'khong ro', 'chua ro', '0', '00', '000', '-', '--', 'x', 'xx', 'xxx', '?']);

/** A dose number from a form or a cell: integers and their digits; anything else is NaN. */
export function parseDoseNumber(value: DoseInput['doseNumber']): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\s*\d{1,3}\s*$/.test(value)) return Number(value);
  return Number.NaN;
}

function vaccineFinding(vaccine: string | undefined): Finding | null {
  if (isBlank(vaccine)) return required('vaccine', 'vắc xin', 'The vaccine');
  if (vaccineByCode(vaccine ?? '') !== undefined) return null;
  const guess = findVaccine(vaccine ?? '');
  const hintVi = guess === undefined ? '' : ` Có phải ${guess.nameVi} (${guess.code})?`;
  const hintEn = guess === undefined ? '' : ` Did you mean ${guess.nameEn} (${guess.code})?`;
  return error('vaccine', 'VACCINE_UNKNOWN', `Vắc xin "${vaccine}" không có trong danh mục 8 vắc xin được cấp phép.${hintVi}`,
    `Vaccine "${vaccine}" is not in the catalog of the 8 licensed vaccines.${hintEn}`);
}

/**
 * A lot number as stored: trimmed, invisible format characters (\p{Cf}: zero-width spaces, BOM,
 * soft hyphens, direction marks) removed. A lot copied from a chat or a web page carries them and
 * was refused as LOT_INVALID_CHARACTERS with nothing visible to fix (probe 18).
 */
export function normalizeLot(raw: string): string {
  return raw.replace(/\p{Cf}/gu, '').trim();
}

/**
 * The lot as normalizeLot stores it: checked as the trimmed text, a lot copied with a zero-width
 * space was refused as LOT_INVALID_CHARACTERS though the lot stored would have had none (probe of
 * session 23); a lot of format characters alone is none.
 */
function lotFinding(raw: string | undefined): Finding | null {
  const lot = isBlank(raw) ? '' : normalizeLot(raw ?? '');
  if (lot === '') return required('lot', 'số lô', 'The lot number');
  if (lot.length > LOT_MAX) {
    return error('lot', 'LOT_TOO_LONG', `Số lô dài ${lot.length} ký tự, quá ${LOT_MAX} ký tự: hãy ghi số lô in trên lọ vắc xin, không kèm ghi chú.`,
      `The lot number is ${lot.length} characters long, past ${LOT_MAX}: write the lot printed on the vial, without notes.`);
  }
  if (LOT_PLACEHOLDERS.has(foldForSearch(lot))) {
    return warning('lot', 'LOT_PLACEHOLDER', `"${lot}" không phải số lô thật: hãy nhập số lô trên lọ vắc xin.`,
      `"${lot}" is not a real lot number: enter the lot printed on the vial.`);
  }
  if (/[^A-Za-z0-9./_ -]/.test(lot)) {
    return error('lot', 'LOT_INVALID_CHARACTERS', 'Số lô chỉ gồm chữ cái không dấu, chữ số và . / - _',
      'A lot number has only unaccented letters, digits and . / - _');
  }
  // "FF 1235", "FF1235 x2", "FF1235 SX": a lot printed on a vial is one word; a space inside is
  // a typing slip or a note kept with it, for whoever signs to read before it goes to the platform.
  if (/\s/.test(lot)) {
    return warning('lot', 'LOT_SPACE', `Số lô "${lot}" có dấu cách ở giữa: số lô in trên lọ viết liền, hãy kiểm tra (bỏ dấu cách hoặc phần ghi chú).`,
      `The lot number "${lot}" has a space inside: the lot printed on a vial is one word; check it (remove the space or the note).`);
  }
  if (lot.length < LOT_MIN) {
    return warning('lot', 'LOT_TOO_SHORT', `Số lô ngắn bất thường (dưới ${LOT_MIN} ký tự): hãy kiểm tra.`,
      `The lot number is unusually short (under ${LOT_MIN} characters): please check.`);
  }
  return null;
}

function doseNumberFinding(value: DoseInput['doseNumber']): Finding | null {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    return required('doseNumber', 'mũi tiêm thứ mấy', 'The dose number');
  }
  const n = parseDoseNumber(value);
  if (!Number.isInteger(n) || n < 1) {
    return error('doseNumber', 'DOSE_NUMBER_INVALID', 'Mũi tiêm thứ mấy phải là số nguyên từ 1.', 'The dose number is a whole number from 1.');
  }
  if (n > MAX_DOSE_NUMBER) {
    return error('doseNumber', 'DOSE_NUMBER_TOO_HIGH', `Mũi tiêm thứ mấy tối đa là ${MAX_DOSE_NUMBER}.`, `The dose number is at most ${MAX_DOSE_NUMBER}.`);
  }
  return null;
}

/** The first and last day a date of birth allows (partialDateBounds: a year of birth is a whole year). */
type DateBounds = NonNullable<ReturnType<typeof partialDateBounds>>;

/** `birth`: the bounds of the person's date of birth (partialDateBounds), parsed once by validateDose. */
function dateFinding(date: string | undefined, birth: DateBounds | null, today: string): Finding | null {
  if (isBlank(date)) return required('vaccinationDate', 'ngày tiêm', 'The vaccination date');
  const d = (date ?? '').trim();
  if (!isValidIsoDate(d)) {
    return error('vaccinationDate', 'VACCINATION_DATE_INVALID', 'Ngày tiêm không hợp lệ: hãy ghi ngày/tháng/năm (dd/mm/yyyy, năm đủ 4 chữ số).',
      'The vaccination date is not a valid date: write day/month/year (dd/mm/yyyy, a 4-digit year).');
  }
  if (d > today) {
    // "Today" before the programme began cannot be right: the PC's clock is (probe 16, F4).
    if (today < FIRST_VACCINATION_DATE) {
      return error('vaccinationDate', 'VACCINATION_DATE_FUTURE',
        `Ngày tiêm ở tương lai so với ngày trên máy tính này (${dmy(today)}), là ngày trước cả khi tiêm chủng COVID-19 bắt đầu (08/03/2021): ngày của máy tính có vẻ bị sai, hãy chỉnh lại ngày giờ của máy.`,
        `The vaccination date is in the future of this PC's date (${dmy(today)}), which is before COVID-19 vaccination began (8 March 2021): the PC's date looks wrong; correct its date and time.`);
    }
    if (daysBetween(today, d) <= CLOCK_BEHIND_HINT_DAYS) {
      return error('vaccinationDate', 'VACCINATION_DATE_FUTURE',
        `Ngày tiêm ở tương lai so với ngày trên máy tính này (${dmy(today)}). Nếu mũi tiêm này được tiêm hôm nay, đồng hồ máy tính đang chậm: hãy chỉnh lại ngày giờ của máy, hồ sơ nháp sẽ được kiểm tra lại.`,
        `The vaccination date is after this PC's date (${dmy(today)}). If this dose was given today, the PC clock is behind: correct its date and time, and the draft is checked again.`);
    }
    return error('vaccinationDate', 'VACCINATION_DATE_FUTURE', 'Ngày tiêm ở tương lai.', 'The vaccination date is in the future.');
  }
  if (birth !== null && d < birth.earliest) {
    return error('vaccinationDate', 'VACCINATION_BEFORE_BIRTH', 'Ngày tiêm trước ngày sinh.', 'The vaccination date is before the date of birth.');
  }
  if (d < FIRST_VACCINATION_DATE) {
    return error('vaccinationDate', 'VACCINATION_DATE_TOO_EARLY', 'Ngày tiêm trước 08/03/2021, ngày bắt đầu tiêm chủng COVID-19 tại Việt Nam.',
      'The vaccination date is before 8 March 2021, when COVID-19 vaccination began in Viet Nam.');
  }
  return null;
}

/**
 * A dose given younger than its vaccine was licensed for (Vaccine.minAgeYears): a child's date of
 * birth typed for a parent, a year off, or the wrong vaccine. The age is the oldest the date of
 * birth allows (a year of birth: born on 1 January), so only a dose surely too young is said.
 */
function ageFinding(vaccine: string, date: string, birth: DateBounds | null): Finding | null {
  const v = vaccineByCode(vaccine);
  if (v === undefined || birth === null || !isValidIsoDate(date)) return null;
  const age = ageInYears(birth.earliest, date);
  if (!(age < v.minAgeYears)) return null;
  return warning('vaccinationDate', 'DOSE_BELOW_LICENSED_AGE',
    `Người được tiêm ${age} tuổi vào ngày tiêm (${dmy(date)}), dưới tuổi được dùng ${v.nameVi} (từ ${v.minAgeYears} tuổi): hãy kiểm tra ngày sinh, vắc xin và ngày tiêm.`,
    `The person was ${age} on the day of the dose (${date}), younger than ${v.nameEn} is licensed for (from ${v.minAgeYears}): check the date of birth, the vaccine and the date.`);
}

/** Past this age at the dose, a date of birth is checked: few people vaccinated were, many typed 1900 for unknown. */
export const CHECK_AGE_YEARS = 100;

/**
 * A person over CHECK_AGE_YEARS on the day of the dose (and not past MAX_AGE_YEARS today, an
 * error of its own): a warning to check the date of birth — 01/01/1900 is what a list types for
 * one not known, and it would be signed into the certificate.
 */
function oldAtVaccination(dob: string, birth: DateBounds | null, date: string, today: string): Finding | null {
  if (birth === null || !isValidIsoDate(date)) return null;
  const age = ageInYears(birth.latest, date);
  if (age <= CHECK_AGE_YEARS || ageInYears(birth.latest, today) > MAX_AGE_YEARS) return null;
  return warning('dob', 'DOB_AGE_OVER_100',
    `Người này ${age} tuổi vào ngày tiêm ${dmy(date)} (sinh ${formatDayFirst(dob.trim())}): hãy kiểm tra ngày sinh.`,
    `This person was ${age} on the day of the dose, ${dmy(date)} (born ${formatDayFirst(dob.trim())}): check the date of birth.`);
}

function minInterval(first: string, second: string): number | null {
  return vaccineByCode(first)?.minIntervalDays ?? vaccineByCode(second)?.minIntervalDays ?? null;
}

function dmy(iso: string): string {
  return iso.split('-').reverse().join('/');
}

/** Duplicates, order and intervals against the person's other doses. */
function neighbourFindings(d: DoseInput, others: readonly OtherDose[], ownSheet: string | undefined): Finding[] {
  // Every check below compares with another dose: none, nothing to find (a person's first dose).
  if (others.length === 0) return [];
  const out: Finding[] = [];
  const n = parseDoseNumber(d.doseNumber);
  const date = (d.vaccinationDate ?? '').trim();
  const dateOk = isValidIsoDate(date);
  const numberOk = Number.isInteger(n) && n >= 1;
  // One pass, no callbacks (validation runs twice per imported row): the first dose with the same
  // number, the same date, the wrong order, and the nearest earlier/later dose when only one
  // qualifies; with two or more the filter + sort below runs, so ties resolve as before.
  let sameNumber: OtherDose | undefined;
  let sameDate: OtherDose | undefined;
  let outOfOrder: OtherDose | undefined;
  let earlier: OtherDose | undefined;
  let later: OtherDose | undefined;
  let earlierCount = 0;
  let laterCount = 0;
  // The person's highest dose numbered below this one: a gap between it and this one is said.
  let below: OtherDose | undefined;
  for (const o of others) {
    if (numberOk && o.doseNumber < n && (below === undefined || o.doseNumber > below.doseNumber)) below = o;
    if (numberOk && sameNumber === undefined && o.doseNumber === n) sameNumber = o;
    if (sameDate === undefined && o.vaccinationDate === date) sameDate = o;
    if (numberOk && outOfOrder === undefined && ((o.doseNumber < n && o.vaccinationDate > date) || (o.doseNumber > n && o.vaccinationDate < date))) outOfOrder = o;
    if (o.vaccinationDate < date) {
      earlier = o;
      earlierCount++;
    }
    if (o.vaccinationDate > date) {
      later = o;
      laterCount++;
    }
  }
  if (sameNumber !== undefined && sameNumber.row !== undefined) {
    const where = fileRow(sameNumber.row, sameNumber.sheet, ownSheet);
    out.push(error('doseNumber', 'DOSE_DUPLICATE_NUMBER',
      `Mũi ${n} của người này cũng có ở ${where.vi} (ngày ${dmy(sameNumber.vaccinationDate)}): hãy giữ một trong hai dòng, hoặc sửa số mũi.`,
      `Dose ${n} of this person is also on ${where.en} (${sameNumber.vaccinationDate}): keep one of the two rows, or correct the dose number.`));
  } else if (sameNumber !== undefined) {
    out.push(error('doseNumber', 'DOSE_DUPLICATE_NUMBER',
      `Mũi ${n} của người này đã được ghi (bản ghi ${sameNumber.id}, ngày ${dmy(sameNumber.vaccinationDate)}). Nếu cần sửa, hãy tạo bản ghi thay thế.`,
      `Dose ${n} of this person is already recorded (record ${sameNumber.id}, ${sameNumber.vaccinationDate}). To fix it, make a correcting record.`));
  }
  if (numberOk && n > 1 && (below?.doseNumber ?? 0) < n - 1) out.push(doseGap(n, below));
  if (!dateOk) return out;
  if (sameDate !== undefined) {
    const [vi, en] = sameDate.row !== undefined
      ? ((w): [string, string] => [w.vi, w.en])(fileRow(sameDate.row, sameDate.sheet, ownSheet))
      : [`bản ghi ${sameDate.id}`, `record ${sameDate.id}`];
    out.push(error('vaccinationDate', 'DOSE_SAME_DATE',
      `Người này đã có một mũi tiêm cùng ngày ${dmy(date)} (${vi}, mũi ${sameDate.doseNumber}): hai mũi không tiêm cùng ngày.`,
      `This person already has a dose on ${date} (${en}, dose ${sameDate.doseNumber}): two doses are not given on one day.`));
  }
  if (outOfOrder !== undefined) {
    out.push(warning('doseNumber', 'DOSE_ORDER_MISMATCH',
      `Thứ tự mũi không khớp ngày tiêm: mũi ${outOfOrder.doseNumber} ngày ${dmy(outOfOrder.vaccinationDate)}, mũi ${n} ngày ${dmy(date)}.`,
      `Dose numbers do not follow the dates: dose ${outOfOrder.doseNumber} on ${outOfOrder.vaccinationDate}, dose ${n} on ${date}.`));
  }
  if (earlierCount > 1) earlier = others.filter((o) => o.vaccinationDate < date).sort((a, b) => (a.vaccinationDate < b.vaccinationDate ? 1 : -1))[0];
  if (laterCount > 1) later = others.filter((o) => o.vaccinationDate > date).sort((a, b) => (a.vaccinationDate > b.vaccinationDate ? 1 : -1))[0];
  // The interval to the nearest earlier dose, else to the nearest later one: one warning at most.
  const tooShort =
    (earlier !== undefined ? intervalFinding(earlier.vaccinationDate, earlier.vaccine, date, d.vaccine ?? '') : null) ??
    (later !== undefined ? intervalFinding(date, d.vaccine ?? '', later.vaccinationDate, later.vaccine) : null);
  if (tooShort !== null) out.push(tooShort);
  return out;
}

/** "3", "2 và 3", "2, 3 và 4" (vi) / "3", "2 and 3", "2, 3 and 4" (en). */
function numberList(from: number, to: number, and: string): string {
  const all: number[] = [];
  for (let k = from; k <= to; k++) all.push(k);
  return all.length === 1 ? String(all[0]) : `${all.slice(0, -1).join(', ')} ${and} ${all[all.length - 1]}`;
}

/**
 * Dose `n` of a person whose doses recorded (stored, or in the same file) have none numbered
 * `n - 1`: dose 4 after dose 2, or "dose 3" after one Janssen dose, whose first booster is dose
 * 2. A warning, not an error: the dose missing may have been given elsewhere and never recorded
 * here. Said only beside another dose of the person (neighbourFindings): a station that records
 * only its boosters knows nothing of the doses before them. `below`: the person's highest dose
 * numbered below `n`, if any.
 */
function doseGap(n: number, below: OtherDose | undefined): Finding {
  const from = (below?.doseNumber ?? 0) + 1;
  const many = n - 1 > from;
  const listVi = numberList(from, n - 1, 'và');
  const listEn = numberList(from, n - 1, 'and');
  // After a completed primary series, which dose its first booster is ("Janssen is one dose").
  const series = below === undefined ? undefined : vaccineByCode(below.vaccine);
  const ended = series !== undefined && series.primaryDoses === below!.doseNumber;
  const seriesVi = ended ? ` ${series.nameVi} có ${series.primaryDoses} mũi cơ bản: mũi nhắc lại đầu tiên sau đó là mũi ${series.primaryDoses + 1}.` : '';
  const seriesEn = ended ? ` ${series.nameEn} is a primary series of ${series.primaryDoses} dose${series.primaryDoses > 1 ? 's' : ''}: the first booster after it is dose ${series.primaryDoses + 1}.` : '';
  const [afterVi, afterEn] =
    below === undefined
      ? [` trước mũi ${n}.`, ` before dose ${n}.`]
      : [`: mũi ${n} đứng sau mũi ${below.doseNumber} (${dmy(below.vaccinationDate)}).`, `: dose ${n} comes after their dose ${below.doseNumber} (${below.vaccinationDate}).`];
  return warning('doseNumber', 'DOSE_NUMBER_GAP',
    `Người này chưa có mũi ${listVi}${afterVi}${seriesVi} Nếu ${many ? 'các mũi này' : `mũi ${listVi}`} đã tiêm ở nơi khác, hãy xác nhận; nếu không, hãy kiểm tra lại số mũi.`,
    `This person has no dose${many ? 's' : ''} ${listEn} recorded${afterEn}${seriesEn} If ${many ? 'they were' : `dose ${listEn} was`} given elsewhere, confirm it; otherwise check the dose number.`);
}

function intervalFinding(firstDate: string, firstVaccine: string, secondDate: string, secondVaccine: string): Finding | null {
  const min = minInterval(firstVaccine, secondVaccine);
  const gap = daysBetween(firstDate, secondDate);
  // Written as the test it replaced: a gap that is not a number (a bad date) warns of nothing.
  if (!(min !== null && gap < min)) return null;
  return warning('vaccinationDate', 'DOSE_INTERVAL_TOO_SHORT',
    `Khoảng cách giữa hai mũi (${dmy(firstDate)} và ${dmy(secondDate)}) là ${gap} ngày, ít hơn tối thiểu ${min} ngày.`,
    `The interval between doses (${firstDate} and ${secondDate}) is ${gap} days, less than the minimum of ${min} days.`);
}

/** The dose's fields as text, and the person's other doses it is compared with (not superseded, not itself). */
function doseAmongOthers(input: DoseInput, ctx: ValidationContext): { d: DoseInput; others: readonly OtherDose[] } {
  const d: DoseInput = {
    vaccine: asText(input.vaccine),
    lot: asText(input.lot),
    doseNumber: typeof input.doseNumber === 'number' || typeof input.doseNumber === 'string' ? input.doseNumber : undefined,
    vaccinationDate: asText(input.vaccinationDate),
  };
  if (typeof input.id === 'string') d.id = input.id;
  // A person's first dose has no other: no filter (validation runs twice per imported row).
  const others = ctx.otherDoses.length === 0 ? ctx.otherDoses : ctx.otherDoses.filter((o) => o.state !== 'superseded' && (d.id === undefined || o.id !== d.id));
  return { d, others };
}

/**
 * Only the findings about the dose against the person's other doses (number, order, gap, same
 * day, interval): what validateDose adds to the dose's own, for a caller that judges a person's
 * doses again once all are known (the store's import, `wholePerson`).
 */
export function validateDoseAmongOthers(input: DoseInput, ctx: ValidationContext): Finding[] {
  const { d, others } = doseAmongOthers(input, ctx);
  return neighbourFindings(d, others, ctx.sheet);
}

/** Every finding about the dose, given the person it was given to and their other doses. */
/**
 * The facility code a record carries. Only a code stored before the setting's rule (an older
 * build) can be past the limit; signed, the platform refused the whole batch for it, and signing
 * held the record back again after every edit (session 27). The clerk cannot type it on the
 * record: the setting is where it is corrected, and unsigned records follow the setting.
 */
function facilityFinding(code: string | undefined): Finding | null {
  if (code === undefined || code.length <= FACILITY_CODE_MAX) return null;
  return error('facility', 'FACILITY_CODE_TOO_LONG',
    `Mã cơ sở của hồ sơ này ("${code.slice(0, 48)}${code.length > 48 ? '…' : ''}") dài ${code.length} ký tự, quá ${FACILITY_CODE_MAX} ký tự hệ thống quốc gia nhận: hãy đặt lại mã cơ sở đúng trong Cài đặt; các hồ sơ chưa ký sẽ theo mã mới.`,
    `This record's facility code ("${code.slice(0, 48)}${code.length > 48 ? '…' : ''}") is ${code.length} characters long, past the ${FACILITY_CODE_MAX} the national platform takes: set the right facility code in Settings; unsigned records follow the new code.`);
}

export function validateDose(input: DoseInput, person: PersonInput, ctx: ValidationContext): Finding[] {
  assertToday(ctx.today);
  // Only the date of birth is read here, as cleanPersonInput gives it (validateRecord has just
  // cleaned the whole person for validatePerson).
  const dob = asText(person.dob);
  const birth = partialDateBounds(dob.trim());
  const { d, others } = doseAmongOthers(input, ctx);
  // One list, appended to: each check finds one thing at most, and an array per check (and one of
  // the four) was most of what a clean dose allocated (~250 B, validation runs twice per imported row).
  const out: Finding[] = [];
  const vaccine = vaccineFinding(d.vaccine);
  if (vaccine !== null) out.push(vaccine);
  const lot = lotFinding(d.lot);
  if (lot !== null) out.push(lot);
  const doseNumber = doseNumberFinding(d.doseNumber);
  if (doseNumber !== null) out.push(doseNumber);
  const date = dateFinding(d.vaccinationDate, birth, ctx.today);
  if (date !== null) out.push(date);
  else {
    if (vaccine === null) {
      const young = ageFinding(d.vaccine ?? '', (d.vaccinationDate ?? '').trim(), birth);
      if (young !== null) out.push(young);
    }
    const old = oldAtVaccination(dob, birth, d.vaccinationDate ?? '', ctx.today);
    if (old !== null) out.push(old);
  }
  if (others.length > 0) for (const f of neighbourFindings(d, others, ctx.sheet)) out.push(f);
  const facility = facilityFinding(input.facilityCode);
  if (facility !== null) out.push(facility);
  return out;
}
